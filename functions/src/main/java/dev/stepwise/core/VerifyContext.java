package dev.stepwise.core;

import java.util.Map;

/**
 * What Verify knows about an answer. The answer is secret, so {@link #toString()} redacts it.
 *
 * @param userPoolId the pool
 * @param userName the username
 * @param clientId the app client, or {@code null}
 * @param privateParameters what the last Create put in {@code privateChallengeParameters}; may be empty
 * @param answer the client's {@code ANSWER}, or {@code null}
 * @param userNotFound whether the user does not exist
 * @param user the user's verified email and phone number, where a notice of a newly enrolled authenticator goes
 */
public record VerifyContext(
        String userPoolId,
        String userName,
        String clientId,
        Map<String, String> privateParameters,
        String answer,
        boolean userNotFound,
        UserProfile user) {
    /** Checks the required parts and copies the map. */
    public VerifyContext {
        if (userPoolId == null || userPoolId.isBlank()) {
            throw new IllegalArgumentException("userPoolId is missing");
        }
        if (userName == null || userName.isBlank()) {
            throw new IllegalArgumentException("userName is missing");
        }
        privateParameters = privateParameters == null ? Map.of() : Map.copyOf(privateParameters);
        user = user == null ? UserProfile.NONE : user;
    }

    /** A context without the user's verified destinations (nothing to notify). */
    public VerifyContext(
            String userPoolId,
            String userName,
            String clientId,
            Map<String, String> privateParameters,
            String answer,
            boolean userNotFound) {
        this(userPoolId, userName, clientId, privateParameters, answer, userNotFound, UserProfile.NONE);
    }

    @Override
    public String toString() {
        return "VerifyContext[userPoolId=" + userPoolId + ", clientId=" + clientId + ", answer=redacted, userNotFound="
                + userNotFound + "]";
    }
}
