package dev.stepwise.core;

import java.time.Duration;

/** Port: waits for a while. Used to give a decoy challenge the timing of a real one; tests pass a recorder. */
@FunctionalInterface
public interface Sleeper {
    /** Waits for {@code duration}; returns early only if the thread is interrupted (and keeps the interrupt flag). */
    void sleep(Duration duration);

    /** {@link Thread#sleep}. */
    static Sleeper system() {
        return duration -> {
            try {
                Thread.sleep(duration.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }
}
