package dev.stepwise.harness.client;

/**
 * The sign-in could not talk to the user pool at all (endpoint unreachable, not Cognito, bad configuration of this
 * client). Errors that Cognito itself returns are {@link NextStep} values instead.
 */
public final class SignInException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An exception with a message that says what failed and how to fix it. */
    public SignInException(String message, Throwable cause) {
        super(message, cause);
    }
}
