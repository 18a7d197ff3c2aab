package dev.stepwise.harness.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.harness.client.NextStep;
import dev.stepwise.harness.client.SignInClient;
import dev.stepwise.harness.emulator.Seeded;
import org.junit.jupiter.api.Test;

@StepwiseEmulator(
        policy = "email_code",
        verifyClassName = "dev.stepwise.harness.junit.MagicWordTriggers$Verify",
        environment = "MAGIC_WORD=plugh")
class UserTriggersByNameExtensionTest {

    @Test
    void signIn_bundledDefineAndCreateWithYourVerifyByName_acceptsYourAnswer(SignInClient client, Seeded user) {
        NextStep.Challenge emailCode = (NextStep.Challenge) client.start(user.username());

        assertThat(emailCode.stepName()).isEqualTo("CONFIRM_SIGN_IN_WITH_EMAIL_CODE");
        assertThat(client.answer(emailCode, "plugh")).isInstanceOf(NextStep.Done.class);
    }
}
