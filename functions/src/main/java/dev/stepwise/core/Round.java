package dev.stepwise.core;

/**
 * One completed round of a sign-in, as Cognito reports it in {@code request.session}.
 *
 * @param challengeName {@link #CUSTOM_CHALLENGE}, {@link #SRP_A}, {@link #PASSWORD_VERIFIER} or another Cognito name
 * @param passed whether the round was passed ({@code challengeResult})
 * @param metadata the {@code challengeMetadata} that Create set for the round, or {@code null}
 */
public record Round(String challengeName, boolean passed, String metadata) {
    /** A round that Create and Verify ran. */
    public static final String CUSTOM_CHALLENGE = "CUSTOM_CHALLENGE";
    /** The SRP start of a password sign-in inside CUSTOM_AUTH. */
    public static final String SRP_A = "SRP_A";
    /** The SRP password check that Cognito runs after {@link #SRP_A}. */
    public static final String PASSWORD_VERIFIER = "PASSWORD_VERIFIER";
}
