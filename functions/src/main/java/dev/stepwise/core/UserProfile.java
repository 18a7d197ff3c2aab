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

    /**
     * Whether the user can use the built-in {@code factor} now, from this profile alone. Password is always usable:
     * Cognito checks it. Factors registered by a team are not described by the profile (their handlers decide), so
     * this answers {@code false} for them.
     */
    public boolean canUse(Factor factor) {
        if (factor.equals(Factor.PASSWORD)) {
            return true;
        }
        if (factor.equals(Factor.EMAIL_CODE) || factor.equals(Factor.EMAIL_LINK)) {
            return email != null;
        }
        if (factor.equals(Factor.PHONE_CODE)) {
            return phoneNumber != null;
        }
        if (factor.equals(Factor.TOTP)) {
            return totp;
        }
        return factor.equals(Factor.BACKUP_CODE) && backupCodes > 0;
    }

    /** The destination for a built-in code or link factor, or {@code null}. */
    public String destination(Factor factor) {
        if (factor.equals(Factor.EMAIL_CODE) || factor.equals(Factor.EMAIL_LINK)) {
            return email;
        }
        return factor.equals(Factor.PHONE_CODE) ? phoneNumber : null;
    }

    @Override
    public String toString() {
        return "UserProfile[email=" + (email == null ? "none" : "verified") + ", phoneNumber="
                + (phoneNumber == null ? "none" : "verified") + ", totp=" + totp + ", backupCodes=" + backupCodes + "]";
    }
}
