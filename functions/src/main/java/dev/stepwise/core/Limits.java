package dev.stepwise.core;

import java.time.Duration;

/**
 * The limits of a policy. Their ranges and defaults are written here and nowhere else.
 *
 * @param maxAttempts answers allowed per challenge ({@link #ATTEMPTS})
 * @param codeLength digits in a code ({@link #CODE_LENGTH})
 * @param codeTtl how long a code is valid after it is sent ({@link #CODE_TTL_SECONDS}, in seconds)
 */
public record Limits(int maxAttempts, int codeLength, Duration codeTtl) {
    /** Answers allowed per challenge. */
    public static final Range ATTEMPTS = new Range(1, 10);

    /** Digits in a code. */
    public static final Range CODE_LENGTH = new Range(4, 10);

    /** Code lifetime in seconds. */
    public static final Range CODE_TTL_SECONDS = new Range(30, 3600);

    /** The defaults: 3 attempts, 6 digits, 5 minutes. */
    public static final Limits DEFAULT = new Limits(3, 6, Duration.ofMinutes(5));

    /**
     * Validates the ranges.
     *
     * @throws ConfigurationException whose {@linkplain ConfigurationException#subject() subject} is the component
     */
    public Limits {
        ATTEMPTS.check("maxAttempts", maxAttempts);
        CODE_LENGTH.check("codeLength", codeLength);
        if (codeTtl == null) {
            throw new ConfigurationException("codeTtl", "codeTtl is missing");
        }
        CODE_TTL_SECONDS.check("codeTtl", codeTtl.toSeconds());
    }
}
