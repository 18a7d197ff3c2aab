package dev.stepwise.core;

import java.security.SecureRandom;

/**
 * Makes one-time codes whose digits are uniform and independent, drawn from a {@link SecureRandom} without modulo
 * bias. Nothing about a code can be computed from its sign-in: a retried Create finds the code sealed in the round's
 * send claim instead (see {@link SendClaims}). Thread-safe.
 */
public final class CodeGenerator {
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
}
