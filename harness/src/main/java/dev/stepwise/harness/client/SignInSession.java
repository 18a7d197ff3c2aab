package dev.stepwise.harness.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

/**
 * What it takes to answer the current challenge: Cognito's opaque {@code Session}, the challenge name, the username
 * Cognito asked to be sent back, and the public challenge parameters (so the step can be shown again after a resume).
 *
 * <p>{@link #save()} turns it into one printable string and {@link #resume(String)} reads it back, so a sign-in can
 * continue in another process, within Cognito's session lifetime (3 minutes by default, per challenge). The string
 * holds the Cognito session, which lets its holder answer the challenge: treat it as a secret. {@link #toString()}
 * redacts it.
 *
 * @param challengeName Cognito's {@code ChallengeName}, e.g. {@code CUSTOM_CHALLENGE}
 * @param session Cognito's {@code Session}
 * @param username the {@code USERNAME} to send with the answer
 * @param parameters Cognito's {@code ChallengeParameters}
 */
public record SignInSession(String challengeName, String session, String username, Map<String, String> parameters) {

    private static final String PREFIX = "stepwise-session-v1.";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Validates and copies. */
    public SignInSession {
        Objects.requireNonNull(challengeName, "challengeName");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(username, "username");
        parameters = Map.copyOf(parameters == null ? Map.of() : parameters);
    }

    /** This session as one URL-safe string; see {@link #resume(String)}. */
    public String save() {
        try {
            byte[] json = JSON.writeValueAsBytes(Map.of(
                    "challengeName",
                    challengeName,
                    "session",
                    session,
                    "username",
                    username,
                    "parameters",
                    parameters));
            return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the session", e);
        }
    }

    /**
     * Reads a string made by {@link #save()}.
     *
     * @throws IllegalArgumentException if the string was not made by {@link #save()} or is damaged
     */
    public static SignInSession resume(String saved) {
        if (saved == null || !saved.strip().startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a saved Stepwise session (it should start with " + PREFIX + ")");
        }
        try {
            byte[] json = Base64.getUrlDecoder().decode(saved.strip().substring(PREFIX.length()));
            Map<String, Object> fields = JSON.readValue(json, new TypeReference<>() {});
            @SuppressWarnings("unchecked")
            Map<String, String> parameters = (Map<String, String>) fields.get("parameters");
            return new SignInSession(
                    (String) fields.get("challengeName"),
                    (String) fields.get("session"),
                    (String) fields.get("username"),
                    parameters);
        } catch (IllegalArgumentException | NullPointerException | ClassCastException | java.io.IOException e) {
            throw new IllegalArgumentException("the saved session is damaged: " + e.getMessage(), e);
        }
    }

    /** Redacts the Cognito session. */
    @Override
    public String toString() {
        return "SignInSession[challengeName=" + challengeName + ", session=<redacted>, username=" + username + "]";
    }
}
