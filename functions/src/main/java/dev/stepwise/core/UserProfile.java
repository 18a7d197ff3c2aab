package dev.stepwise.core;

import java.util.Map;

/**
 * What the sign-in knows about the user's factors, from Cognito's {@code userAttributes}. Only verified destinations
 * count. Holds personal data, so {@link #toString()} shows none of it.
 *
 * @param email the verified email address, or {@code null}
 * @param phoneNumber the verified E.164 phone number, or {@code null}
 * @param totp whether the user has an authenticator app enrolled (from the state table)
 * @param backupCodes how many unused backup codes the user has (from the state table)
 */
public record UserProfile(String email, String phoneNumber, boolean totp, int backupCodes) {
    /** A user with no usable destination (also what an unknown user looks like). */
    public static final UserProfile NONE = new UserProfile(null, null);

    /** A user with these destinations and nothing enrolled. */
    public UserProfile(String email, String phoneNumber) {
        this(email, phoneNumber, false, 0);
    }

    /** This user with the enrolments read from the state table. */
    public UserProfile withEnrolments(boolean totp, int backupCodes) {
        return new UserProfile(email, phoneNumber, totp, backupCodes);
    }

    /**
     * Reads {@code email} + {@code email_verified} and {@code phone_number} + {@code phone_number_verified}. An
     * unverified or malformed value counts as absent.
     */
    public static UserProfile fromAttributes(Map<String, String> attributes) {
        if (attributes == null) {
            return NONE;
        }
        String email = attributes.get("email");
        boolean emailOk = "true".equalsIgnoreCase(attributes.get("email_verified"))
                && email != null
                && email.length() <= 320
                && email.matches("[^@\\s]+@[^@\\s]+");
        String phone = attributes.get("phone_number");
        boolean phoneOk = "true".equalsIgnoreCase(attributes.get("phone_number_verified"))
                && phone != null
                && phone.matches("\\+[1-9][0-9]{6,14}");
        return new UserProfile(emailOk ? email : null, phoneOk ? phone : null);
    }

    /** Whether the user can use {@code factor} now. Password is always usable: Cognito checks it. */
    public boolean canUse(Factor factor) {
        return switch (factor) {
            case PASSWORD -> true;
            case EMAIL_CODE -> email != null;
            case PHONE_CODE -> phoneNumber != null;
            case EMAIL_LINK -> email != null;
            case TOTP -> totp;
            case BACKUP_CODE -> backupCodes > 0;
        };
    }

    /** The destination for a code factor, or {@code null}. */
    public String destination(Factor factor) {
        return switch (factor) {
            case EMAIL_CODE, EMAIL_LINK -> email;
            case PHONE_CODE -> phoneNumber;
            default -> null;
        };
    }

    @Override
    public String toString() {
        return "UserProfile[email=" + (email == null ? "none" : "verified") + ", phoneNumber="
                + (phoneNumber == null ? "none" : "verified") + ", totp=" + totp + ", backupCodes=" + backupCodes + "]";
    }
}
