package dev.stepwise.harness.load;

import java.util.Locale;

/**
 * What a load run measured.
 *
 * @param plan the plan that ran
 * @param started sign-ins started (fewer than the plan's count when the time limit cut the run short)
 * @param succeeded sign-ins that ended with tokens
 * @param failed sign-ins that threw
 * @param elapsedNanos from the first scheduled start to the last completion
 * @param latency per successful sign-in: from its scheduled start (paced runs) or its actual start (closed-loop runs)
 *     to its tokens, so time spent waiting behind slow sign-ins counts
 * @param startLag per sign-in: how late it actually started against its schedule (paced runs; zeros otherwise)
 * @param firstError the first failure's description, or {@code null}
 */
public record LoadReport(
        LoadPlan plan,
        int started,
        int succeeded,
        int failed,
        long elapsedNanos,
        Percentiles latency,
        Percentiles startLag,
        String firstError) {

    /** Completed sign-ins (with or without tokens) per second of the run. */
    public double throughput() {
        return elapsedNanos <= 0 ? 0 : (succeeded + failed) * 1e9 / elapsedNanos;
    }

    /** How far the achieved rate is from the target rate, in percent of the target; 0 for closed-loop runs. */
    public double rateError() {
        return plan.paced() ? (throughput() - plan.rate()) * 100 / plan.rate() : 0;
    }

    /** The summary as a table of figures. */
    public Table table() {
        Table table = Table.withColumns("figure", "value>");
        table.row("target rate", plan.paced() ? format("%.1f /s", plan.rate()) : "as fast as possible");
        table.row("concurrency", plan.concurrency());
        table.row("sign-ins started", started);
        table.row("succeeded", succeeded);
        table.row("failed", failed);
        table.row("elapsed", format("%.2f s", elapsedNanos / 1e9));
        table.row("achieved rate", format("%.1f /s", throughput()));
        if (plan.paced()) {
            table.row("rate error", format("%+.2f %%", rateError()));
            table.row("start lag p50", Table.millis(startLag.median()));
            table.row("start lag p99", Table.millis(startLag.at(0.99)));
            table.row("start lag max", Table.millis(startLag.max()));
        }
        table.row("latency p50", Table.millis(latency.median()));
        table.row("latency p90", Table.millis(latency.at(0.90)));
        table.row("latency p99", Table.millis(latency.at(0.99)));
        table.row("latency max", Table.millis(latency.max()));
        return table;
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
