package dev.stepwise.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.harness.client.CodeReader;
import dev.stepwise.harness.client.NextStep;
import dev.stepwise.harness.client.SignInClient;
import dev.stepwise.harness.client.SignInFlow;
import dev.stepwise.harness.client.SignInStep;
import dev.stepwise.harness.emulator.Seeded;
import dev.stepwise.harness.junit.StepwiseEmulator;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@StepwiseEmulator(policy = "password > email_code", environment = "STEPWISE_MAX_ATTEMPTS=2")
class ReadmeExampleTest {

    @Test
    void signIn_passwordThenEmailCode_isDone(SignInClient client, Seeded user, CodeReader codes) {
        NextStep next = client.start(SignInFlow.CUSTOM_WITH_SRP, user.username(), user.password());

        NextStep.Challenge emailCode = (NextStep.Challenge) next;
        assertThat(emailCode.step()).isEqualTo(SignInStep.CONFIRM_SIGN_IN_WITH_EMAIL_CODE);
        assertThat(emailCode.attemptsRemaining()).isEqualTo(2);
        String code = codes.awaitCode(emailCode, Duration.ofSeconds(5));
        assertThat(client.answer(emailCode, code)).isInstanceOf(NextStep.Done.class);
    }
}
