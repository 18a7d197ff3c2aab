package dev.stepwise.harness.scenario;

/**
 * How a scenario must end: signed in, or an error with this code (and, when given, this message).
 *
 * @param done whether tokens are expected
 * @param errorCode the expected Cognito error code (e.g. {@code NotAuthorizedException}) when not done
 * @param message the expected error message, or null to accept any
 */
public record ExpectedOutcome(boolean done, String errorCode, String message) {

    /** Signed in. */
    public static ExpectedOutcome signedIn() {
        return new ExpectedOutcome(true, null, null);
    }

    /** Fails with this error code and, when not null, this message. */
    public static ExpectedOutcome fails(String errorCode, String message) {
        return new ExpectedOutcome(false, errorCode, message);
    }

    /** As in reports: {@code DONE} or {@code fails with <code> "<message>"}. */
    public String describe() {
        if (done) {
            return "DONE";
        }
        return "fails with " + errorCode + (message == null ? "" : " \"" + message + "\"");
    }
}
