package dev.stepwise.harness.scenario;

/** A scenario file that cannot be used; the message names the file, the place and what to write instead. */
public final class ScenarioFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    ScenarioFormatException(String message) {
        super(message);
    }
}
