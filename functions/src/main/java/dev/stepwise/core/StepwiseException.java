package dev.stepwise.core;

/**
 * The root of every exception Stepwise throws on purpose. What a failure may reveal is a property of its type, not of
 * where it was thrown: {@link #shownToUser()} says whether the message is written for the person signing in (Cognito
 * passes it on as {@code "<Trigger> failed with error <message>"}), and {@link #logDetail()} is what an invocation's
 * log line may keep of it. Neither ever carries a code, an answer, a secret, a token or a destination; exceptions of
 * other types (the JDK's, the SDK's) are logged by class name only, since their messages may quote their input.
 */
public abstract class StepwiseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** With a message that follows the rules of {@link #shownToUser()} and {@link #logDetail()}. */
    protected StepwiseException(String message) {
        super(message);
    }

    /**
     * With a cause, which is never logged: keep in it only what a debugger may see.
     *
     * @param cause the underlying failure, or {@code null}
     */
    protected StepwiseException(String message, Throwable cause) {
        super(message, cause);
    }

    /** For an exception without a stack trace or suppressed exceptions (a fixed text shown to users). */
    protected StepwiseException(String message, boolean writableStackTrace) {
        super(message, null, false, writableStackTrace);
    }

    /**
     * Whether {@link #getMessage()} is written for the person signing in and may reach them as it is. When false, the
     * handler shows one fixed text in its place. False unless a subtype says otherwise.
     */
    public boolean shownToUser() {
        return false;
    }

    /** What the invocation log may keep of this failure: by default the message, which Stepwise writes log-safe. */
    public String logDetail() {
        return getMessage();
    }
}
