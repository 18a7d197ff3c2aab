package dev.stepwise.harness.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.harness.client.BackupCodeSeeder;
import dev.stepwise.harness.client.CodeReader;
import dev.stepwise.harness.client.NextStep;
import dev.stepwise.harness.client.SignInClient;
import dev.stepwise.harness.client.SignInStep;
import dev.stepwise.harness.emulator.Seeded;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@StepwiseEmulator(policy = "email_code > backup_code")
class BackupCodeSeederExtensionTest {

    @Test
    void seed_throughExtension_codesWorkOnceAndCountDown(
            SignInClient client, Seeded user, CodeReader codes, BackupCodeSeeder backupCodes) {
        List<String> sheet = backupCodes.seed(user, 2);
        assertThat(backupCodes.remaining(user.userPoolId(), user.username())).isEqualTo(2);

        NextStep.Challenge backup = backupStep(client, user, codes);
        assertThat(backup.parameters()).containsEntry("backupCodesRemaining", "2");
        assertThat(client.answer(backup, sheet.get(0))).isInstanceOf(NextStep.Done.class);

        NextStep reused = client.answer(backupStep(client, user, codes), sheet.get(0));
        assertThat(reused).isInstanceOf(NextStep.Challenge.class);
        assertThat(backupCodes.remaining(user.userPoolId(), user.username())).isEqualTo(1);
    }

    private static NextStep.Challenge backupStep(SignInClient client, Seeded user, CodeReader codes) {
        NextStep.Challenge email = (NextStep.Challenge) client.start(user.username());
        NextStep next = client.answer(email, codes.awaitCode(email, Duration.ofSeconds(10)));
        assertThat(next).isInstanceOf(NextStep.Challenge.class);
        NextStep.Challenge backup = (NextStep.Challenge) next;
        assertThat(backup.step()).isEqualTo(SignInStep.CONFIRM_SIGN_IN_WITH_BACKUP_CODE);
        return backup;
    }
}
