package dev.stepwise.harness.scenario;

import java.util.Objects;

/**
 * The user a scenario creates before signing in.
 *
 * @param username the username
 * @param password the permanent password set for the user
 * @param email the email address, or null
 * @param phoneNumber the phone number (E.164), or null
 * @param emailVerified whether {@code email_verified} is true
 * @param phoneNumberVerified whether {@code phone_number_verified} is true
 * @param exists false to create no user at all (unknown-user scenarios)
 * @param enabled false to disable the user after creating it
 * @param backupCodes how many backup codes to provision for the user (0: none); targets that cannot skip
 */
public record ScenarioUser(
        String username,
        String password,
        String email,
        String phoneNumber,
        boolean emailVerified,
        boolean phoneNumberVerified,
        boolean exists,
        boolean enabled,
        int backupCodes) {

    /** Validates. */
    public ScenarioUser {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (backupCodes < 0 || backupCodes > 50) {
            throw new IllegalArgumentException("backupCodes must be 0 to 50");
        }
    }

    @Override
    public String toString() {
        return "ScenarioUser[" + username + ", password=<redacted>, email=" + email + ", phoneNumber=" + phoneNumber
                + ", exists=" + exists + ", enabled=" + enabled + ", backupCodes=" + backupCodes + "]";
    }
}
