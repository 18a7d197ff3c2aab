package dev.stepwise.bench;

import dev.stepwise.harness.attack.AttackReport;
import dev.stepwise.harness.attack.GuessingAttack;
import dev.stepwise.harness.load.EmulatorSignIns;
import dev.stepwise.harness.load.LoadPlan;
import dev.stepwise.harness.load.LoadReport;
import dev.stepwise.harness.load.LoadRunner;
import dev.stepwise.harness.load.Table;
import dev.stepwise.harness.timing.EnumerationReport;
import dev.stepwise.harness.timing.EnumerationTiming;
import dev.stepwise.lambda.ClockedTriggers;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stepwise-bench}: runs the benchmarks of issue #8 and prints one table (Markdown) with each figure's median
 * and spread, the goal and whether it is met. Progress goes to standard error, the table to standard output.
 */
@Command(
        name = "stepwise-bench",
        mixinStandardHelpOptions = true,
        description = "Cold start, warm latency, jar size, emulator throughput and paced load of Stepwise.")
public final class BenchMain implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--repo", defaultValue = ".", description = "The repository root (default: current directory).")
    Path repo;

    @Option(names = "--runs", defaultValue = "10", description = "Cold starts per handler and setting (default 10).")
    int runs;

    @Option(names = "--forks", defaultValue = "3", description = "JMH forks per handler (default 3).")
    int forks;

    @Option(names = "--rounds", defaultValue = "3", description = "Emulator throughput rounds (default 3).")
    int rounds;

    @Option(names = "--rate", defaultValue = "120", description = "Target rate of the load run (default 120/s).")
    double rate;

    @Option(names = "--quick", description = "Fewer runs and shorter measurements: a smoke test of the suite.")
    boolean quick;

    @Option(
            names = "--only",
            split = ",",
            description = "Run only these parts: jar, cold, warm, emulator, load, enumeration, attack (default: all).")
    Set<String> only;

    private final Table table =
            Table.withColumns("benchmark", "figure", "median>", "spread (p25–p75)>", "n>", "goal", "met");
    private final List<String> notes = new ArrayList<>();

    /** Runs the command line. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (quick) {
            runs = Math.min(runs, 3);
            forks = 1;
            rounds = 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        String loadBefore = loadAverage();
        if (wants("jar")) {
            jar();
        }
        if (wants("cold")) {
            new ColdStartSuite(
                            new ColdStart(
                                    Path.of(System.getProperty("java.home"), "bin", "java")
                                            .toString(),
                                    runtimeClasspath()),
                            single(repo.resolve("bench/target"), "stepwise-bench-", "-floor.jar"),
                            functionsJar(),
                            runs,
                            this::progress)
                    .run(table, notes);
        }
        if (wants("warm")) {
            warm();
        }
        if (wants("emulator")) {
            emulator();
        }
        if (wants("load")) {
            load();
        }
        if (wants("enumeration")) {
            enumeration();
        }
        if (wants("attack")) {
            attack();
        }
        out.println();
        out.print(table.render());
        out.println();
        for (String note : notes) {
            out.println(note);
        }
        out.println("machine: " + machine() + "; load average before " + loadBefore + ", after " + loadAverage());
        out.flush();
        return 0;
    }

    private boolean wants(String part) {
        return only == null || only.contains(part);
    }

    private void progress(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("stepwise-bench: " + message);
        err.flush();
    }

    private void jar() throws IOException {
        Path jar = functionsJar();
        JarStats stats = JarStats.of(jar);
        boolean met = stats.bytes() <= 10_000_000L;
        table.row("shaded jar", "size", format("%.2f MB", stats.megabytes()), "", 1, "≤ 10 MB", met ? "yes" : "no");
        table.row("shaded jar", "classes", stats.classes(), "", 1, "", "");
        StringBuilder groups = new StringBuilder("jar contents (compressed): ");
        stats.bytesByGroup().entrySet().stream().limit(6).forEach(e -> groups.append(e.getKey())
                .append(' ')
                .append(format("%.2f MB", e.getValue() / 1e6))
                .append(", "));
        notes.add(groups.substring(0, groups.length() - 2));
    }

    private void warm() throws Exception {
        Path log = Files.createTempFile("stepwise-bench-jmh", ".log");
        progress("warm latency with JMH (" + forks + " forks per handler; JMH's report goes to " + log + ")...");
        Map<String, WarmLatency.Figures> figures =
                quick ? WarmLatency.run(1, 3, 3, log) : WarmLatency.run(forks, 5, 5, log);
        Map<String, Double> goals = Map.of("define", 50_000.0, "create", 200_000.0, "verify", 50_000.0);
        for (String handler : List.of("define", "create", "verify")) {
            WarmLatency.Figures entry = figures.get(handler);
            String name =
                    switch (handler) {
                        case "define" -> "Define";
                        case "create" -> "Create (delivery excluded)";
                        default -> "Verify";
                    };
            Sample p50 = entry.p50();
            Sample p99 = entry.p99();
            double goal = goals.get(handler);
            table.row(
                    "warm invocation (JMH)",
                    name + " p50",
                    Table.micros(p50.median()),
                    micros(p50),
                    p50.count(),
                    "",
                    "");
            table.row(
                    "warm invocation (JMH)",
                    name + " p99",
                    Table.micros(p99.median()),
                    micros(p99),
                    p99.count(),
                    format("≤ %.0f µs", goal / 1000),
                    p99.median() <= goal ? "yes" : "no");
        }
        notes.add("warm: JMH sample time, C1 only as on Lambda; n = forks; per fork 5 s warm-up, 5 s measured.");
    }

    private static String micros(Sample sample) {
        return format("%.1f–%.1f µs", sample.quantile(0.25) / 1e3, sample.quantile(0.75) / 1e3);
    }

    private void emulator() throws Exception {
        int count = quick ? 1000 : 4000;
        List<Double> rates = new ArrayList<>();
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        try (EmulatorSignIns target = EmulatorSignIns.inProcess(500)) {
            for (int round = 0; round < rounds; round++) {
                progress(format("emulator throughput: round %d of %d (%d sign-ins)", round + 1, rounds, count));
                LoadReport report = LoadRunner.create()
                        .run(
                                new LoadPlan(0, count, round == 0 ? 1000 : 200, 16, Duration.ofMinutes(2)),
                                target,
                                LoadRunner.ProgressListener.none());
                if (report.failed() > 0) {
                    throw new IllegalStateException("emulator sign-ins failed: " + report.firstError());
                }
                rates.add(report.throughput());
                p50.add(report.latency().median() / 1e6);
                p99.add(report.latency().at(0.99) / 1e6);
            }
        }
        Sample rate = sample(rates);
        table.row(
                "emulator, HTTP, closed loop ×16",
                "full sign-ins per second",
                format("%.0f /s", rate.median()),
                rate.spread("%.0f") + " /s",
                rate.count(),
                format("≥ 1000 /s on %d cores", cores()),
                rate.median() >= 1000 ? "yes" : "no");
        table.row(
                "emulator, HTTP, closed loop ×16",
                "sign-in latency p50",
                format("%.1f ms", sample(p50).median()),
                sample(p50).spread("%.1f") + " ms",
                rounds,
                "",
                "");
        table.row(
                "emulator, HTTP, closed loop ×16",
                "sign-in latency p99",
                format("%.1f ms", sample(p99).median()),
                sample(p99).spread("%.1f") + " ms",
                rounds,
                "",
                "");
        notes.add("emulator: InitiateAuth (CUSTOM_AUTH) + RespondToAuthChallenge over HTTP with the bundled handlers,"
                + " code from the in-process mailbox, load generator in the same JVM (it shares the cores).");
    }

    private void load() throws Exception {
        int count = (int) Math.round(rate * (quick ? 5 : 20));
        progress(format("load: %d sign-ins at %.0f/s", count, rate));
        LoadReport report;
        try (EmulatorSignIns target = EmulatorSignIns.inProcess(500)) {
            report = LoadRunner.create()
                    .run(
                            new LoadPlan(rate, count, 300, 32, Duration.ofMinutes(5)),
                            target,
                            LoadRunner.ProgressListener.none());
        }
        String name = format("stepwise load --rate %.0f", rate);
        table.row(
                name,
                "achieved rate",
                format("%.1f /s", report.throughput()),
                "",
                1,
                format("%.0f /s ± 1%%", rate),
                Math.abs(report.rateError()) <= 1 ? "yes" : "no");
        table.row(name, "start lag p99 (pacing)", Table.millis(report.startLag().at(0.99)), "", 1, "", "");
        table.row(name, "sign-in latency p50", Table.millis(report.latency().median()), "", 1, "", "");
        table.row(name, "sign-in latency p99", Table.millis(report.latency().at(0.99)), "", 1, "", "");
        table.row(name, "failed", report.failed(), "", 1, "0", report.failed() == 0 ? "yes" : "no");
    }

    private void attack() {
        progress("guessing attack: one simulated day against one user, default limits");
        AttackReport report = GuessingAttack.builder()
                .triggers(
                        ClockedTriggers.Define.class.getName(),
                        ClockedTriggers.Create.class.getName(),
                        ClockedTriggers.Verify.class.getName())
                .build()
                .run();
        long bound = (long) Math.ceil(86_400 / 900.0) * 5;
        String name = "guessing attack, 1 simulated day";
        table.row(
                name,
                "guesses per day",
                format("%.0f", report.guessesPerDay()),
                "",
                1,
                "≤ " + bound + " (lockout)",
                report.guessesPerDay() <= bound ? "yes" : "no");
        table.row(name, "codes sent to the victim", report.codesSent(), "", 1, "", "");
        table.row(name, "successes", report.successes(), "", 1, "", "");
        table.row(
                name,
                format("P(success)/day, 1-(1-10^-%d)^guesses", report.codeLength()),
                format("%.3g", report.successPerDayByGuess()),
                "",
                1,
                "",
                "");
        table.row(
                name,
                "P(success)/day, per sign-in code space",
                format("%.3g", report.successPerDayBySignIn()),
                "",
                1,
                "",
                "");
        notes.add("attack: sign-in after sign-in with wrong guesses as fast as allowed (never repeating one), the"
                + " emulator's and the triggers' clock moved on by each refusal's wait (at most 30 s) and 100 ms per"
                + " call; STEPWISE_* limits at their defaults (5 failures lock for 900 s, 30 s cooldown, 10 codes/h).");
    }

    private void enumeration() {
        int samples = quick ? 200 : 300;
        enumeration("enumeration timing, SES log-normal 40 ms σ 0.25", Duration.ofMillis(40), 0.25, samples);
        enumeration("enumeration timing, bare loopback SES", Duration.ZERO, 0, samples);
        notes.add(
                "enumeration: InitiateAuth (CUSTOM_AUTH, email_code, PreventUserExistenceErrors) for distinct existing"
                        + " users (a real send) and unknown usernames (a decoy), one at a time, ABBA-interleaved, 50 of each"
                        + " for warm-up; difference = unknown vs known. The first block answers each send after a log-normal"
                        + " provider latency, as SES answers a Lambda function; the second uses the emulator's own loopback"
                        + " SES (a few ms), where the machine's scheduling noise is as large as the send.");
    }

    private void enumeration(String name, Duration sendMedian, double sigma, int samples) {
        List<Double> knownMedian = new ArrayList<>();
        List<Double> unknownMedian = new ArrayList<>();
        List<Double> medianDifference = new ArrayList<>();
        List<Double> knownP95 = new ArrayList<>();
        List<Double> unknownP95 = new ArrayList<>();
        List<Double> p95Difference = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            progress(format("%s: round %d of %d (%d sign-ins of each kind)", name, round + 1, rounds, samples));
            EnumerationReport report = EnumerationTiming.builder()
                    .samples(samples)
                    .warmup(50)
                    .sendLatency(sendMedian, sigma)
                    .seed(round + 1)
                    .build()
                    .run();
            knownMedian.add(report.known().median() / 1e6);
            unknownMedian.add(report.unknown().median() / 1e6);
            medianDifference.add(report.medianDifference() * 100);
            knownP95.add(report.known().at(0.95) / 1e6);
            unknownP95.add(report.unknown().at(0.95) / 1e6);
            p95Difference.add(report.p95Difference() * 100);
        }
        millisRow(name, "known users, median", knownMedian);
        millisRow(name, "unknown users, median", unknownMedian);
        differenceRow(name, "median, unknown vs known", medianDifference);
        millisRow(name, "known users, p95", knownP95);
        millisRow(name, "unknown users, p95", unknownP95);
        differenceRow(name, "p95, unknown vs known", p95Difference);
    }

    private void millisRow(String name, String figure, List<Double> values) {
        Sample sample = sample(values);
        table.row(
                name,
                figure,
                format("%.1f ms", sample.median()),
                sample.spread("%.1f") + " ms",
                sample.count(),
                "",
                "");
    }

    private void differenceRow(String name, String figure, List<Double> values) {
        Sample sample = sample(values);
        table.row(
                name,
                figure,
                format("%+.1f %%", sample.median()),
                sample.spread("%+.1f") + " %",
                sample.count(),
                "within ±10 %",
                Math.abs(sample.median()) < 10 ? "yes" : "no");
    }

    private static Sample sample(List<Double> values) {
        return Sample.of(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private Path functionsJar() throws IOException {
        return single(repo.resolve("functions/target"), "stepwise-functions-", "-lambda.jar");
    }

    private List<Path> runtimeClasspath() throws IOException {
        List<Path> classpath = new ArrayList<>();
        classpath.add(single(repo.resolve("bench/target"), "stepwise-bench-", "-runtime.jar"));
        classpath.add(repo.resolve("bench/target/lambda-runtime/aws-lambda-java-core.jar"));
        classpath.add(repo.resolve("bench/target/lambda-runtime/aws-lambda-java-serialization.jar"));
        for (Path path : classpath) {
            if (!Files.isRegularFile(path)) {
                throw new IOException(path + " is missing: build with ./mvnw -pl bench -am package -DskipTests");
            }
        }
        return classpath;
    }

    private static Path single(Path directory, String prefix, String suffix) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IOException(directory + " is missing: build with ./mvnw -pl bench -am package -DskipTests");
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)
                            && p.getFileName().toString().endsWith(suffix))
                    .findFirst()
                    .orElseThrow(() -> new IOException("no " + prefix + "*" + suffix + " in " + directory
                            + ": build with ./mvnw -pl bench -am package -DskipTests"));
        }
    }

    private static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    private static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst()
                    .orElse(cpu);
        } catch (IOException e) {
            // Not Linux: the CPU stays unnamed.
        }
        return format(
                "%s, %d cores, %s %s, Java %s (%s)",
                cpu,
                cores(),
                System.getProperty("os.name"),
                System.getProperty("os.arch"),
                System.getProperty("java.version"),
                System.getProperty("java.vm.name"));
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
