package dev.stepwise.harness.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetSkipTest {

    static final URI NOWHERE = URI.create("http://127.0.0.1:9");
    static final ScenarioRunner RUNNER = ScenarioRunner.create(Duration.ofSeconds(1));

    static Scenario scenario(String policy, String userExtra) {
        return ScenarioLoader.parse(
                "policy: " + policy + "\nuser: { username: ada, email: ada@example.com" + userExtra + " }\n"
                        + "outcome: DONE\n",
                "skip.yaml",
                "skip");
    }

    @Test
    void run_deployedPoolWithAnotherPolicy_isSkippedWithTheReasonAndPrinted() {
        ScenarioResult result;
        try (DeployedPoolTarget target = new DeployedPoolTarget(
                "aws", NOWHERE, "us-east-1", "us-east-1_Abc", "client", "password > email_code", null, null)) {
            result = RUNNER.run(scenario("email_code", ""), target);
        }
        StringWriter out = new StringWriter();
        ScenarioReport.print(List.of(result), new PrintWriter(out));

        assertThat(result.status()).isEqualTo(ScenarioResult.Status.SKIPPED);
        assertThat(out.toString())
                .contains("SKIP   aws")
                .contains("skipped: the deployed policy is \"password > email_code\", this scenario needs"
                        + " \"email_code\"")
                .contains("1 scenarios: 0 passed, 0 failed, 1 skipped");
    }

    @Test
    void run_deployedPoolWithBackupCodes_isSkipped() {
        try (DeployedPoolTarget target = new DeployedPoolTarget(
                "aws", NOWHERE, "us-east-1", "us-east-1_Abc", "client", "email_code", null, null)) {
            assertThat(RUNNER.run(scenario("email_code", ", backupCodes: 2"), target)
                            .differences())
                    .containsExactly("provisioning backup codes needs the triggers' STEPWISE_SECRET; only the emulator"
                            + " target does it");
        }
    }

    @Test
    void run_localStackWithAStateTablePolicy_isSkippedBeforeDeployingAnything(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("functions.jar"), "not used");
        try (LocalStackTarget target = new LocalStackTarget(NOWHERE, jar, null)) {
            for (String policy : List.of("email_code | phone_code", "email_code > totp", "email_link")) {
                assertThat(RUNNER.run(scenario(policy, ""), target).status()).isEqualTo(ScenarioResult.Status.SKIPPED);
            }
        }
    }

    @Test
    void run_localStackUnreachable_failsWithTheEndpointInTheDifference(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("functions.jar"), "not used");
        ScenarioResult result;
        try (LocalStackTarget target = new LocalStackTarget(NOWHERE, jar, null)) {
            result = RUNNER.run(scenario("email_code", ""), target);
        }

        assertThat(result.status()).isEqualTo(ScenarioResult.Status.FAILED);
        assertThat(result.differences()).singleElement().asString().contains("cannot reach LocalStack at " + NOWHERE);
    }
}
