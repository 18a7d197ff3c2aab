package dev.stepwise.harness.cli;

/** A failure the CLI reports as one line and a documented exit code. */
final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final transient ExitStatus status;

    CliException(ExitStatus status, String message) {
        super(message);
        this.status = status;
    }
}
