package dev.stepwise.bench;

import static dev.stepwise.bench.BenchReport.format;

import dev.stepwise.harness.load.EmulatorSignIns;
import dev.stepwise.harness.load.LoadPlan;
import dev.stepwise.harness.load.LoadReport;
import dev.stepwise.harness.load.LoadRunner;
import dev.stepwise.harness.load.Table;
import java.time.Duration;

/** {@code stepwise load}'s paced run against the embedded emulator, at Cognito's default quota. */
final class LoadBenchmark {
    private LoadBenchmark() {}

    static void run(BenchSettings settings, BenchReport report) throws Exception {
        double rate = settings.rate();
        int count = (int) Math.round(rate * (settings.quick() ? 5 : 20));
        report.progress(format("load: %d sign-ins at %.0f/s", count, rate));
        LoadReport result;
        try (EmulatorSignIns target = EmulatorSignIns.inProcess(500)) {
            result = LoadRunner.create()
                    .run(
                            new LoadPlan(rate, count, 300, 32, Duration.ofMinutes(5)),
                            target,
                            LoadRunner.ProgressListener.none());
        }
        String name = format("stepwise load --rate %.0f", rate);
        report.row(
                name,
                "achieved rate",
                format("%.1f /s", result.throughput()),
                "",
                1,
                format("%.0f /s ± 1%%", rate),
                Math.abs(result.rateError()) <= 1 ? "yes" : "no");
        report.row(
                name, "start lag p99 (pacing)", Table.millis(result.startLag().at(0.99)), "", 1, "", "");
        report.row(name, "sign-in latency p50", Table.millis(result.latency().median()), "", 1, "", "");
        report.row(name, "sign-in latency p99", Table.millis(result.latency().at(0.99)), "", 1, "", "");
        report.row(name, "failed", result.failed(), "", 1, "0", result.failed() == 0 ? "yes" : "no");
    }
}
