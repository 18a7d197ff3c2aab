package dev.stepwise.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioCommandTest {

    @Test
    void scenarioRun_passingFiles_printsTableAndExitsZero() {
        CliRun run = CliRun.run("scenario", "run", "../scenarios/email-code.yaml", "../scenarios/wrong-password.yaml");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("PASS   emulator")
                .contains("email code, passwordless")
                .contains("wrong password")
                .contains("2 scenarios: 2 passed, 0 failed, 0 skipped");
    }

    @Test
    void scenarioRun_aFailingScenario_printsTheDifferenceAndExitsOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("wrong-factor.yaml");
        Files.writeString(
                file,
                "policy: email_code\nuser: { username: ada, email: ada@example.com }\nsteps:\n"
                        + "  - expect: { step: CONFIRM_SIGN_IN_WITH_SMS_CODE }\n    answer: code-from-mailbox\n"
                        + "outcome: DONE\n");

        CliRun run = CliRun.run("scenario", "run", file.toString(), "--target", "emulator");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out())
                .contains("FAIL   emulator")
                .contains("step 1 (CONFIRM_SIGN_IN_WITH_EMAIL_CODE) step: expected CONFIRM_SIGN_IN_WITH_SMS_CODE, was"
                        + " CONFIRM_SIGN_IN_WITH_EMAIL_CODE")
                .contains("1 scenarios: 0 passed, 1 failed, 0 skipped");
    }

    @Test
    void scenarioRun_compareTwoAlikeTargets_reportsNoDifferences() {
        CliRun run = CliRun.run("scenario", "run", "../scenarios/email-code.yaml", "--compare", "emulator,emulator");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("No differences between emulator and emulator.");
    }

    @Test
    void scenarioRun_compareWithOneTarget_isAUsageError() {
        CliRun run = CliRun.run("scenario", "run", "../scenarios/email-code.yaml", "--compare", "emulator");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--compare takes two targets");
    }

    @Test
    void scenarioRun_unknownTarget_isAUsageError() {
        CliRun run = CliRun.run("scenario", "run", "../scenarios/email-code.yaml", "--target", "moto");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown target 'moto'; use emulator, localstack or aws");
    }

    @Test
    void scenarioRun_awsWithoutPool_saysWhatIsMissing() {
        CliRun run = CliRun.run("scenario", "run", "../scenarios/email-code.yaml", "--target", "aws");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("needs --user-pool-id, --client-id and --policy");
    }

    @Test
    void scenarioRun_malformedFile_namesTheFileAndPlace(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "user: { username: ada }\noutcome: SIGNED_IN\n");

        CliRun run = CliRun.run("scenario", "run", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("bad.yaml: outcome: required: DONE");
    }
}
