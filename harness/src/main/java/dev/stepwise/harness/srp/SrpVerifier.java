package dev.stepwise.harness.srp;

import java.math.BigInteger;
import java.util.HexFormat;

/**
 * What a server stores instead of a password: the salt and the verifier {@code v = g^x mod N}, where
 * {@code x = H(PAD(salt) | H(poolName | userId | ":" | password))}.
 *
 * <p>The user id must be the one the server will send as {@code USER_ID_FOR_SRP} (Cognito uses the user's
 * username, which for pools with email or phone as username is a generated id).
 *
 * @param salt the salt, hex (sent to clients as {@code SALT})
 * @param verifier the verifier, hex; password-equivalent against offline guessing, so keep it private
 */
public record SrpVerifier(String salt, String verifier) {

    /** Validates that both values are hex. */
    public SrpVerifier {
        CognitoSrpGroup.parseHex("salt", salt);
        CognitoSrpGroup.parseHex("verifier", verifier);
    }

    /** Makes a verifier with a fresh 16-byte salt from {@link java.security.SecureRandom}. */
    public static SrpVerifier create(String userPoolId, String userId, String password) {
        return create(userPoolId, userId, password, HexFormat.of().formatHex(SrpClient.randomBytes(16)));
    }

    /**
     * Makes a verifier with a chosen salt (hex), for reproducible tests and for re-deriving a stored verifier.
     *
     * @throws IllegalArgumentException if the pool id, user id, password or salt is malformed
     */
    public static SrpVerifier create(String userPoolId, String userId, String password, String salt) {
        if (userId == null || userId.isEmpty()) {
            throw new IllegalArgumentException("userId is required");
        }
        if (password == null) {
            throw new IllegalArgumentException("password is required");
        }
        BigInteger saltValue = CognitoSrpGroup.parseHex("salt", salt);
        BigInteger x = CognitoSrpGroup.x(CognitoSrpGroup.poolName(userPoolId), userId, password, saltValue);
        return new SrpVerifier(
                CognitoSrpGroup.hex(saltValue), CognitoSrpGroup.hex(CognitoSrpGroup.G.modPow(x, CognitoSrpGroup.N)));
    }

    /** Redacts the verifier. */
    @Override
    public String toString() {
        return "SrpVerifier[salt=" + salt + ", verifier=<redacted>]";
    }
}
