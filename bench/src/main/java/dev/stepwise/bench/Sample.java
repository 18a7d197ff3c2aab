package dev.stepwise.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * Repeated measurements of one figure: the median and, as its spread, the interquartile range (p25 to p75). Immutable.
 *
 * @param values the measurements, sorted
 */
public record Sample(double[] values) {

    /** Sorts a copy of {@code values}. */
    public static Sample of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("a sample needs at least one value");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Sample(sorted);
    }

    /** The value at {@code quantile} by linear interpolation between the closest ranks. */
    public double quantile(double quantile) {
        double position = quantile * (values.length - 1);
        int lower = (int) Math.floor(position);
        int upper = (int) Math.ceil(position);
        return values[lower] + (values[upper] - values[lower]) * (position - lower);
    }

    /** The median. */
    public double median() {
        return quantile(0.5);
    }

    /** How many measurements. */
    public int count() {
        return values.length;
    }

    /** The spread as {@code "p25–p75"} in the given format, e.g. {@code "%.0f"}. */
    public String spread(String format) {
        return String.format(Locale.ROOT, format, quantile(0.25)) + "–"
                + String.format(Locale.ROOT, format, quantile(0.75));
    }
}
