package com.example.auth;

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

@StepwiseEmulator(policy = "password > email_code")
class BundledTriggersTest {

    @Test
    void signIn_passwordThenEmailCode_tokensWithTheUsersEmail(SignInClient client, Seeded user, CodeReader codes) {
        NextStep first = client.start(SignInFlow.CUSTOM_WITH_SRP, user.username(), user.password());
        assertThat(first).isInstanceOf(NextStep.Challenge.class);
        NextStep.Challenge email = (NextStep.Challenge) first;
        assertThat(email.step()).isEqualTo(SignInStep.CONFIRM_SIGN_IN_WITH_EMAIL_CODE);

        NextStep done = client.answer(email, codes.awaitCode(email, Duration.ofSeconds(10)));

        assertThat(done).isInstanceOf(NextStep.Done.class);
        assertThat(((NextStep.Done) done).tokens().idTokenClaims()).containsEntry("email", user.email());
    }

    @Test
    void signIn_wrongCode_anotherTryLeft(SignInClient client, Seeded user, CodeReader codes) {
        NextStep.Challenge email =
                (NextStep.Challenge) client.start(SignInFlow.CUSTOM_WITH_SRP, user.username(), user.password());
        String code = codes.awaitCode(email, Duration.ofSeconds(10));
        String wrong = code.equals("000000") ? "111111" : "000000";

        NextStep again = client.answer(email, wrong);

        assertThat(again).isInstanceOf(NextStep.Challenge.class);
        assertThat(((NextStep.Challenge) again).attemptsRemaining()).isEqualTo(2);
    }
}
