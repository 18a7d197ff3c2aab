package dev.stepwise.harness.scenario;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;

/** Prints results as a table: one row per scenario, its differences indented under a failed one, then a summary. */
public final class ScenarioReport {

    private ScenarioReport() {}

    /** Prints the table and the summary line. */
    public static void print(List<ScenarioResult> results, PrintWriter out) {
        int width = Math.max(
                "SCENARIO".length(),
                results.stream()
                        .mapToInt(r -> r.scenario().name().length())
                        .max()
                        .orElse(0));
        out.printf("%-6s %-10s %8s  %-" + width + "s  %s%n", "RESULT", "TARGET", "TIME", "SCENARIO", "FILE");
        for (ScenarioResult result : results) {
            out.printf(
                    "%-6s %-10s %5d ms  %-" + width + "s  %s%n",
                    result.status().label,
                    result.target(),
                    result.duration().toMillis(),
                    result.scenario().name(),
                    result.scenario().source());
            String prefix = result.status() == ScenarioResult.Status.SKIPPED ? "skipped: " : "";
            for (String difference : result.differences()) {
                out.println("         " + prefix + difference);
            }
        }
        out.println(summary(results));
        out.flush();
    }

    /** {@code 12 scenarios: 11 passed, 1 failed, 0 skipped in 3.4 s}. */
    public static String summary(List<ScenarioResult> results) {
        long passed = count(results, ScenarioResult.Status.PASSED);
        long failed = count(results, ScenarioResult.Status.FAILED);
        long skipped = count(results, ScenarioResult.Status.SKIPPED);
        Duration total = results.stream().map(ScenarioResult::duration).reduce(Duration.ZERO, Duration::plus);
        return String.format(
                java.util.Locale.ROOT,
                "%d scenarios: %d passed, %d failed, %d skipped in %.1f s",
                results.size(),
                passed,
                failed,
                skipped,
                total.toMillis() / 1000.0);
    }

    private static long count(List<ScenarioResult> results, ScenarioResult.Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }
}
