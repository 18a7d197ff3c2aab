package dev.stepwise.harness.cli;

import dev.stepwise.harness.client.HttpMailbox;
import dev.stepwise.harness.scenario.DeployedPoolTarget;
import dev.stepwise.harness.scenario.Divergence;
import dev.stepwise.harness.scenario.EmulatorTarget;
import dev.stepwise.harness.scenario.LocalStackTarget;
import dev.stepwise.harness.scenario.Scenario;
import dev.stepwise.harness.scenario.ScenarioLoader;
import dev.stepwise.harness.scenario.ScenarioReport;
import dev.stepwise.harness.scenario.ScenarioResult;
import dev.stepwise.harness.scenario.ScenarioRunner;
import dev.stepwise.harness.scenario.ScenarioTarget;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stepwise scenario}: scripted sign-ins with expectations, from YAML files. */
@Command(
        name = "scenario",
        mixinStandardHelpOptions = true,
        description = "Scripted sign-ins with expectations (YAML scenario files).",
        subcommands = {ScenarioCommand.Run.class})
public final class ScenarioCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: use 'scenario run FILE...'");
    }

    /**
     * {@code stepwise scenario run FILE... [--target T | --compare A,B]}: runs the scenarios, prints a pass/fail
     * table (and with {@code --compare}, every difference between the two targets), and exits 1 when a scenario
     * failed or the targets differ.
     */
    @Command(
            name = "run",
            mixinStandardHelpOptions = true,
            description = "Run scenario files (or directories of them) and print a pass/fail table; exit 1 when any"
                    + " fails (or, with --compare, when the targets differ).")
    public static final class Run implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", arity = "1..*", description = "Scenario files (.yaml) or directories.")
        List<Path> files;

        @Option(
                names = "--target",
                defaultValue = "emulator",
                paramLabel = "emulator|localstack|aws",
                description = "Where to run. Default: ${DEFAULT-VALUE}.")
        String target;

        @Option(
                names = "--compare",
                paramLabel = "A,B",
                split = ",",
                description = "Run on two targets (e.g. emulator,localstack) and list every difference.")
        List<String> compare;

        @Option(
                names = "--endpoint",
                paramLabel = "URL",
                description = "LocalStack's URL (default http://localhost:4566); for aws, an endpoint override.")
        URI endpoint;

        @Option(names = "--region", defaultValue = "${env:AWS_REGION:-us-east-1}", description = "Region.")
        String region;

        @Option(
                names = "--functions-jar",
                paramLabel = "JAR",
                defaultValue = "functions/target/stepwise-functions-0.1.0-SNAPSHOT-lambda.jar",
                description = "localstack: the shaded functions jar to deploy. Default: ${DEFAULT-VALUE}.")
        Path functionsJar;

        @Option(
                names = "--user-pool-id",
                defaultValue = "${env:STEPWISE_USER_POOL_ID}",
                description = "aws (or localstack without deploying): the deployed pool.")
        String userPoolId;

        @Option(
                names = "--client-id",
                defaultValue = "${env:STEPWISE_CLIENT_ID}",
                description = "aws: the deployed app client (no secret).")
        String clientId;

        @Option(
                names = "--policy",
                defaultValue = "${env:STEPWISE_POLICY}",
                description = "aws: the policy the pool's triggers were deployed with; other scenarios are skipped.")
        String policy;

        @Option(
                names = "--mailbox",
                paramLabel = "URL",
                description = "aws: a LocalStack-style mailbox (GET /_aws/ses, /_aws/sns/sms-messages) to read codes.")
        URI mailbox;

        @Option(
                names = "--code-timeout",
                defaultValue = "15s",
                description = "How long to wait for a code in the mailbox, e.g. 15s, 2m or ISO-8601 PT15S. Default:"
                        + " ${DEFAULT-VALUE}.")
        Duration codeTimeout;

        @Override
        public Integer call() {
            List<Scenario> scenarios = ScenarioLoader.load(files);
            PrintWriter out = spec.commandLine().getOut();
            ScenarioRunner runner = ScenarioRunner.create(codeTimeout);
            List<String> targets = compare == null ? List.of(target) : compare;
            if (targets.size() != 2 && compare != null) {
                throw new ParameterException(
                        spec.commandLine(), "--compare takes two targets, e.g. emulator,localstack");
            }
            List<List<ScenarioResult>> runs = new ArrayList<>();
            boolean failed = false;
            for (String name : targets) {
                try (ScenarioTarget scenarioTarget = target(name)) {
                    List<ScenarioResult> results = runner.runAll(scenarios, scenarioTarget);
                    ScenarioReport.print(results, out);
                    failed |= results.stream().anyMatch(r -> r.status() == ScenarioResult.Status.FAILED);
                    runs.add(results);
                }
            }
            if (compare != null) {
                List<String> differences = Divergence.between(runs.get(0), runs.get(1));
                out.println();
                out.println(
                        differences.isEmpty()
                                ? "No differences between " + targets.get(0) + " and " + targets.get(1) + "."
                                : differences.size() + " differences between " + targets.get(0) + " and "
                                        + targets.get(1) + ":");
                differences.forEach(line -> out.println("  " + line));
                out.flush();
                failed |= !differences.isEmpty();
            }
            return failed ? ExitStatus.SIGN_IN_FAILED.code : ExitStatus.OK.code;
        }

        private ScenarioTarget target(String name) {
            switch (name.toLowerCase(Locale.ROOT)) {
                case "emulator":
                    return EmulatorTarget.create();
                case "localstack": {
                    URI url = endpoint != null ? endpoint : URI.create("http://localhost:4566");
                    if (userPoolId != null) {
                        return deployed("localstack", url, HttpMailbox.at(url, region));
                    }
                    return new LocalStackTarget(url, functionsJar, null);
                }
                case "aws":
                    return deployed("aws", endpoint, mailbox == null ? null : HttpMailbox.at(mailbox, region));
                default:
                    throw new ParameterException(
                            spec.commandLine(), "unknown target '" + name + "'; use emulator, localstack or aws");
            }
        }

        private ScenarioTarget deployed(String name, URI url, HttpMailbox box) {
            if (userPoolId == null || clientId == null || policy == null) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--target " + name + " with a deployed pool needs --user-pool-id, --client-id and --policy");
            }
            return new DeployedPoolTarget(
                    name, url, region, userPoolId, clientId, policy, box, box == null ? null : box::clear);
        }
    }
}
