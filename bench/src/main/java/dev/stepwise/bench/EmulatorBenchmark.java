package dev.stepwise.bench;

import static dev.stepwise.bench.BenchReport.format;
import static dev.stepwise.bench.BenchReport.sample;

import com.sun.management.OperatingSystemMXBean;
import dev.stepwise.harness.load.EmulatorSignIns;
import dev.stepwise.harness.load.LoadPlan;
import dev.stepwise.harness.load.LoadReport;
import dev.stepwise.harness.load.LoadRunner;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The embedded emulator's throughput: full email-code sign-ins in a closed loop at 16 and 64 in flight, with the CPU
 * time this process spent per sign-in (emulator, triggers and load generator together), which says how far the
 * machine's cores could take it whatever else runs on them.
 */
final class EmulatorBenchmark {
    static final int[] IN_FLIGHT = {16, 64};

    private EmulatorBenchmark() {}

    static void run(BenchSettings settings, BenchReport report) throws Exception {
        try (EmulatorSignIns target = EmulatorSignIns.inProcess(500)) {
            for (int inFlight : IN_FLIGHT) {
                measure(settings, report, target, inFlight, "emulator, HTTP, closed loop ×" + inFlight, true);
            }
        }
        Map<String, String> withoutTable = new HashMap<>(EmulatorSignIns.LOAD_TRIGGERS);
        withoutTable.put("STEPWISE_ABUSE_CONTROLS", "off");
        try (EmulatorSignIns target = EmulatorSignIns.inProcess(500, withoutTable)) {
            measure(
                    settings,
                    report,
                    target,
                    IN_FLIGHT[0],
                    "emulator ×" + IN_FLIGHT[0] + ", abuse controls off (for comparison only)",
                    false);
        }
        report.note("emulator: InitiateAuth (CUSTOM_AUTH) + RespondToAuthChallenge over HTTP with the bundled handlers"
                + " as deployed (abuse controls on, every state-table call signed and sent over HTTP), code from the"
                + " in-process mailbox, load generator in the same JVM (it shares the cores); CPU time is this"
                + " process's, divided by the sign-ins of the round.");
    }

    private static void measure(
            BenchSettings settings,
            BenchReport report,
            EmulatorSignIns target,
            int inFlight,
            String name,
            boolean goals)
            throws InterruptedException {
        int count = settings.quick() ? 1000 : 4000;
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<Double> rates = new ArrayList<>();
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        for (int round = 0; round < settings.rounds(); round++) {
            report.progress(format("%s: round %d of %d (%d sign-ins)", name, round + 1, settings.rounds(), count));
            LoadRunner.create()
                    .run(
                            new LoadPlan(0, round == 0 ? 1000 : 200, 0, inFlight, Duration.ofMinutes(2)),
                            target,
                            LoadRunner.ProgressListener.none());
            long cpuBefore = os.getProcessCpuTime();
            LoadReport result = LoadRunner.create()
                    .run(
                            new LoadPlan(0, count, 0, inFlight, Duration.ofMinutes(2)),
                            target,
                            LoadRunner.ProgressListener.none());
            long cpuNanos = os.getProcessCpuTime() - cpuBefore;
            if (result.failed() > 0) {
                throw new IllegalStateException("emulator sign-ins failed: " + result.firstError());
            }
            rates.add(result.throughput());
            p50.add(result.latency().median() / 1e6);
            p99.add(result.latency().at(0.99) / 1e6);
            cpu.add(cpuNanos / 1e6 / count);
        }
        Sample rate = sample(rates);
        Sample tail = sample(p99);
        report.row(
                name,
                "full sign-ins per second",
                rate,
                "%.0f",
                " /s",
                goals ? format("≥ 1000 /s on %d cores", Machine.cores()) : "",
                goals ? (rate.median() >= 1000 ? "yes" : "no") : "");
        report.row(name, "sign-in latency p50", sample(p50), "%.1f", " ms", "", "");
        report.row(
                name,
                "sign-in latency p99",
                tail,
                "%.1f",
                " ms",
                goals ? "< 20 ms" : "",
                goals ? (tail.median() < 20 ? "yes" : "no") : "");
        Sample perSignIn = sample(cpu);
        report.row(name, "CPU time per sign-in (all threads)", perSignIn, "%.2f", " ms", "", "");
        report.row(
                name,
                "sign-ins per second the cores allow (cores ÷ CPU time)",
                format("%.0f /s", Machine.cores() * 1000 / perSignIn.median()),
                "",
                perSignIn.count(),
                "",
                "");
    }
}
