package dev.stepwise.harness.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.harness.emulator.CognitoEmulator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ScenarioRunnerTest {

    static EmulatorTarget target;
    static final ScenarioRunner RUNNER = ScenarioRunner.create(Duration.ofSeconds(5));

    @BeforeAll
    static void start() {
        target = EmulatorTarget.create();
    }

    @AfterAll
    static void stop() {
        target.close();
    }

    static Scenario scenario(String yaml) {
        return ScenarioLoader.parse(yaml, "test.yaml", "test");
    }

    static final String EMAIL_USER = "user: { username: ada, email: ada@example.com }\n";

    @Test
    void run_wrongAttemptsExpectation_failsWithReadableDifference() {
        ScenarioResult result = RUNNER.run(
                scenario(EMAIL_USER + "steps:\n"
                        + "  - expect: { step: CONFIRM_SIGN_IN_WITH_EMAIL_CODE, attemptsRemaining: 2 }\n"
                        + "    answer: code-from-mailbox\n"
                        + "outcome: DONE\n"),
                target);

        assertThat(result.status()).isEqualTo(ScenarioResult.Status.FAILED);
        assertThat(result.differences())
                .containsExactly("step 1 (CONFIRM_SIGN_IN_WITH_EMAIL_CODE) attemptsRemaining: expected 2, was 3");
    }

    @Test
    void run_expectedDoneButAttemptsRunOut_reportsTheActualOutcome() {
        ScenarioResult result = RUNNER.run(
                scenario("environment: { STEPWISE_MAX_ATTEMPTS: 1 }\n" + EMAIL_USER + "steps:\n"
                        + "  - answer: wrong-code\n"
                        + "outcome: DONE\n"),
                target);

        assertThat(result.differences())
                .containsExactly(
                        "outcome: expected DONE, was fails with NotAuthorizedException \"Incorrect username or password.\"");
    }

    @Test
    void run_moreStepsExpectedThanPresented_saysWhichStepWasMissing() {
        ScenarioResult result = RUNNER.run(
                scenario(EMAIL_USER + "steps:\n"
                        + "  - answer: code-from-mailbox\n"
                        + "  - expect: { step: CONFIRM_SIGN_IN_WITH_SMS_CODE }\n"
                        + "    answer: code-from-mailbox\n"
                        + "outcome: DONE\n"),
                target);

        assertThat(result.differences())
                .containsExactly("step 2: expected a challenge {step=CONFIRM_SIGN_IN_WITH_SMS_CODE}, but the sign-in"
                        + " ended: DONE");
        assertThat(result.observations()).extracting(Observation::label).containsExactly("challenge 1", "outcome");
    }

    @Test
    void run_choiceNotOffered_failsNamingTheOptions() {
        ScenarioResult result =
                RUNNER.run(scenario(EMAIL_USER + "steps:\n  - answer: { choice: totp }\noutcome: DONE\n"), target);

        assertThat(result.differences())
                .containsExactly("step 1 (CONFIRM_SIGN_IN_WITH_EMAIL_CODE): cannot choose totp; options offered: none");
    }

    @Test
    void run_passingScenario_recordsObservationsWithoutCodesOrExpiry() {
        ScenarioResult result =
                RUNNER.run(scenario(EMAIL_USER + "steps:\n  - answer: code-from-mailbox\noutcome: DONE\n"), target);

        assertThat(result.passed()).isTrue();
        assertThat(result.observations().get(0).values())
                .containsEntry("step", "CONFIRM_SIGN_IN_WITH_EMAIL_CODE")
                .containsEntry("destination", "a***@e***.com")
                .doesNotContainKey("expiresAt");
        assertThat(result.observations().get(1).values()).containsExactly(Map.entry("result", "DONE"));
    }

    @Test
    void run_totpFromSecretOnYourOwnVerifyTrigger_isAcceptedAndAWrongOneIsNot() {
        Scenario scenario = scenario(EMAIL_USER + "steps:\n"
                + "  - answer: { literal: \"000000\" }\n"
                + "  - expect: { attemptsRemaining: 2 }\n"
                + "    answer: { totp-from-secret: JBSWY3DPEHPK3PXP }\n"
                + "outcome: DONE\n");
        ScenarioResult result;
        try (EmulatorTarget totp = EmulatorTarget.create(b -> b.verifyTrigger(TotpVerifyTrigger.class.getName())
                .bundledTriggerEnvironment(
                        CognitoEmulator.VERIFY_FUNCTION, Map.of("TOTP_SECRET", "JBSWY3DPEHPK3PXP")))) {
            result = RUNNER.run(scenario, totp);
        }

        assertThat(result.differences()).isEmpty();
        assertThat(result.passed()).isTrue();
    }

    @Test
    void otpauthSecret_uriWithSecret_returnsIt() {
        assertThat(ScenarioRunner.otpauthSecret(
                        "otpauth://totp/Stepwise:ada?secret=JBSWY3DPEHPK3PXP&issuer=Stepwise&digits=6"))
                .isEqualTo("JBSWY3DPEHPK3PXP");
        assertThat(ScenarioRunner.otpauthSecret(null)).isNull();
    }

    @Test
    void print_failedScenario_showsFailRowAndIndentedDifference() {
        ScenarioResult result = RUNNER.run(
                scenario(EMAIL_USER + "steps:\n"
                        + "  - expect: { factor: phone_code }\n"
                        + "    answer: code-from-mailbox\n"
                        + "outcome: DONE\n"),
                target);
        StringWriter out = new StringWriter();

        ScenarioReport.print(List.of(result), new PrintWriter(out));

        assertThat(out.toString())
                .contains("FAIL   emulator")
                .contains("         step 1 (CONFIRM_SIGN_IN_WITH_EMAIL_CODE) factor: expected phone_code, was"
                        + " email_code")
                .contains("1 scenarios: 0 passed, 1 failed, 0 skipped");
    }

    @Test
    void between_targetsWithDifferentCodeLengths_listsTheParameterThatDiffers() {
        Scenario scenario = scenario(EMAIL_USER + "steps:\n  - answer: code-from-mailbox\noutcome: DONE\n");
        ScenarioResult eight;
        try (EmulatorTarget longCodes = EmulatorTarget.create(
                "long-codes",
                b -> b.bundledTriggerEnvironment(
                        CognitoEmulator.CREATE_FUNCTION, Map.of("STEPWISE_CODE_LENGTH", "8")))) {
            eight = RUNNER.run(scenario, longCodes);
        }
        ScenarioResult six = RUNNER.run(scenario, target);

        assertThat(Divergence.between(List.of(six), List.of(eight)))
                .containsExactly("test: challenge 1 codeLength: emulator \"6\", long-codes \"8\"");
        assertThat(Divergence.between(List.of(six), List.of(six))).isEmpty();
    }
}
