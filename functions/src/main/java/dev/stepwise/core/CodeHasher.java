package dev.stepwise.core;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;

/**
 * The keyed hash of a code that travels instead of the code, and the constant-time check of an answer against it.
 * Thread-safe.
 *
 * <p>The hash is HMAC-SHA256 under a key derived from {@code STEPWISE_SECRET}, bound to the pool, the user, the step,
 * the factor and the expiry: a hash made for one round does not accept the same digits in another. A six-digit code
 * has only a million values, so an unkeyed hash would be reversed by trying them all; the key prevents that.
 */
public final class CodeHasher {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final StepwiseKeys keys;

    /** Hashes with the code-hash key of {@code keys}. */
    public CodeHasher(StepwiseKeys keys) {
        this.keys = keys;
    }

    /** The base64url keyed hash of {@code code} for one round. */
    public String hash(
            String userPoolId, String userName, int step, Factor factor, Instant expiresAt, OneTimeCode code) {
        return ENCODER.encodeToString(
                raw(keys.codeHashKey(), userPoolId, userName, step, factor, expiresAt, code.digits()));
    }

    /**
     * Whether {@code answer} hashes to {@code expectedHash}. The comparison takes the same time wherever the hashes
     * differ ({@link MessageDigest#isEqual}), so response times do not reveal how much of a guess was right.
     */
    public boolean matches(
            String userPoolId,
            String userName,
            int step,
            Factor factor,
            Instant expiresAt,
            String answer,
            String expectedHash) {
        byte[] expected;
        try {
            expected = DECODER.decode(expectedHash);
        } catch (IllegalArgumentException e) {
            return false;
        }
        boolean matches = false;
        for (byte[] key : keys.codeHashKeys()) {
            matches |= MessageDigest.isEqual(raw(key, userPoolId, userName, step, factor, expiresAt, answer), expected);
        }
        return matches;
    }

    private static byte[] raw(
            byte[] key, String userPoolId, String userName, int step, Factor factor, Instant expiresAt, String digits) {
        return Hmac.sha256(
                key,
                "code",
                userPoolId,
                userName,
                Integer.toString(step),
                factor.id(),
                Long.toString(expiresAt.getEpochSecond()),
                digits);
    }
}
