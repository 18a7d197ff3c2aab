package dev.stepwise.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.harness.emulator.CognitoEmulator;
import dev.stepwise.harness.emulator.Seeded;
import dev.stepwise.harness.junit.StepwiseEmulator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class LoadCommandTest {

    @Test
    void load_smallPacedRunInProcess_printsSummaryWithEverySignInSucceeded() {
        CliRun run = CliRun.run(
                "load", "--rate", "40", "--count", "40", "--warmup", "5", "--users", "10", "--concurrency", "4");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .containsPattern("\\| succeeded +\\| +40 \\|")
                .containsPattern("\\| failed +\\| +0 \\|")
                .contains("latency p99")
                .contains("rate error");
        assertThat(run.err()).contains("40/40 sign-ins");
    }

    @Test
    @Tag("slow")
    @StepwiseEmulator
    void load_runningEmulatorEndpoint_signsInWithCodesFromItsHttpMailbox(CognitoEmulator emulator, Seeded seeded) {
        CliRun run = CliRun.run(
                "load",
                "--endpoint",
                emulator.endpoint().toString(),
                "--user-pool-id",
                seeded.userPoolId(),
                "--client-id",
                seeded.clientId(),
                "--rate",
                "20",
                "--count",
                "10",
                "--warmup",
                "0",
                "--users",
                "10");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).containsPattern("\\| succeeded +\\| +10 \\|");
    }

    @Test
    void load_remoteEndpoint_refusesNonLoopbackHost() {
        CliRun run =
                CliRun.run("load", "--endpoint", "http://203.0.113.7:9229", "--user-pool-id", "p", "--client-id", "c");

        assertThat(run.exitCode()).isEqualTo(ExitStatus.USAGE.code);
        assertThat(run.err()).contains("loopback");
    }

    @Test
    void load_endpointWithoutPoolAndClient_isUsageError() {
        CliRun run = CliRun.run("load", "--endpoint", "http://127.0.0.1:9229");

        assertThat(run.exitCode()).isEqualTo(ExitStatus.USAGE.code);
        assertThat(run.err()).contains("--user-pool-id");
    }

    @Test
    void load_countAboveBound_isUsageError() {
        CliRun run = CliRun.run("load", "--count", "2000000");

        assertThat(run.exitCode()).isEqualTo(ExitStatus.USAGE.code);
        assertThat(run.err()).contains("--count is at most");
    }
}
