package dev.stepwise.harness.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepwise.harness.client.SignInFlow;
import org.junit.jupiter.api.Test;

class ScenarioLoaderTest {

    @Test
    void parse_everyAnswerKind_readsThemInOrder() {
        Scenario scenario = ScenarioLoader.parse(
                "name: all answers\npolicy: password > email_code\nflow: custom_with_srp\n"
                        + "user: { username: ada, backupCodes: 2 }\n"
                        + "steps:\n"
                        + "  - answer: code-from-mailbox\n"
                        + "  - answer: wrong-code\n"
                        + "  - answer: link-from-mailbox\n"
                        + "  - answer: { literal: \"0123\" }\n"
                        + "  - answer: { totp-from-secret: JBSWY3DPEHPK3PXP }\n"
                        + "  - answer: totp-from-setup\n"
                        + "  - answer: backup-code\n"
                        + "  - expect: { step: CONTINUE_SIGN_IN_WITH_MFA_SELECTION, options: [totp, backup_code] }\n"
                        + "    answer: { choice: totp }\n"
                        + "outcome: { fails: NotAuthorizedException }\n",
                "x.yaml",
                "x");

        assertThat(scenario.flow()).isEqualTo(SignInFlow.CUSTOM_WITH_SRP);
        assertThat(scenario.user().password()).isEqualTo(ScenarioLoader.DEFAULT_PASSWORD);
        assertThat(scenario.user().backupCodes()).isEqualTo(2);
        assertThat(scenario.steps())
                .extracting(ScenarioStep::answer)
                .containsExactly(
                        new Answer.CodeFromMailbox(),
                        new Answer.WrongCode(),
                        new Answer.LinkFromMailbox(),
                        new Answer.Literal("0123"),
                        new Answer.TotpFromSecret("JBSWY3DPEHPK3PXP"),
                        new Answer.TotpFromSetup(),
                        new Answer.BackupCode(),
                        new Answer.Choice("totp"));
        assertThat(scenario.steps().get(7).expect()).containsEntry("options", "totp,backup_code");
        assertThat(scenario.outcome()).isEqualTo(ExpectedOutcome.fails("NotAuthorizedException", null));
    }

    @Test
    void parse_doneWithAmr_expectsTheFactorClaim() {
        Scenario scenario =
                ScenarioLoader.parse("user: { username: ada }\noutcome: DONE\namr: pwd otp mfa\n", "x.yaml", "x");

        assertThat(scenario.outcome()).isEqualTo(ExpectedOutcome.signedIn("pwd otp mfa"));
        assertThat(scenario.outcome().describe()).isEqualTo("DONE with amr \"pwd otp mfa\"");
    }

    @Test
    void parse_amrOnAFailure_rejected() {
        assertThatThrownBy(() -> ScenarioLoader.parse(
                        "user: { username: ada }\noutcome: \"fails with NotAuthorizedException\"\namr: otp\n",
                        "x.yaml",
                        "x"))
                .isInstanceOf(ScenarioFormatException.class)
                .hasMessageContaining("amr");
    }

    @Test
    void parse_failsWithMessage_splitsCodeAndMessage() {
        Scenario scenario = ScenarioLoader.parse(
                "user: { username: ada }\noutcome: \"fails with NotAuthorizedException: User is disabled.\"\n",
                "x.yaml",
                "fallback-name");

        assertThat(scenario.outcome()).isEqualTo(ExpectedOutcome.fails("NotAuthorizedException", "User is disabled."));
        assertThat(scenario.name()).isEqualTo("fallback-name");
        assertThat(scenario.policy()).isEqualTo("email_code");
    }

    @Test
    void parse_misspelledKey_namesFileAndKey() {
        assertThatThrownBy(() -> ScenarioLoader.parse(
                        "user: { username: ada }\nsteps:\n  - expct: { step: X }\n    answer: wrong-code\noutcome: DONE\n",
                        "typo.yaml",
                        "x"))
                .isInstanceOf(ScenarioFormatException.class)
                .hasMessageStartingWith("typo.yaml: steps[0].expct: unknown key");
    }

    @Test
    void parse_unknownAnswer_listsTheKnownOnes() {
        assertThatThrownBy(() -> ScenarioLoader.parse(
                        "user: { username: ada }\nsteps:\n  - answer: guess\noutcome: DONE\n", "a.yaml", "x"))
                .hasMessageContaining("a.yaml: steps[0].answer: unknown answer 'guess'; use code-from-mailbox");
    }

    @Test
    void parse_missingOutcome_saysWhatToWrite() {
        assertThatThrownBy(() -> ScenarioLoader.parse("user: { username: ada }\n", "o.yaml", "x"))
                .hasMessageContaining("o.yaml: outcome: required: DONE, 'fails with <ErrorCode>'");
    }

    @Test
    void toString_literalAnswerAndUser_redactSecrets() {
        assertThat(new Answer.Literal("123456").toString()).doesNotContain("123456");
        assertThat(new ScenarioUser("ada", "Secret-1!", null, null, true, true, true, true, 0).toString())
                .doesNotContain("Secret-1!");
    }
}
