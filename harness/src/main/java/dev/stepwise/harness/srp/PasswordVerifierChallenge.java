package dev.stepwise.harness.srp;

import java.util.Map;

/**
 * The parameters of Cognito's PASSWORD_VERIFIER challenge, as the client receives them.
 *
 * @param srpB the server's public value B, hex ({@code SRP_B})
 * @param salt the user's salt, hex ({@code SALT})
 * @param secretBlock the opaque, base64 {@code SECRET_BLOCK} the client signs and echoes
 * @param userIdForSrp the user id the verifier was made with ({@code USER_ID_FOR_SRP}); sign with this, not the
 *     alias the user typed
 */
public record PasswordVerifierChallenge(String srpB, String salt, String secretBlock, String userIdForSrp) {

    /** Validates that every parameter is present. */
    public PasswordVerifierChallenge {
        require("SRP_B", srpB);
        require("SALT", salt);
        require("SECRET_BLOCK", secretBlock);
        require("USER_ID_FOR_SRP", userIdForSrp);
    }

    /**
     * Reads the challenge from Cognito's {@code ChallengeParameters}.
     *
     * @throws IllegalArgumentException if a parameter is missing
     */
    public static PasswordVerifierChallenge fromParameters(Map<String, String> parameters) {
        return new PasswordVerifierChallenge(
                parameters.get("SRP_B"),
                parameters.get("SALT"),
                parameters.get("SECRET_BLOCK"),
                parameters.get("USER_ID_FOR_SRP"));
    }

    private static void require(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("PASSWORD_VERIFIER challenge has no " + name);
        }
    }
}
