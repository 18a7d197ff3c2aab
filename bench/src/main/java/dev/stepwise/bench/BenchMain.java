package dev.stepwise.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stepwise-bench}: runs Stepwise's benchmarks and prints one table (Markdown) with each figure's median and
 * spread, the goal and whether it is met, then the call-count and cost tables. Progress goes to standard error, the
 * tables to standard output.
 */
@Command(
        name = "stepwise-bench",
        mixinStandardHelpOptions = true,
        description = "Cold start, warm latency, jar size, emulator throughput, paced load, enumeration timing,"
                + " a guessing attack, and the calls and cost of a sign-in.")
public final class BenchMain implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--repo", defaultValue = ".", description = "The repository root (default: current directory).")
    Path repo;

    @Option(names = "--runs", defaultValue = "10", description = "Cold starts per handler and setting (default 10).")
    int runs;

    @Option(names = "--forks", defaultValue = "3", description = "JMH forks per handler (default 3).")
    int forks;

    @Option(names = "--rounds", defaultValue = "3", description = "Emulator and enumeration rounds (default 3).")
    int rounds;

    @Option(names = "--rate", defaultValue = "120", description = "Target rate of the load run (default 120/s).")
    double rate;

    @Option(names = "--quick", description = "Fewer runs and shorter measurements: a smoke test of the suite.")
    boolean quick;

    @Option(
            names = "--only",
            split = ",",
            description = "Run only these parts: jar, cold, warm, emulator, load, enumeration, attack, calls"
                    + " (default: all).")
    Set<String> only;

    /** Runs the command line. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        BenchSettings settings = new BenchSettings(
                new BenchPaths(repo),
                quick ? Math.min(runs, 3) : runs,
                quick ? 1 : forks,
                quick ? 1 : rounds,
                rate,
                quick);
        PrintWriter err = spec.commandLine().getErr();
        BenchReport report = new BenchReport(message -> {
            err.println("stepwise-bench: " + message);
            err.flush();
        });
        String loadBefore = Machine.loadAverage();
        Map<String, Double> warm = null;
        if (wants("jar")) {
            JarBenchmark.run(settings, report);
        }
        if (wants("cold")) {
            ColdStartBenchmark.run(settings, report);
        }
        if (wants("warm")) {
            warm = WarmBenchmark.run(settings, report);
        }
        if (wants("emulator")) {
            EmulatorBenchmark.run(settings, report);
        }
        if (wants("load")) {
            LoadBenchmark.run(settings, report);
        }
        if (wants("enumeration")) {
            EnumerationBenchmark.run(settings, report);
        }
        if (wants("attack")) {
            AttackBenchmark.run(report);
        }
        if (wants("calls")) {
            CallsBenchmark.run(settings, report, warm);
        }
        PrintWriter out = spec.commandLine().getOut();
        report.print(out);
        out.println("machine: " + Machine.describe() + "; load average before " + loadBefore + ", after "
                + Machine.loadAverage());
        out.flush();
        return 0;
    }

    private boolean wants(String part) {
        return only == null || only.contains(part);
    }
}
