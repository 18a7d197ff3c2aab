package dev.stepwise.harness.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The shipped scenarios against LocalStack, with the handlers deployed as Lambda functions from the shaded functions
 * jar, and the differences from the emulator listed. Opt-in: skipped, with the reason on standard error, unless
 * {@code LOCALSTACK_AUTH_TOKEN} is set (Cognito is in LocalStack's paid tier) and a Docker engine is reachable
 * (LocalStack runs the Java functions in containers). {@code LOCALSTACK_IMAGE} overrides the image.
 */
class ScenarioLocalStackIT {

    private static final String IMAGE = System.getenv().getOrDefault("LOCALSTACK_IMAGE", "localstack/localstack-pro:4");
    private static final Path FUNCTIONS_JAR =
            Path.of("..", "functions", "target", "stepwise-functions-0.1.0-SNAPSHOT-lambda.jar");

    private static LocalStackContainer localstack;

    @BeforeAll
    static void start() {
        String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
        skipUnless(
                token != null && !token.isBlank(),
                "ScenarioLocalStackIT skipped: LOCALSTACK_AUTH_TOKEN is not set (LocalStack's Cognito is a paid-tier"
                        + " feature; export the token to run the scenarios on LocalStack)");
        skipUnless(
                DockerClientFactory.instance().isDockerAvailable(),
                "ScenarioLocalStackIT skipped: no Docker engine found (LocalStack and its Lambda containers need one)");
        skipUnless(
                Files.isRegularFile(FUNCTIONS_JAR),
                "ScenarioLocalStackIT skipped: " + FUNCTIONS_JAR + " is missing; build it with ./mvnw -pl functions"
                        + " package");
        localstack = new LocalStackContainer(
                        DockerImageName.parse(IMAGE).asCompatibleSubstituteFor("localstack/localstack"))
                .withEnv("LOCALSTACK_AUTH_TOKEN", token)
                .withFileSystemBind("/var/run/docker.sock", "/var/run/docker.sock");
        localstack.start();
    }

    @AfterAll
    static void stop() {
        if (localstack != null) {
            localstack.stop();
        }
    }

    @Test
    void runAll_shippedScenariosOnLocalStack_passAndTheirDifferencesFromTheEmulatorAreListed() {
        List<Scenario> scenarios = ScenarioLoader.load(List.of(ShippedScenariosTest.SCENARIOS));
        ScenarioRunner runner = ScenarioRunner.create(Duration.ofSeconds(30));
        List<ScenarioResult> onLocalStack;
        List<ScenarioResult> onEmulator;
        try (LocalStackTarget target = new LocalStackTarget(localstack.getEndpoint(), FUNCTIONS_JAR, null)) {
            onLocalStack = runner.runAll(scenarios, target);
        }
        try (EmulatorTarget target = EmulatorTarget.create()) {
            onEmulator = runner.runAll(scenarios, target);
        }
        StringWriter table = new StringWriter();
        ScenarioReport.print(onLocalStack, new PrintWriter(table));
        System.out.println(table);
        System.out.println("Differences between the emulator and LocalStack:");
        Divergence.between(onEmulator, onLocalStack).forEach(line -> System.out.println("  " + line));

        assertThat(onLocalStack).allSatisfy(r -> assertThat(r.status())
                .as(r.scenario().name() + ": " + r.differences())
                .isEqualTo(ScenarioResult.Status.PASSED));
    }

    private static void skipUnless(boolean condition, String reason) {
        if (!condition) {
            // Failsafe's console shows only "Skipped: 1"; say why where the person running the build looks.
            System.err.println(reason);
        }
        assumeTrue(condition, reason);
    }
}
