package dev.stepwise.bench;

import static dev.stepwise.bench.BenchReport.format;

import dev.stepwise.harness.load.Table;
import java.util.List;
import java.util.Map;

/**
 * The calls one sign-in makes per shipped scenario ({@link CallCounts}) and what a million such sign-ins cost
 * ({@link SignInCost}).
 */
final class CallsBenchmark {
    /**
     * The handlers' warm compute time when this run did not measure it: the JMH medians of the last warm run
     * ({@code ./stepwise-bench}, one run, 2026-12-03, docs/performance.md). Define and Verify compute for
     * microseconds; Create's and the token guard's figures include their signed requests to a stub on loopback (one
     * send; a Query and a DeleteItem), so the model, which adds a round trip per request on top, overstates them a
     * little.
     */
    static final Map<String, Double> LAST_WARM_P50_NANOS =
            Map.of("Define", 3_000.0, "Create", 222_200.0, "Verify", 14_200.0, "TokenGuard", 347_600.0);

    private CallsBenchmark() {}

    /**
     * Counts and prices.
     *
     * @param warmNanos each handler's measured warm p50, or {@code null} to use {@link #LAST_WARM_P50_NANOS}
     */
    static void run(BenchSettings settings, BenchReport report, Map<String, Double> warmNanos) {
        report.progress("call counts: every scenario in " + settings.paths().scenarios() + ", twice each");
        List<CallCounts.Counts> measured = CallCounts.measure(settings.paths().scenarios());
        Table calls = Table.withColumns("scenario", "policy", "outcome", "function", "calls in one sign-in");
        for (CallCounts.Counts counts : measured) {
            List<String> lines = counts.lines();
            if (lines.isEmpty()) {
                calls.row(counts.scenario(), counts.policy(), counts.outcome(), "", "no trigger runs");
            }
            for (String line : lines) {
                int colon = line.indexOf(':');
                calls.row(
                        counts.scenario(),
                        counts.policy(),
                        counts.outcome(),
                        line.substring(0, colon),
                        line.substring(colon + 2));
            }
        }
        report.section("Calls per sign-in (emulator, bundled triggers as deployed)", calls);

        Map<String, Double> compute = warmNanos == null ? LAST_WARM_P50_NANOS : warmNanos;
        SignInCost.Prices prices = SignInCost.US_EAST_1;
        Table cost = Table.withColumns(
                "scenario",
                "policy",
                "invocations>",
                "GB-s>",
                "RRU>",
                "WRU>",
                "KMS>",
                "Lambda>",
                "DynamoDB>",
                "KMS $>",
                "functions, per 1M>",
                "SES/SNS, per 1M>");
        for (CallCounts.Counts counts : measured) {
            if (!counts.signedIn()) {
                continue;
            }
            SignInCost c = SignInCost.of(counts, compute, prices);
            cost.row(
                    counts.scenario(),
                    counts.policy(),
                    c.lambda(),
                    format("%.3f", c.lambdaGbSeconds()),
                    c.readUnits(),
                    c.writeUnits(),
                    c.kms(),
                    dollars(c.lambdaPerMillion()),
                    dollars(c.dynamoDbPerMillion()),
                    dollars(c.kmsPerMillion()),
                    dollars(c.functionsPerMillion()),
                    dollars(c.messagesPerMillion()));
        }
        report.section(
                format(
                        "Cost of a million sign-ins (%s, on-demand prices of %s, %.0f MB arm64 functions)",
                        prices.region(), prices.date(), prices.memoryGb() * 1024),
                cost);
        report.note(format(
                "cost: per invocation, billed duration = warm compute (%s) + %.0f ms per state-table request + %.0f ms"
                        + " per KMS request + %.0f ms per SES/SNS send, rounded up to 1 ms; one read unit per GetItem or"
                        + " Query and one write unit per PutItem, UpdateItem or DeleteItem (items under 1 KB, strongly"
                        + " consistent reads); Secrets Manager is read at init only (two GetSecretValue per new"
                        + " container), so it is not per sign-in; free tiers and Cognito's own charges left out.",
                warmNanos == null ? "the last warm run's JMH medians, 2026-12-03" : "this run's JMH medians",
                prices.dynamoDbRoundTripMillis(),
                prices.kmsRoundTripMillis(),
                prices.sendRoundTripMillis()));
    }

    private static String dollars(double amount) {
        return format("$%.2f", amount);
    }
}
