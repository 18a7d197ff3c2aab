package dev.stepwise.core;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Sends a message with a bounded retry that stays inside Cognito's 5-second trigger budget: up to {@value #ATTEMPTS}
 * attempts, a jittered backoff of about 150 ms then 450 ms, and no attempt started unless it can finish (at
 * {@link #ATTEMPT_TIMEOUT}, the SDK clients' call timeout) within {@link #BUDGET} of the first. Only retryable failures
 * (throttling, a 5xx, a timeout) are retried. The final failure is rethrown with a message for the person signing in
 * ({@link DeliveryException#forUser}). Thread-safe.
 */
final class SendRetry {
    /** Attempts at most. */
    static final int ATTEMPTS = 3;
    /** How long all attempts and waits may take together. */
    static final Duration BUDGET = Duration.ofMillis(3500);
    /** The longest one attempt can take (the SDK clients' call timeout for SES and SNS). */
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(1);

    private static final long FIRST_BACKOFF_MILLIS = 150;

    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final Nanos clock;

    /** A monotonic clock in nanoseconds; tests pass one that moves with their sleeper. */
    @FunctionalInterface
    interface Nanos {
        long now();
    }

    SendRetry(Sleeper sleeper, RandomGenerator random, Nanos clock) {
        this.sleeper = sleeper;
        this.random = random;
        this.clock = clock;
    }

    /** Sends {@code message} through {@code delivery}, retrying as described. */
    void send(CodeDelivery delivery, CodeMessage message) {
        long start = clock.now();
        for (int attempt = 1; ; attempt++) {
            try {
                delivery.deliver(message);
                return;
            } catch (DeliveryException e) {
                if (!e.retryable() || attempt == ATTEMPTS) {
                    throw DeliveryException.forUser(e, attempt);
                }
                long backoff = FIRST_BACKOFF_MILLIS * (long) Math.pow(3, attempt - 1);
                long jittered = backoff / 2 + random.nextLong(backoff + 1);
                long elapsedMillis = (clock.now() - start) / 1_000_000;
                if (elapsedMillis + jittered + ATTEMPT_TIMEOUT.toMillis() > BUDGET.toMillis()) {
                    throw DeliveryException.forUser(e, attempt);
                }
                sleeper.sleep(Duration.ofMillis(jittered));
            }
        }
    }
}
