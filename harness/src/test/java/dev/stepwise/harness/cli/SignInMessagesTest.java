package dev.stepwise.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.harness.client.BackupCodeSeeder;
import dev.stepwise.harness.client.CodeDeliveryDetails;
import dev.stepwise.harness.client.CodeReader;
import dev.stepwise.harness.emulator.CognitoEmulator;
import dev.stepwise.harness.emulator.Seeded;
import dev.stepwise.harness.junit.MagicWordTriggers;
import dev.stepwise.harness.junit.StepwiseEmulator;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class SignInMessagesTest {

    private static String[] args(CognitoEmulator emulator, Seeded seeded, String flow, String... extra) {
        List<String> all = new java.util.ArrayList<>(List.of(
                "signin",
                "--endpoint",
                emulator.endpoint().toString(),
                "--region",
                "us-east-1",
                "--user-pool-id",
                seeded.userPoolId(),
                "--client-id",
                seeded.clientId(),
                "--username",
                seeded.username(),
                "--flow",
                flow));
        all.addAll(List.of(extra));
        return all.toArray(String[]::new);
    }

    @Test
    @StepwiseEmulator(policy = "password > email_code")
    void signin_wrongCodeThenRight_saysWrongOnceAndDoesNotClaimANewCode(
            CognitoEmulator emulator, Seeded seeded, CodeReader codes) {
        Supplier<String> code = () -> codes.latestCode(new CodeDeliveryDetails("EMAIL", seeded.email()), 6)
                .orElseThrow();

        CliRun run = CliRun.runWithReader(
                new LazyLines(List.of(seeded::password, () -> SignInRun.wrongCode(code.get()), code)),
                args(emulator, seeded, "CUSTOM_WITH_SRP"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("wrong answer; try again").contains("2 attempts left");
        assertThat(run.out().split("code sent by EMAIL", -1)).hasSize(2);
        assertThat(run.out()).contains("DONE");
    }

    @Test
    @StepwiseEmulator(
            define = MagicWordTriggers.Define.class,
            create = MagicWordTriggers.Create.class,
            verify = MagicWordTriggers.Verify.class,
            environment = "MAGIC_WORD=xyzzy")
    void signin_customChallenge_showsItsPublicParameters(CognitoEmulator emulator, Seeded seeded) {
        CliRun run = CliRun.runWithReader(
                new LazyLines(List.of(() -> "plugh", () -> "xyzzy")),
                args(emulator, seeded, "CUSTOM_WITHOUT_SRP", "--no-claims"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("hint: say the magic word").contains("wrong answer; try again");
        assertThat(run.out()).doesNotContain("USERNAME:");
    }

    @Test
    @StepwiseEmulator(policy = "email_code > backup_code")
    void signin_backupCodeStep_showsCodesLeft(CognitoEmulator emulator, Seeded seeded, BackupCodeSeeder seeder) {
        List<String> sheet = seeder.seed(seeded, 3);

        CliRun run = CliRun.runWithReader(
                new LazyLines(List.of(() -> sheet.get(0))),
                args(
                        emulator,
                        seeded,
                        "CUSTOM_WITHOUT_SRP",
                        "--mailbox",
                        emulator.endpoint().toString(),
                        "--no-claims"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("CONFIRM_SIGN_IN_WITH_BACKUP_CODE").contains("3 backup codes left");
        assertThat(run.out() + run.err()).doesNotContain(sheet.get(0));
    }
}
