package dev.stepwise.bench.timing;

import dev.stepwise.harness.load.Percentiles;
import java.util.Objects;

/**
 * The {@code InitiateAuth} latencies of sign-ins for existing users and for usernames that do not exist, measured by
 * {@link EnumerationTiming}. Immutable.
 *
 * @param known latencies for existing users, in nanoseconds
 * @param unknown latencies for usernames that do not exist, in nanoseconds
 */
public record EnumerationReport(Percentiles known, Percentiles unknown) {

    /** Validates. */
    public EnumerationReport {
        Objects.requireNonNull(known, "known");
        Objects.requireNonNull(unknown, "unknown");
    }

    /** How much longer (positive) or shorter (negative) the unknown users' median is, relative to the known ones'. */
    public double medianDifference() {
        return relative(unknown.median(), known.median());
    }

    /** The same for the 95th percentile. */
    public double p95Difference() {
        return relative(unknown.at(0.95), known.at(0.95));
    }

    /** Whether both the median and the p95 differ by less than {@code bound} (e.g. 0.10) either way. */
    public boolean within(double bound) {
        return Math.abs(medianDifference()) < bound && Math.abs(p95Difference()) < bound;
    }

    /** A plain-text table of the figures. */
    public String table() {
        return String.format(
                "| users   |   n | median    | p95       |%n"
                        + "| ------- | --: | --------: | --------: |%n"
                        + "| known   | %3d | %6.2f ms | %6.2f ms |%n"
                        + "| unknown | %3d | %6.2f ms | %6.2f ms |%n"
                        + "| unknown vs known | | %+7.1f %% | %+7.1f %% |%n",
                known.count(),
                known.median() / 1e6,
                known.at(0.95) / 1e6,
                unknown.count(),
                unknown.median() / 1e6,
                unknown.at(0.95) / 1e6,
                medianDifference() * 100,
                p95Difference() * 100);
    }

    private static double relative(long value, long reference) {
        return reference == 0 ? 0 : (double) (value - reference) / reference;
    }
}
