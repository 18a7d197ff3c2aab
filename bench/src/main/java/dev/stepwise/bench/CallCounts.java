package dev.stepwise.bench;

import dev.stepwise.harness.emulator.CognitoEmulator;
import dev.stepwise.harness.emulator.ServiceCall;
import dev.stepwise.harness.scenario.EmulatorTarget;
import dev.stepwise.harness.scenario.Scenario;
import dev.stepwise.harness.scenario.ScenarioLoader;
import dev.stepwise.harness.scenario.ScenarioResult;
import dev.stepwise.harness.scenario.ScenarioRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one sign-in costs in requests: each scenario of {@code scenarios/} run on the embedded emulator with the bundled
 * triggers as deployed (abuse controls on, the state table, KMS for TOTP secrets, and the token guard: pre token
 * generation version 2, as the CDK construct deploys it by default), counting per trigger its invocations and the
 * state-table, KMS, Secrets Manager, SES and SNS requests it makes. The emulator names the caller by the access key id
 * each bundled function signs with.
 *
 * <p>Each scenario runs twice, on a new pool and user each time, and the second run is counted, so calls a function
 * makes once at init are left out (see {@link Counts#init()} for those).
 */
public final class CallCounts {
    /**
     * The bundled functions a sign-in runs, with their short names: the three challenge triggers, and the token guard
     * (pre token generation), which runs once on every sign-in that gets tokens.
     */
    static final Map<String, String> FUNCTIONS = Map.of(
            CognitoEmulator.DEFINE_FUNCTION, "Define",
            CognitoEmulator.CREATE_FUNCTION, "Create",
            CognitoEmulator.VERIFY_FUNCTION, "Verify",
            CognitoEmulator.TOKEN_GENERATION_FUNCTION, "TokenGuard");

    /** The short names in the order of a sign-in. */
    static final List<String> ORDER = List.of("Define", "Create", "Verify", "TokenGuard");

    private CallCounts() {}

    /**
     * The calls of one sign-in.
     *
     * @param scenario the scenario's file name without {@code .yaml}
     * @param policy its policy
     * @param outcome {@code DONE} (with the amr it expects, if it states one) or the failure it expects
     * @param calls per function's short name ({@code Define}, {@code Create}, {@code Verify}, {@code TokenGuard}), per
     *     {@code service operation} (e.g. {@code lambda Invoke}, {@code dynamodb GetItem}), how many
     * @param init the calls of the first run that the second did not repeat (the functions' init), same shape
     */
    public record Counts(
            String scenario,
            String policy,
            String outcome,
            Map<String, Map<String, Long>> calls,
            Map<String, Map<String, Long>> init) {

        /** Whether the sign-in gets tokens (its outcome is {@code DONE}, with or without an expected amr). */
        public boolean signedIn() {
            return outcome.equals("DONE") || outcome.startsWith("DONE ");
        }

        /** How many times {@code function} made {@code service operation}; 0 when never. */
        public long of(String function, String serviceOperation) {
            return calls.getOrDefault(function, Map.of()).getOrDefault(serviceOperation, 0L);
        }

        /** How many requests to {@code service} all functions made, Lambda invocations aside. */
        public long total(String service) {
            return calls.values().stream()
                    .flatMap(m -> m.entrySet().stream())
                    .filter(e -> e.getKey().startsWith(service + " "))
                    .mapToLong(Map.Entry::getValue)
                    .sum();
        }

        /**
         * One line per function, e.g. {@code Define ×2: dynamodb GetItem 2}, in sign-in order; functions never invoked
         * are left out. Stable, so tests compare it as text.
         */
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            for (String function : ORDER) {
                Map<String, Long> made = calls.get(function);
                if (made == null) {
                    continue;
                }
                StringBuilder line = new StringBuilder(function)
                        .append(" ×")
                        .append(made.getOrDefault("lambda Invoke", 0L))
                        .append(':');
                String separator = " ";
                for (Map.Entry<String, Long> call : made.entrySet()) {
                    if (!call.getKey().equals("lambda Invoke")) {
                        line.append(separator).append(call.getKey()).append(' ').append(call.getValue());
                        separator = ", ";
                    }
                }
                if (separator.equals(" ")) {
                    line.append(" nothing else");
                }
                lines.add(line.toString());
            }
            return lines;
        }
    }

    /**
     * Runs every scenario in {@code directory} (sorted by file name) and counts.
     *
     * @throws IllegalStateException when a scenario does not pass: its counts would not be a sign-in's
     */
    public static List<Counts> measure(Path directory) {
        List<Scenario> scenarios = ScenarioLoader.load(List.of(directory));
        Map<ServiceCall, LongAdder> counter = new ConcurrentHashMap<>();
        List<Counts> results = new ArrayList<>();
        ScenarioRunner runner = ScenarioRunner.create(Duration.ofSeconds(10));
        try (EmulatorTarget target = EmulatorTarget.create(builder -> builder.serviceCalls(
                call -> counter.computeIfAbsent(call, c -> new LongAdder()).increment()))) {
            for (Scenario scenario : scenarios) {
                counter.clear();
                check(runner.run(scenario, target));
                Map<String, Map<String, Long>> first = snapshot(counter);
                counter.clear();
                check(runner.run(scenario, target));
                Map<String, Map<String, Long>> second = snapshot(counter);
                results.add(new Counts(
                        name(scenario),
                        scenario.policy(),
                        scenario.outcome().describe(),
                        second,
                        difference(first, second)));
            }
        }
        return results;
    }

    private static void check(ScenarioResult result) {
        if (!result.passed()) {
            throw new IllegalStateException(
                    "scenario " + result.scenario().name() + " did not pass: " + result.differences());
        }
    }

    private static String name(Scenario scenario) {
        String source = scenario.source();
        String file = source.substring(Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\')) + 1);
        return file.endsWith(".yaml") ? file.substring(0, file.length() - 5) : file;
    }

    private static Map<String, Map<String, Long>> snapshot(Map<ServiceCall, LongAdder> counter) {
        Map<String, Map<String, Long>> calls = new TreeMap<>();
        counter.forEach((call, count) -> {
            String function = FUNCTIONS.get(call.caller());
            if (function != null) {
                calls.computeIfAbsent(function, f -> new TreeMap<>())
                        .merge(call.service() + " " + call.operation(), count.sum(), Long::sum);
            }
        });
        return calls;
    }

    private static Map<String, Map<String, Long>> difference(
            Map<String, Map<String, Long>> first, Map<String, Map<String, Long>> second) {
        Map<String, Map<String, Long>> init = new TreeMap<>();
        first.forEach((function, calls) -> calls.forEach((call, count) -> {
            long extra = count - second.getOrDefault(function, Map.of()).getOrDefault(call, 0L);
            if (extra > 0) {
                init.computeIfAbsent(function, f -> new TreeMap<>()).put(call, extra);
            }
        }));
        return init;
    }
}
