package dev.stepwise.core;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * How long a decoy waits in place of a send. A decoy sends nothing, so without a pause an unknown user's Create would
 * answer faster than a real one and the difference would reveal which usernames exist. It waits as long as one of the
 * last {@value #RECENT_SENDS} real sends of the same medium in this container took, picked at random, so that both the
 * typical and the slow answers match (120 ms before the first send, at most 1 s). Limits: the samples are per
 * container, and a real first send in a cold container (class loading, TLS set-up) is slower than any pause.
 * Thread-safe.
 */
final class DecoyTiming {
    private static final Duration DEFAULT_SEND_TIME = Duration.ofMillis(120);
    private static final Duration MAX_IMITATED_SEND_TIME = Duration.ofSeconds(1);
    static final int RECENT_SENDS = 64;

    private final Map<DeliveryMedium, RecentDurations> sendTimes = new EnumMap<>(DeliveryMedium.class);
    private final Sleeper sleeper;
    private final SecureRandom random;

    DecoyTiming(Sleeper sleeper, SecureRandom random) {
        this.sleeper = sleeper;
        this.random = random;
        for (DeliveryMedium medium : DeliveryMedium.values()) {
            sendTimes.put(medium, new RecentDurations(RECENT_SENDS, DEFAULT_SEND_TIME.toNanos()));
        }
    }

    /** Records how long a real send of {@code medium} took. */
    void record(DeliveryMedium medium, long nanos) {
        sendTimes.get(medium).add(nanos);
    }

    /** Waits about as long as a real send of {@code medium}. */
    void imitateSend(DeliveryMedium medium) {
        long nanos = Math.min(sendTimes.get(medium).sample(random), MAX_IMITATED_SEND_TIME.toNanos());
        sleeper.sleep(Duration.ofNanos(nanos));
    }

    /** The last few durations of one kind, to draw a decoy's pause from. Thread-safe. */
    private static final class RecentDurations {
        private final long[] nanos;
        private int next;
        private int size;

        RecentDurations(int capacity, long initial) {
            nanos = new long[capacity];
            nanos[0] = initial;
            size = 1;
        }

        synchronized void add(long duration) {
            if (size == 1 && next == 0) {
                size = 0;
            }
            nanos[next] = duration;
            next = (next + 1) % nanos.length;
            size = Math.min(size + 1, nanos.length);
        }

        synchronized long sample(SecureRandom random) {
            return nanos[random.nextInt(size)];
        }
    }
}
