package com.example.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.harness.client.BackupCodeSeeder;
import dev.stepwise.harness.client.CodeReader;
import dev.stepwise.harness.client.NextStep;
import dev.stepwise.harness.client.SignInClient;
import dev.stepwise.harness.client.SignInStep;
import dev.stepwise.harness.emulator.Seeded;
import dev.stepwise.harness.junit.StepwiseEmulator;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@StepwiseEmulator(policy = "email_code > backup_code")
class BackupCodeTest {

    @Test
    void backupCode_seededThroughTheExtension_signsInOnce(
            SignInClient client, Seeded user, CodeReader codes, BackupCodeSeeder backupCodes) {
        List<String> sheet = backupCodes.seed(user, 3);

        NextStep.Challenge backup = afterEmailCode(client, user, codes);
        assertThat(backup.step()).isEqualTo(SignInStep.CONFIRM_SIGN_IN_WITH_BACKUP_CODE);
        assertThat(client.answer(backup, sheet.get(0))).isInstanceOf(NextStep.Done.class);

        NextStep.Challenge again = afterEmailCode(client, user, codes);
        NextStep reused = client.answer(again, sheet.get(0));
        assertThat(reused).isInstanceOf(NextStep.Challenge.class);
        assertThat(backupCodes.remaining(user.userPoolId(), user.username())).isEqualTo(2);
    }

    private static NextStep.Challenge afterEmailCode(SignInClient client, Seeded user, CodeReader codes) {
        NextStep.Challenge email = (NextStep.Challenge) client.start(user.username());
        return (NextStep.Challenge) client.answer(email, codes.awaitCode(email, Duration.ofSeconds(10)));
    }
}
