package dev.stepwise.core;

import java.security.SecureRandom;

/**
 * Makes one-time codes whose digits are uniform and independent. Thread-safe.
 *
 * <p>{@link #random} draws from a {@link SecureRandom}. {@link #derive} makes the code a pseudo-random function of
 * its inputs, keyed with a secret: the same inputs always give the same code, which is how a retried Create sends the
 * same code again (see {@link CustomAuthFlow}). Both avoid modulo bias: a byte is used only when it is below 250 (the
 * largest multiple of 10 that fits), so each of the ten digits has exactly 25 byte values.
 */
public final class CodeGenerator {
    private static final int UNBIASED_BOUND = 250;

    private final SecureRandom random;

    /** Draws random codes from {@code random}. */
    public CodeGenerator(SecureRandom random) {
        this.random = random;
    }

    /** A code of {@code length} digits from the secure random source. */
    public OneTimeCode random(int length) {
        StringBuilder digits = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            // nextInt(bound) rejects out-of-range draws itself, so every digit is equally likely.
            digits.append((char) ('0' + random.nextInt(10)));
        }
        return new OneTimeCode(digits.toString());
    }

    /**
     * A code of {@code length} digits derived from {@code inputs} with HMAC-SHA256 under {@code key}, in counter mode,
     * keeping only bytes below 250.
     */
    static OneTimeCode derive(byte[] key, int length, String... inputs) {
        StringBuilder digits = new StringBuilder(length);
        String[] parts = new String[inputs.length + 1];
        System.arraycopy(inputs, 0, parts, 1, inputs.length);
        for (int block = 0; digits.length() < length; block++) {
            parts[0] = "block-" + block;
            for (byte b : Hmac.sha256(key, parts)) {
                int value = b & 0xff;
                if (value < UNBIASED_BOUND && digits.length() < length) {
                    digits.append((char) ('0' + value % 10));
                }
            }
        }
        return new OneTimeCode(digits.toString());
    }
}
