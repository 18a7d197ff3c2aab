package dev.stepwise.harness.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.harness.client.NextStep;
import dev.stepwise.harness.client.SignInClient;
import dev.stepwise.harness.emulator.Seeded;
import org.junit.jupiter.api.Test;

@StepwiseEmulator(
        define = MagicWordTriggers.Define.class,
        create = MagicWordTriggers.Create.class,
        verify = MagicWordTriggers.Verify.class,
        environment = "MAGIC_WORD=xyzzy")
class UserTriggersExtensionTest {

    @Test
    void signIn_withYourOwnTriggers_usesThemForEveryRound(SignInClient client, Seeded user) {
        NextStep first = client.start(user.username());

        assertThat(first).isInstanceOf(NextStep.Challenge.class);
        NextStep.Challenge challenge = (NextStep.Challenge) first;
        assertThat(challenge.parameters()).containsEntry("hint", "say the magic word");
        NextStep second = client.answer(challenge, "plugh");
        assertThat(second).isInstanceOf(NextStep.Challenge.class);
        assertThat(client.answer((NextStep.Challenge) second, "xyzzy")).isInstanceOf(NextStep.Done.class);
    }

    @Test
    void signIn_threeWrongWords_failsAsYourDefineDecides(SignInClient client, Seeded user) {
        NextStep next = client.start(user.username());
        for (int i = 0; i < 3 && next instanceof NextStep.Challenge challenge; i++) {
            next = client.answer(challenge, "wrong-" + i);
        }

        assertThat(next).isInstanceOf(NextStep.Failed.class);
        assertThat(((NextStep.Failed) next).message()).isEqualTo("Incorrect username or password.");
    }
}
