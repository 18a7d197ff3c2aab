package dev.stepwise.harness.junit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test moves it: give it to {@link dev.stepwise.harness.emulator.CognitoEmulator}'s
 * builder (or ask {@link StepwiseEmulator#clock()} for one) and the emulator's sessions and tokens, and the triggers
 * built through their public {@code (Map<String, String>, Clock)} constructors, all run on it. Moving it moves code
 * expiry, lockout windows, send limits, TOTP time steps and Cognito's three-minute session together, with no waiting.
 *
 * <p>Thread-safe: {@link #advance(Duration)} and {@link #set(Instant)} are atomic, and every reader sees the latest
 * time. Clocks made by {@link #withZone(ZoneId)} share this clock's time.
 */
public final class TestClock extends Clock {

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    private TestClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /** A clock at {@code start}, in UTC. */
    public static TestClock at(Instant start) {
        return new TestClock(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
    }

    /** A clock at the system's current time, truncated to whole seconds, in UTC. */
    public static TestClock atSystemTime() {
        return at(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * Moves the time forward by {@code duration} (or back, if it is negative).
     *
     * @return the new time
     */
    public Instant advance(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        return now.updateAndGet(t -> t.plus(duration));
    }

    /** Sets the time to {@code instant}. */
    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** A clock in {@code zone} that shares this clock's time: moving either moves both. */
    @Override
    public TestClock withZone(ZoneId zone) {
        return zone.equals(this.zone) ? this : new TestClock(now, zone);
    }

    @Override
    public String toString() {
        return "TestClock[" + now.get() + ", " + zone + "]";
    }
}
