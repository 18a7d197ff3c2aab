package dev.stepwise.core;

import java.util.List;

/**
 * What Define and Create know about a sign-in: who, from which app client, and the rounds so far.
 *
 * @param userPoolId the pool, e.g. {@code us-east-1_EXAMPLE}
 * @param userName the user's real username (for an unknown user: what the client sent)
 * @param clientId the app client, or {@code null} when Cognito sent none
 * @param user the user's usable destinations
 * @param history completed rounds, oldest first
 * @param userNotFound whether Cognito runs the triggers for a user that does not exist
 */
public record SignInContext(
        String userPoolId,
        String userName,
        String clientId,
        UserProfile user,
        List<Round> history,
        boolean userNotFound) {
    /** Checks the required parts and copies the history. */
    public SignInContext {
        if (userPoolId == null || userPoolId.isBlank()) {
            throw new IllegalArgumentException("userPoolId is missing");
        }
        if (userName == null || userName.isBlank()) {
            throw new IllegalArgumentException("userName is missing");
        }
        if (user == null) {
            throw new IllegalArgumentException("user is missing");
        }
        history = List.copyOf(history);
    }

    /** This sign-in as Create treats an unknown user's: a decoy that sends nothing. */
    public SignInContext asDecoy() {
        return new SignInContext(userPoolId, userName, clientId, user, history, true);
    }
}
