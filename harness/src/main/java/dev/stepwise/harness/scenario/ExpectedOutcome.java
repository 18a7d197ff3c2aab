package dev.stepwise.harness.scenario;

/**
 * How a scenario must end: signed in (with tokens that carry these factor claims, when given), or an error with this
 * code (and, when given, this message).
 *
 * @param done whether tokens are expected
 * @param errorCode the expected Cognito error code (e.g. {@code NotAuthorizedException}) when not done
 * @param message the expected error message, or null to accept any
 * @param amr the {@code stepwise:amr} claim both tokens must carry, or null not to check it; checked only on targets
 *     whose pool runs Stepwise's pre token generation ({@link ScenarioEnvironment#factorClaims()})
 */
public record ExpectedOutcome(boolean done, String errorCode, String message, String amr) {

    /** Signed in. */
    public static ExpectedOutcome signedIn() {
        return new ExpectedOutcome(true, null, null, null);
    }

    /** Signed in, with tokens whose {@code stepwise:amr} is {@code amr}. */
    public static ExpectedOutcome signedIn(String amr) {
        return new ExpectedOutcome(true, null, null, amr);
    }

    /** Fails with this error code and, when not null, this message. */
    public static ExpectedOutcome fails(String errorCode, String message) {
        return new ExpectedOutcome(false, errorCode, message, null);
    }

    /** As in reports: {@code DONE} or {@code fails with <code> "<message>"}. */
    public String describe() {
        if (done) {
            return amr == null ? "DONE" : "DONE with amr \"" + amr + "\"";
        }
        return "fails with " + errorCode + (message == null ? "" : " \"" + message + "\"");
    }
}
