package dev.stepwise.core;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A way for a user to prove one step of the sign-in chain. The identifiers are Clerk-style strategy names and appear in
 * policies and in the challenge contract's {@code factor} key.
 *
 * <p>All six run: {@link #PASSWORD} through Cognito's SRP inside CUSTOM_AUTH, the others as custom challenges.
 */
public enum Factor {
    /** The Cognito password, proved by SRP ({@code SRP_A} then {@code PASSWORD_VERIFIER}); first step only. */
    PASSWORD("password", null, "CONFIRM_SIGN_IN_WITH_PASSWORD", true),
    /** A one-time code sent by email to the user's verified address. */
    EMAIL_CODE("email_code", DeliveryMedium.EMAIL, "CONFIRM_SIGN_IN_WITH_EMAIL_CODE", true),
    /** A one-time code sent by SMS to the user's verified phone number. */
    PHONE_CODE("phone_code", DeliveryMedium.SMS, "CONFIRM_SIGN_IN_WITH_SMS_CODE", true),
    /** A signed, expiring, single-use link sent by email; the answer is its token. */
    EMAIL_LINK("email_link", DeliveryMedium.EMAIL, "CONFIRM_SIGN_IN_WITH_EMAIL_LINK", true),
    /** A code from an authenticator app (RFC 6238); set up during sign-in when the user has none. */
    TOTP("totp", null, "CONFIRM_SIGN_IN_WITH_TOTP_CODE", true),
    /** A single-use backup code, generated beforehand and stored only as keyed hashes. */
    BACKUP_CODE("backup_code", null, "CONFIRM_SIGN_IN_WITH_BACKUP_CODE", true);

    private final String id;
    private final DeliveryMedium medium;
    private final String stepName;
    private final boolean implemented;

    Factor(String id, DeliveryMedium medium, String stepName, boolean implemented) {
        this.id = id;
        this.medium = medium;
        this.stepName = stepName;
        this.implemented = implemented;
    }

    /** The identifier used in policies and in the challenge contract, e.g. {@code email_code}. */
    public String id() {
        return id;
    }

    /** Where the code is sent, or {@code null} for factors that send nothing. */
    public DeliveryMedium medium() {
        return medium;
    }

    /** The Amplify-style step name a client shows for this factor. */
    public String stepName() {
        return stepName;
    }

    /** Whether this version of Stepwise can run the factor. */
    public boolean implemented() {
        return implemented;
    }

    /** Whether the factor is a one-time code that Stepwise generates and sends. */
    public boolean sendsCode() {
        return this == EMAIL_CODE || this == PHONE_CODE;
    }

    /** The factor with this identifier, if any. */
    public static Optional<Factor> fromId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
    }

    /** All identifiers, comma separated, for error messages. */
    public static String allIds() {
        return Arrays.stream(values()).map(Factor::id).collect(Collectors.joining(", "));
    }
}
