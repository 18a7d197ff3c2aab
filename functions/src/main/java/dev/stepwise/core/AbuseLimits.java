package dev.stepwise.core;

import java.time.Duration;

/**
 * The abuse controls' limits, the same for every policy of a function: lockout across sign-ins, send cooldown and
 * hourly send limit per user and channel, and an hourly cap on SMS sends per user pool. See {@link AbuseGuard}.
 *
 * <p>Each limit's range ({@link #MAX_FAILURES} ...) and default ({@link #DEFAULT}) is written here and nowhere else.
 *
 * @param enabled whether the controls run at all (they need the state table)
 * @param maxFailures wrong answers within {@code lockout} that lock a user ({@link #MAX_FAILURES})
 * @param lockout the failure window, and how long a lock lasts ({@link #LOCKOUT_SECONDS})
 * @param sendCooldown the shortest gap between two sends to one user on one channel ({@link #SEND_COOLDOWN_SECONDS};
 *     0 turns it off)
 * @param sendsPerHour sends per user and channel per clock hour ({@link #SENDS_PER_HOUR})
 * @param smsPerHour SMS sends per user pool per clock hour ({@link #SMS_PER_HOUR})
 * @param maxOpenSignIns unfinished sign-ins per user within the lockout window ({@link #MAX_OPEN_SIGN_INS})
 */
public record AbuseLimits(
        boolean enabled,
        int maxFailures,
        Duration lockout,
        Duration sendCooldown,
        int sendsPerHour,
        int smsPerHour,
        int maxOpenSignIns) {
    /** Wrong answers within the lockout window that lock a user. */
    public static final Range MAX_FAILURES = new Range(1, 100);

    /** The failure window and lock duration, in seconds. */
    public static final Range LOCKOUT_SECONDS = new Range(60, 86_400);

    /** The shortest gap between two sends to one user on one channel, in seconds; 0 turns it off. */
    public static final Range SEND_COOLDOWN_SECONDS = new Range(0, 3600);

    /** Sends per user and channel per clock hour. */
    public static final Range SENDS_PER_HOUR = new Range(1, 1000);

    /** SMS sends per user pool per clock hour. */
    public static final Range SMS_PER_HOUR = new Range(1, 1_000_000);

    /** Unfinished sign-ins per user within the lockout window. */
    public static final Range MAX_OPEN_SIGN_INS = new Range(1, 1000);

    /** The default cap of unfinished sign-ins per user. */
    public static final int DEFAULT_MAX_OPEN_SIGN_INS = 10;

    /** The defaults: 5 failures in 15 minutes lock for 15 minutes; one send per 30 s and 10 per hour; 1,000 SMS/h. */
    public static final AbuseLimits DEFAULT =
            new AbuseLimits(true, 5, Duration.ofMinutes(15), Duration.ofSeconds(30), 10, 1000);

    /** No abuse controls (not recommended; for functions without a state table); the other limits as {@link #DEFAULT}. */
    public static final AbuseLimits OFF = new AbuseLimits(
            false,
            DEFAULT.maxFailures,
            DEFAULT.lockout,
            DEFAULT.sendCooldown,
            DEFAULT.sendsPerHour,
            DEFAULT.smsPerHour,
            DEFAULT.maxOpenSignIns);

    /**
     * Checks the ranges.
     *
     * @throws ConfigurationException whose {@linkplain ConfigurationException#subject() subject} is the component out
     *     of range
     */
    public AbuseLimits {
        MAX_FAILURES.check("maxFailures", maxFailures);
        LOCKOUT_SECONDS.check("lockout", seconds("lockout", lockout));
        SEND_COOLDOWN_SECONDS.check("sendCooldown", seconds("sendCooldown", sendCooldown));
        SENDS_PER_HOUR.check("sendsPerHour", sendsPerHour);
        SMS_PER_HOUR.check("smsPerHour", smsPerHour);
        MAX_OPEN_SIGN_INS.check("maxOpenSignIns", maxOpenSignIns);
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

    private static long seconds(String subject, Duration duration) {
        if (duration == null || duration.isNegative()) {
            throw new ConfigurationException(subject, subject + " is missing or negative");
        }
        return duration.toSeconds();
    }
}
