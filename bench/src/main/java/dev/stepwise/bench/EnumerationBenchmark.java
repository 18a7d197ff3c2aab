package dev.stepwise.bench;

import static dev.stepwise.bench.BenchReport.format;
import static dev.stepwise.bench.BenchReport.sample;

import dev.stepwise.bench.timing.EnumerationReport;
import dev.stepwise.bench.timing.EnumerationTiming;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Whether InitiateAuth's timing tells existing users from unknown ones ({@link EnumerationTiming}). */
final class EnumerationBenchmark {
    private EnumerationBenchmark() {}

    static void run(BenchSettings settings, BenchReport report) {
        int rounds = settings.rounds();
        int samples = settings.quick() ? 200 : 300;
        run(report, rounds, "enumeration timing, SES log-normal 40 ms σ 0.25", Duration.ofMillis(40), 0.25, samples);
        run(report, rounds, "enumeration timing, bare loopback SES", Duration.ZERO, 0, samples);
        report.note(
                "enumeration: InitiateAuth (CUSTOM_AUTH, email_code, PreventUserExistenceErrors) for distinct existing"
                        + " users (a real send) and unknown usernames (a decoy), one at a time, ABBA-interleaved, 50 of each"
                        + " for warm-up; difference = unknown vs known. The first block answers each send after a log-normal"
                        + " provider latency, as SES answers a Lambda function; the second uses the emulator's own loopback"
                        + " SES (a few ms), where the machine's scheduling noise is as large as the send.");
    }

    private static void run(
            BenchReport report, int rounds, String name, Duration sendMedian, double sigma, int samples) {
        List<Double> knownMedian = new ArrayList<>();
        List<Double> unknownMedian = new ArrayList<>();
        List<Double> medianDifference = new ArrayList<>();
        List<Double> knownP95 = new ArrayList<>();
        List<Double> unknownP95 = new ArrayList<>();
        List<Double> p95Difference = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            report.progress(format("%s: round %d of %d (%d sign-ins of each kind)", name, round + 1, rounds, samples));
            EnumerationReport timing = EnumerationTiming.builder()
                    .samples(samples)
                    .warmup(50)
                    .sendLatency(sendMedian, sigma)
                    .seed(round + 1)
                    .build()
                    .run();
            knownMedian.add(timing.known().median() / 1e6);
            unknownMedian.add(timing.unknown().median() / 1e6);
            medianDifference.add(timing.medianDifference() * 100);
            knownP95.add(timing.known().at(0.95) / 1e6);
            unknownP95.add(timing.unknown().at(0.95) / 1e6);
            p95Difference.add(timing.p95Difference() * 100);
        }
        millisRow(report, name, "known users, median", knownMedian);
        millisRow(report, name, "unknown users, median", unknownMedian);
        differenceRow(report, name, "median, unknown vs known", medianDifference);
        millisRow(report, name, "known users, p95", knownP95);
        millisRow(report, name, "unknown users, p95", unknownP95);
        differenceRow(report, name, "p95, unknown vs known", p95Difference);
    }

    private static void millisRow(BenchReport report, String name, String figure, List<Double> values) {
        Sample sample = sample(values);
        report.row(
                name,
                figure,
                format("%.1f ms", sample.median()),
                sample.spread("%.1f") + " ms",
                sample.count(),
                "",
                "");
    }

    private static void differenceRow(BenchReport report, String name, String figure, List<Double> values) {
        Sample sample = sample(values);
        report.row(
                name,
                figure,
                format("%+.1f %%", sample.median()),
                sample.spread("%+.1f") + " %",
                sample.count(),
                "within ±10 %",
                Math.abs(sample.median()) < 10 ? "yes" : "no");
    }
}
