package dev.stepwise.harness.cli;

import dev.stepwise.harness.load.EmulatorSignIns;
import dev.stepwise.harness.load.LoadPlan;
import dev.stepwise.harness.load.LoadReport;
import dev.stepwise.harness.load.LoadRunner;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stepwise load}: full email-code sign-ins against the emulator at a target rate, with a progress line while it
 * runs and a summary table at the end. By default it starts an emulator in-process; {@code --endpoint} points it at
 * one already running on this machine (loopback only). The run is bounded by {@code --count} and {@code --max-time}.
 */
@Command(
        name = "load",
        mixinStandardHelpOptions = true,
        description = "Sign-ins against the emulator at a target rate: pacing accuracy, latency percentiles, errors."
                + " Loopback only; bounded in count and time.")
public final class LoadCommand implements Callable<Integer> {
    private static final int MAX_COUNT = 1_000_000;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--rate",
            defaultValue = "120",
            description = "Sign-ins started per second (default ${DEFAULT-VALUE}, Cognito's default quota for"
                    + " RespondToAuthChallenge); 0 = as fast as the emulator goes, closed-loop.")
    double rate;

    @Option(
            names = "--count",
            defaultValue = "1200",
            description = "Sign-ins to measure (default ${DEFAULT-VALUE}, at most " + MAX_COUNT + ").")
    int count;

    @Option(
            names = "--warmup",
            defaultValue = "200",
            description = "Unmeasured sign-ins first, to warm the JIT (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(
            names = "--concurrency",
            defaultValue = "32",
            description = "Most sign-ins in flight (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(
            names = "--max-time",
            defaultValue = "5m",
            description = "Stop starting sign-ins after this long, e.g. 90s, 5m or ISO-8601 PT5M (default"
                    + " ${DEFAULT-VALUE}).")
    Duration maxTime;

    @Option(
            names = "--users",
            defaultValue = "500",
            description = "Distinct users the sign-ins rotate over (default ${DEFAULT-VALUE}).")
    int users;

    @Option(
            names = "--endpoint",
            description = "A running emulator on this machine, e.g. http://127.0.0.1:9229 (needs --user-pool-id and"
                    + " --client-id, as printed by 'stepwise emulator --seed'); default: start one in-process.")
    URI endpoint;

    @Option(names = "--user-pool-id", description = "With --endpoint: the pool to sign in to.")
    String userPoolId;

    @Option(names = "--client-id", description = "With --endpoint: an app client that allows CUSTOM_AUTH.")
    String clientId;

    @Override
    public Integer call() throws Exception {
        if (count > MAX_COUNT) {
            throw new CliException(ExitStatus.USAGE, "--count is at most " + MAX_COUNT + ", not " + count);
        }
        if (users < 1) {
            throw new CliException(ExitStatus.USAGE, "--users must be at least 1");
        }
        LoadPlan plan = new LoadPlan(rate, count, warmup, concurrency, maxTime);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        err.println("stepwise load: preparing " + users + " users...");
        err.flush();
        try (EmulatorSignIns target = target()) {
            err.println("stepwise load: " + describe(plan) + " against " + target.endpoint());
            err.flush();
            boolean interactive = System.console() != null;
            LoadReport report = LoadRunner.create().run(plan, target, progress -> {
                err.print(String.format(
                        Locale.ROOT,
                        "%s[%5.1f s] %d/%d sign-ins, %.1f/s, %d failed%s",
                        interactive ? "\r" : "",
                        progress.elapsedNanos() / 1e9,
                        progress.completed(),
                        progress.total(),
                        progress.rate(),
                        progress.failed(),
                        interactive ? "   " : System.lineSeparator()));
                err.flush();
            });
            if (interactive) {
                err.println();
            }
            out.print(report.table().render());
            if (report.firstError() != null) {
                out.println("first failure: " + report.firstError());
            }
            out.flush();
            return report.failed() == 0 ? ExitStatus.OK.code : ExitStatus.SIGN_IN_FAILED.code;
        }
    }

    private EmulatorSignIns target() {
        if (endpoint == null) {
            return EmulatorSignIns.inProcess(users);
        }
        if (userPoolId == null || clientId == null) {
            throw new CliException(
                    ExitStatus.USAGE, "--endpoint needs --user-pool-id and --client-id ('stepwise emulator --seed')");
        }
        try {
            return EmulatorSignIns.remote(endpoint, userPoolId, clientId, users);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitStatus.USAGE, e.getMessage());
        }
    }

    private static String describe(LoadPlan plan) {
        return String.format(
                Locale.ROOT,
                "%d sign-ins %s, %d in flight at most, stopping after %s",
                plan.count(),
                plan.paced() ? String.format(Locale.ROOT, "at %.1f/s", plan.rate()) : "as fast as possible",
                plan.concurrency(),
                plan.timeLimit());
    }
}
