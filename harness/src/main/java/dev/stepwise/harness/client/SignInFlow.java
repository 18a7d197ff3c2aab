package dev.stepwise.harness.client;

/**
 * How a sign-in starts, named as Amplify JS names its {@code authFlowType}s.
 *
 * <p>Both SRP flows prove the password with Cognito's SRP variant inside {@link SignInClient#start}: the password
 * never leaves the process.
 */
public enum SignInFlow {
    /** InitiateAuth {@code CUSTOM_AUTH} with only the username: the custom challenges start at once. */
    CUSTOM_WITHOUT_SRP,
    /** InitiateAuth {@code CUSTOM_AUTH} with {@code SRP_A}: the password first, then the custom challenges. */
    CUSTOM_WITH_SRP,
    /** InitiateAuth {@code USER_SRP_AUTH}: a plain password sign-in (then Cognito's own MFA, if any). */
    USER_SRP_AUTH;

    /** Whether this flow needs the user's password. */
    public boolean needsPassword() {
        return this != CUSTOM_WITHOUT_SRP;
    }
}
