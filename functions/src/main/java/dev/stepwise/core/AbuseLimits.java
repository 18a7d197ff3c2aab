package dev.stepwise.core;

import java.time.Duration;

/**
 * The abuse controls' limits, the same for every policy of a function: lockout across sign-ins, send cooldown and
 * hourly send limit per user and channel, and an hourly cap on SMS sends per user pool. See {@link AbuseGuard}.
 *
 * @param enabled whether the controls run at all (they need the state table)
 * @param maxFailures wrong answers within {@code lockout} that lock a user (1..100)
 * @param lockout the failure window, and how long a lock lasts (1 minute to 1 day)
 * @param sendCooldown the shortest gap between two sends to one user on one channel (0 to 1 hour; 0 turns it off)
 * @param sendsPerHour sends per user and channel per clock hour (1..1000)
 * @param smsPerHour SMS sends per user pool per clock hour (1..1,000,000)
 * @param maxOpenSignIns unfinished sign-ins per user within the lockout window (1..1000)
 */
public record AbuseLimits(
        boolean enabled,
        int maxFailures,
        Duration lockout,
        Duration sendCooldown,
        int sendsPerHour,
        int smsPerHour,
        int maxOpenSignIns) {
    /** The default cap of unfinished sign-ins per user. */
    public static final int DEFAULT_MAX_OPEN_SIGN_INS = 10;

    /** The defaults: 5 failures in 15 minutes lock for 15 minutes; one send per 30 s and 10 per hour; 1,000 SMS/h. */
    public static final AbuseLimits DEFAULT =
            new AbuseLimits(true, 5, Duration.ofMinutes(15), Duration.ofSeconds(30), 10, 1000);

    /** No abuse controls (not recommended; for functions without a state table). */
    public static final AbuseLimits OFF =
            new AbuseLimits(false, 5, Duration.ofMinutes(15), Duration.ofSeconds(30), 10, 1000);

    /**
     * Checks the ranges.
     *
     * @throws ConfigurationException naming the limit that is out of range
     */
    public AbuseLimits {
        check(maxFailures >= 1 && maxFailures <= 100, "STEPWISE_LOCKOUT_MAX_FAILURES must be 1..100");
        check(
                lockout != null && lockout.toSeconds() >= 60 && lockout.toSeconds() <= 86_400,
                "STEPWISE_LOCKOUT_SECONDS must be 60..86400");
        check(
                sendCooldown != null && !sendCooldown.isNegative() && sendCooldown.toSeconds() <= 3600,
                "STEPWISE_SEND_COOLDOWN_SECONDS must be 0..3600");
        check(sendsPerHour >= 1 && sendsPerHour <= 1000, "STEPWISE_SENDS_PER_HOUR must be 1..1000");
        check(smsPerHour >= 1 && smsPerHour <= 1_000_000, "STEPWISE_SMS_PER_HOUR must be 1..1000000");
        check(maxOpenSignIns >= 1 && maxOpenSignIns <= 1000, "STEPWISE_MAX_OPEN_SIGN_INS must be 1..1000");
    }

    /** The limits with the default cap of unfinished sign-ins ({@value #DEFAULT_MAX_OPEN_SIGN_INS}). */
    public AbuseLimits(
            boolean enabled,
            int maxFailures,
            Duration lockout,
            Duration sendCooldown,
            int sendsPerHour,
            int smsPerHour) {
        this(enabled, maxFailures, lockout, sendCooldown, sendsPerHour, smsPerHour, DEFAULT_MAX_OPEN_SIGN_INS);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new ConfigurationException(message);
        }
    }
}
