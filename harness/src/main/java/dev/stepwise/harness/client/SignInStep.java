package dev.stepwise.harness.client;

/**
 * The step a sign-in is waiting for, with Amplify JS's {@code nextStep.signInStep} names (plus Stepwise's own names in
 * the same style where Amplify has none). New names appear in new Cognito features and trigger versions: handle
 * {@link #UNKNOWN} in a default branch, and read {@link NextStep.Challenge#stepName()} for the raw name.
 */
public enum SignInStep {
    CONFIRM_SIGN_IN_WITH_EMAIL_CODE,
    CONFIRM_SIGN_IN_WITH_SMS_CODE,
    CONFIRM_SIGN_IN_WITH_TOTP_CODE,
    CONTINUE_SIGN_IN_WITH_TOTP_SETUP,
    CONFIRM_SIGN_IN_WITH_BACKUP_CODE,
    CONFIRM_SIGN_IN_WITH_EMAIL_LINK,
    /** Sign in with a passkey: the answer is {@code AuthenticationResponseJSON}. */
    CONFIRM_SIGN_IN_WITH_PASSKEY,
    /** Create a passkey: the answer is {@code RegistrationResponseJSON}. */
    CONTINUE_SIGN_IN_WITH_PASSKEY_SETUP,
    CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION,
    CONTINUE_SIGN_IN_WITH_MFA_SELECTION,
    CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION,
    CONFIRM_SIGN_IN_WITH_PASSWORD,
    CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED,
    CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE,
    /** A step name this version of the client does not know. */
    UNKNOWN;

    /** The step with this name, or {@link #UNKNOWN}. */
    public static SignInStep fromName(String name) {
        if (name == null) {
            return UNKNOWN;
        }
        for (SignInStep step : values()) {
            if (step != UNKNOWN && step.name().equals(name)) {
                return step;
            }
        }
        return UNKNOWN;
    }

    /** Whether the answer is a secret the user types (a code or a password), so prompts must not echo it. */
    public boolean answerIsSecret() {
        return switch (this) {
            case CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION,
                    CONTINUE_SIGN_IN_WITH_MFA_SELECTION,
                    CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION -> false;
            default -> true;
        };
    }
}
