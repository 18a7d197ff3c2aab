package dev.stepwise.core;

/**
 * The public challenge contract, version {@value #VERSION}: the keys and values that Create puts in
 * {@code publicChallengeParameters}, the only thing a front-end sees of a custom challenge (Amplify:
 * {@code nextStep.additionalInfo}). Cognito adds {@code USERNAME} itself.
 */
public final class ChallengeContract {
    /** The contract version, sent as {@link #CONTRACT_VERSION}. */
    public static final String VERSION = "1";

    /** Key: the contract version. */
    public static final String CONTRACT_VERSION = "contractVersion";
    /** Key: the Amplify-style step name, e.g. {@code CONFIRM_SIGN_IN_WITH_EMAIL_CODE}. */
    public static final String STEP = "step";
    /** Key: the Clerk-style factor (strategy), e.g. {@code email_code}. */
    public static final String FACTOR = "factor";
    /** Key: the Clerk-style status, {@link #NEEDS_FIRST_FACTOR} or {@link #NEEDS_SECOND_FACTOR}. */
    public static final String STATUS = "status";
    /** Key: the choices on a selection step, comma separated factor ids; the answer is one of them. */
    public static final String OPTIONS = "options";
    /** Key: {@code EMAIL} or {@code SMS}. */
    public static final String DELIVERY_MEDIUM = "deliveryMedium";
    /** Key: the masked destination. */
    public static final String DESTINATION = "destination";
    /** Key: answers left for this challenge, this one included. */
    public static final String ATTEMPTS_REMAINING = "attemptsRemaining";
    /** Key: digits in the code. */
    public static final String CODE_LENGTH = "codeLength";
    /** Key: when the code expires, ISO-8601 UTC. */
    public static final String EXPIRES_AT = "expiresAt";

    /** Key: the otpauth URI of a new TOTP secret, on a TOTP set-up step only. */
    public static final String OTPAUTH_URI = "otpauthUri";
    /** Key: unused backup codes the user has, on a backup-code step. */
    public static final String BACKUP_CODES_REMAINING = "backupCodesRemaining";
    /** Key: why the previous answer (an email link) was refused: one of the {@code ERROR_LINK_*} values. */
    public static final String ERROR = "error";

    /** {@link #ERROR}: the link has expired; a new one is sent. */
    public static final String ERROR_LINK_EXPIRED = "link_expired";
    /** {@link #ERROR}: the link was already used. */
    public static final String ERROR_LINK_USED = "link_already_used";
    /** {@link #ERROR}: the link is not valid for this sign-in (malformed, or from another sign-in). */
    public static final String ERROR_LINK_INVALID = "link_invalid";
    /** {@link #ERROR}: the link is from this sign-in but a newer one was sent since. */
    public static final String ERROR_LINK_SUPERSEDED = "link_superseded";

    /** Step name of a TOTP set-up. */
    public static final String TOTP_SETUP = "CONTINUE_SIGN_IN_WITH_TOTP_SETUP";

    /** Status on the first step of the chain. */
    public static final String NEEDS_FIRST_FACTOR = "needs_first_factor";
    /** Status on every later step. */
    public static final String NEEDS_SECOND_FACTOR = "needs_second_factor";
    /** Status: a step marked {@code @new_device}, asked because the user has not trusted this device (Clerk's name). */
    public static final String NEEDS_CLIENT_TRUST = "needs_client_trust";

    /** Step name of a choice on the first step . */
    public static final String FIRST_FACTOR_SELECTION = "CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION";
    /** Step name of a choice on a later step . */
    public static final String MFA_SELECTION = "CONTINUE_SIGN_IN_WITH_MFA_SELECTION";

    /** The key of the one private challenge parameter: the sealed {@link ChallengeMetadata}. */
    public static final String PRIVATE_CHALLENGE = "challenge";

    private ChallengeContract() {}
}
