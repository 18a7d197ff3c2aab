package dev.stepwise.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoCommandTest {

    @Test
    void demo_defaultPolicy_endsInDoneWithClaims() {
        CliRun run = CliRun.run("demo");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("CONFIRM_SIGN_IN_WITH_PASSWORD")
                .contains("CONFIRM_SIGN_IN_WITH_EMAIL_CODE")
                .contains("needs_second_factor")
                .contains("code read from the mailbox: ")
                .contains("attempts left")
                .contains("DONE")
                .contains("token_use: id");
        assertThat(run.out()
                        .strip()
                        .lines()
                        .filter(l -> l.startsWith("["))
                        .reduce((a, b) -> b)
                        .orElseThrow())
                .contains("DONE");
    }

    @Test
    void demo_wrongAnswerFirst_showsFewerAttemptsThenDone() {
        CliRun run = CliRun.run("demo", "--wrong-answers", "1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("answering a wrong code on purpose")
                .contains("2 attempts left")
                .contains("DONE");
    }

    @Test
    void demo_passwordlessPolicy_usesCustomWithoutSrpAndEndsInDone() {
        CliRun run = CliRun.run("demo", "--policy", "email_code > phone_code");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("CUSTOM_WITHOUT_SRP")
                .doesNotContain("CONFIRM_SIGN_IN_WITH_PASSWORD")
                .contains("CONFIRM_SIGN_IN_WITH_SMS_CODE")
                .contains("DONE");
    }

    @Test
    void demo_invalidPolicy_failsWithOneLineAndNoStackTrace() {
        CliRun run = CliRun.run("demo", "--policy", "carrier_pigeon");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).startsWith("stepwise: ").doesNotContain("\tat ");
    }
}
