package dev.stepwise.harness.emulator;

import java.util.Objects;

/**
 * What {@link CognitoEmulator#seed()} created: a user pool wired to the bundled Stepwise triggers as the CDK app deploys
 * them (the token guard and post confirmation included), an app client that allows custom auth and refresh only, and a
 * confirmed demo user with a verified email and phone number.
 *
 * @param userPoolId the pool id, e.g. {@code us-east-1_AbC123xyz}
 * @param clientId the app client id (no secret)
 * @param username the demo user's username
 * @param password the demo user's password (random per seed; redacted from {@link #toString()})
 * @param email the demo user's verified email address
 * @param phoneNumber the demo user's verified phone number (E.164)
 */
public record Seeded(
        String userPoolId, String clientId, String username, String password, String email, String phoneNumber) {

    /** Requires every member. */
    public Seeded {
        Objects.requireNonNull(userPoolId, "userPoolId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(phoneNumber, "phoneNumber");
    }

    /** Redacts the password. */
    @Override
    public String toString() {
        return "Seeded[userPoolId=" + userPoolId + ", clientId=" + clientId + ", username=" + username
                + ", password=<redacted>, email=" + email + ", phoneNumber=" + phoneNumber + "]";
    }
}
