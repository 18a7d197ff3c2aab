package dev.stepwise.harness.load;

import java.util.Arrays;

/** Order statistics of a sample of durations in nanoseconds. Immutable. */
public final class Percentiles {
    private final long[] sorted;

    private Percentiles(long[] sorted) {
        this.sorted = sorted;
    }

    /** The statistics of {@code nanos} (copied). */
    public static Percentiles of(long[] nanos) {
        long[] copy = nanos.clone();
        Arrays.sort(copy);
        return new Percentiles(copy);
    }

    /** How many values. */
    public int count() {
        return sorted.length;
    }

    /**
     * The value at {@code quantile} by the nearest-rank method, e.g. 0.99 for p99; 0 when empty.
     *
     * @param quantile between 0 and 1
     */
    public long at(double quantile) {
        if (quantile < 0 || quantile > 1) {
            throw new IllegalArgumentException("quantile must be in [0, 1], not " + quantile);
        }
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** The median. */
    public long median() {
        return at(0.5);
    }

    /** The largest value; 0 when empty. */
    public long max() {
        return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
    }

    /** The smallest value; 0 when empty. */
    public long min() {
        return sorted.length == 0 ? 0 : sorted[0];
    }
}
