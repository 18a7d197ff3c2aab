package dev.stepwise.harness.load;

import java.time.Duration;

/**
 * What a load run does: how many sign-ins, how fast, at most how long.
 *
 * @param rate sign-ins started per second, paced open-loop (each one starts on its schedule whether or not earlier
 *     ones have finished); 0 runs closed-loop, each worker starting its next sign-in when the last one ends
 * @param count sign-ins to measure
 * @param warmup sign-ins run first, closed-loop, and not measured
 * @param concurrency workers, so at most this many sign-ins in flight
 * @param timeLimit the run stops starting sign-ins after this long, even if fewer than {@code count} have started
 */
public record LoadPlan(double rate, int count, int warmup, int concurrency, Duration timeLimit) {

    /** Checks the bounds. */
    public LoadPlan {
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException(
                    "rate must be 0 (as fast as possible) or a positive number, not " + rate);
        }
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, not " + count);
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("warmup must not be negative, not " + warmup);
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, not " + concurrency);
        }
        if (timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("timeLimit must be positive, not " + timeLimit);
        }
    }

    /** Whether the sign-ins are paced at {@link #rate()} rather than run back to back. */
    public boolean paced() {
        return rate > 0;
    }
}
