package dev.stepwise.harness.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.harness.client.CodeReader;
import dev.stepwise.harness.client.NextStep;
import dev.stepwise.harness.client.SignInClient;
import dev.stepwise.harness.emulator.Seeded;
import dev.stepwise.harness.emulator.TriggerRunner;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@StepwiseEmulator(runner = TriggerRunner.CHILD_JVM, policy = "email_code")
@Tag("slow")
class ChildJvmExtensionTest {

    @Test
    void signIn_withTheBundledTriggersInChildJvms(SignInClient client, Seeded user, CodeReader codes) {
        NextStep first = client.start(user.username());

        assertThat(first).isInstanceOf(NextStep.Challenge.class);
        NextStep.Challenge challenge = (NextStep.Challenge) first;
        String code = codes.awaitCode(challenge, Duration.ofSeconds(10));
        assertThat(client.answer(challenge, code)).isInstanceOf(NextStep.Done.class);
    }
}
