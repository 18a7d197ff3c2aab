package dev.stepwise.core;

/**
 * The values a whole-number limit may take, both ends included: the one place a limit's range is written down.
 *
 * @param min the smallest value allowed
 * @param max the largest value allowed
 */
public record Range(long min, long max) {
    /** Requires {@code min <= max}. */
    public Range {
        if (min > max) {
            throw new IllegalArgumentException("min " + min + " is above max " + max);
        }
    }

    /** Whether {@code value} is inside. */
    public boolean contains(long value) {
        return value >= min && value <= max;
    }

    /**
     * Checks {@code value}.
     *
     * @param subject the limit's name in the core, for {@link ConfigurationException#subject()}
     * @throws ConfigurationException naming the subject, the value and the range, when the value is outside
     */
    void check(String subject, long value) {
        if (!contains(value)) {
            throw new ConfigurationException(subject, subject + " is " + value + ": it must be from " + this);
        }
    }

    /** {@code "min to max"}. */
    @Override
    public String toString() {
        return min + " to " + max;
    }
}
