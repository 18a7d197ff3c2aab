package com.example.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.harness.client.NextStep;
import dev.stepwise.harness.client.SignInClient;
import dev.stepwise.harness.emulator.Seeded;
import dev.stepwise.harness.junit.StepwiseEmulator;
import org.junit.jupiter.api.Test;

@StepwiseEmulator(
        define = QuestionTriggers.Define.class,
        create = QuestionTriggers.Create.class,
        verify = QuestionTriggers.Verify.class)
class OwnTriggersTest {

    @Test
    void signIn_rightAnswer_tokens(SignInClient client, Seeded user) {
        NextStep.Challenge question = (NextStep.Challenge) client.start(user.username());
        assertThat(question.parameters()).containsEntry("question", QuestionTriggers.QUESTION);

        assertThat(client.answer(question, QuestionTriggers.ANSWER)).isInstanceOf(NextStep.Done.class);
    }

    @Test
    void signIn_twoWrongAnswers_failed(SignInClient client, Seeded user) {
        NextStep.Challenge question = (NextStep.Challenge) client.start(user.username());
        NextStep second = client.answer(question, "80");
        assertThat(second).isInstanceOf(NextStep.Challenge.class);

        assertThat(client.answer((NextStep.Challenge) second, "443")).isInstanceOf(NextStep.Failed.class);
    }
}
