package com.example.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.harness.client.CodeReader;
import dev.stepwise.harness.client.NextStep;
import dev.stepwise.harness.client.SignInClient;
import dev.stepwise.harness.client.SignInStep;
import dev.stepwise.harness.client.TotpCodes;
import dev.stepwise.harness.emulator.Seeded;
import dev.stepwise.harness.junit.StepwiseEmulator;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

@StepwiseEmulator(policy = "email_code > totp", environment = "STEPWISE_TOTP_SETUP=on")
class TotpTest {

    @Test
    void totp_setUpThenSignInAgain_codesFromTheEnrolledSecret(SignInClient client, Seeded user, CodeReader codes) {
        NextStep.Challenge setup = afterEmailCode(client, user, codes);
        assertThat(setup.step()).isEqualTo(SignInStep.CONTINUE_SIGN_IN_WITH_TOTP_SETUP);
        String secret = TotpCodes.secret(setup);
        assertThat(setup.toString()).doesNotContain(secret);
        assertThat(client.answer(setup, TotpCodes.current(setup))).isInstanceOf(NextStep.Done.class);

        NextStep.Challenge totp = afterEmailCode(client, user, codes);
        assertThat(totp.step()).isEqualTo(SignInStep.CONFIRM_SIGN_IN_WITH_TOTP_CODE);
        // A code works once: answer with the next 30-second step's code, which the triggers accept as clock drift.
        String nextCode = TotpCodes.at(secret, TotpCodes.next(Instant.now()));

        assertThat(client.answer(totp, nextCode)).isInstanceOf(NextStep.Done.class);
    }

    private static NextStep.Challenge afterEmailCode(SignInClient client, Seeded user, CodeReader codes) {
        NextStep.Challenge email = (NextStep.Challenge) client.start(user.username());
        return (NextStep.Challenge) client.answer(email, codes.awaitCode(email, Duration.ofSeconds(10)));
    }
}
