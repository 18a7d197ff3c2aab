package dev.stepwise.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;

/**
 * Keyed hashes for one factor: HMAC-SHA256 under a key derived from the Stepwise secret and the factor's id, so a
 * factor can keep what it must compare later (an answer, a challenge) without keeping it in the clear. Different
 * factors get different keys; during a secret rotation {@link #matches} accepts hashes made with the previous secret
 * too. Thread-safe.
 */
public final class FactorKeys {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final List<byte[]> keys;

    FactorKeys(StepwiseKeys keys, Factor factor) {
        this.keys = keys.factorKeys(factor.id());
    }

    /**
     * The keys of factor {@code factorId} under {@code keys}: the same ones its handler gets in a sign-in, for tools
     * that enrol a user outside a sign-in (an administrator's command, a test that seeds the state table).
     */
    public static FactorKeys of(StepwiseKeys keys, String factorId) {
        return new FactorKeys(keys, Factor.of(factorId));
    }

    /**
     * The base64url HMAC-SHA256 of {@code parts} under the current key. Each part is length-prefixed, so
     * {@code ("ab", "c")} and {@code ("a", "bc")} differ. Bind what the hash is for in the parts (e.g. the pool, the
     * user and a purpose), so a hash made for one use does not match in another.
     */
    public String hash(String... parts) {
        return ENCODER.encodeToString(Hmac.sha256(keys.get(0), parts));
    }

    /**
     * Whether {@code expected} is the hash of {@code parts} under the current or the previous key, compared in
     * constant time ({@link MessageDigest#isEqual}), so response times do not reveal how much of a guess was right.
     */
    public boolean matches(String expected, String... parts) {
        if (expected == null) {
            return false;
        }
        byte[] wanted = expected.getBytes(StandardCharsets.US_ASCII);
        boolean matches = false;
        for (byte[] key : keys) {
            matches |= MessageDigest.isEqual(
                    ENCODER.encodeToString(Hmac.sha256(key, parts)).getBytes(StandardCharsets.US_ASCII), wanted);
        }
        return matches;
    }
}
