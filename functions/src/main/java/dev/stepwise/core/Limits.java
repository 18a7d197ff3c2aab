package dev.stepwise.core;

import java.time.Duration;

/**
 * The limits of a policy.
 *
 * @param maxAttempts answers allowed per challenge (1..10)
 * @param codeLength digits in a code (4..10)
 * @param codeTtl how long a code is valid after it is sent (30 s..1 h)
 */
public record Limits(int maxAttempts, int codeLength, Duration codeTtl) {
    /** The documented defaults: 3 attempts, 6 digits, 5 minutes. */
    public static final Limits DEFAULT = new Limits(3, 6, Duration.ofMinutes(5));

    /** Validates the ranges; the messages name the setting to change. */
    public Limits {
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new ConfigurationException(
                    "STEPWISE_MAX_ATTEMPTS is " + maxAttempts + ": set it to a whole number from 1 to 10 (default 3)");
        }
        if (codeLength < 4 || codeLength > 10) {
            throw new ConfigurationException(
                    "STEPWISE_CODE_LENGTH is " + codeLength + ": set it to a whole number from 4 to 10 (default 6)");
        }
        if (codeTtl == null || codeTtl.toSeconds() < 30 || codeTtl.toSeconds() > 3600) {
            throw new ConfigurationException("STEPWISE_CODE_TTL_SECONDS is "
                    + (codeTtl == null ? "missing" : codeTtl.toSeconds())
                    + ": set it to a number of seconds from 30 to 3600 (default 300)");
        }
    }
}
