package dev.stepwise.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.core.AesGcmSecretBox;
import dev.stepwise.core.StepwiseKeys;
import dev.stepwise.core.passkey.PasskeyCheck;
import dev.stepwise.core.passkey.PasskeyOptions;
import dev.stepwise.core.passkey.PasskeySettings;
import dev.stepwise.core.passkey.PasskeyStore;
import dev.stepwise.core.passkey.PasskeyVerifier;
import dev.stepwise.harness.client.SoftwareAuthenticator;
import dev.stepwise.harness.emulator.CognitoEmulator;
import dev.stepwise.harness.emulator.Seeded;
import dev.stepwise.lambda.aws.DynamoDbStateStore;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class PasskeysCommandTest {
    private static final String SECRET = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void listAndRemove_againstEmulator_showAndDeleteTheRegisteredPasskey() {
        try (CognitoEmulator emulator = CognitoEmulator.builder()
                .bundledTriggers(Map.of("STEPWISE_POLICY", "email_code", "STEPWISE_SECRET", SECRET))
                .start()) {
            Seeded seeded = emulator.seed();
            String id = registerPasskey(emulator, seeded);
            String[] target = {
                "--endpoint", emulator.endpoint().toString(),
                "--table", "stepwise-state",
                "--user-pool-id", seeded.userPoolId(),
                "--username", seeded.username()
            };

            CliRun listed = CliRun.run(args("list", target));
            CliRun removed = CliRun.run(args("remove", target, "--id", id));
            CliRun listedAfter = CliRun.run(args("list", target));
            CliRun removedAgain = CliRun.run(args("remove", target, "--id", id));

            assertThat(listed.exitCode()).as(listed.err()).isZero();
            assertThat(listed.out()).contains(id).contains("last used never").contains("transports internal");
            assertThat(removed.exitCode()).as(removed.err()).isZero();
            assertThat(removed.out()).contains("Removed passkey " + id);
            assertThat(listedAfter.out()).contains("has no passkey");
            assertThat(removedAgain.exitCode()).isEqualTo(2);
            assertThat(removedAgain.err()).contains("has no passkey " + id);
        }
    }

    private static String registerPasskey(CognitoEmulator emulator, Seeded seeded) {
        try (DynamoDbClient client = BackupCodesCommand.client(emulator.endpoint(), "us-east-1", Map.of())) {
            SecureRandom random = new SecureRandom();
            PasskeyStore store = new PasskeyStore(
                    new DynamoDbStateStore(client, "stepwise-state"),
                    new AesGcmSecretBox(StepwiseKeys.fromBase64(SECRET), random),
                    random);
            PasskeySettings settings = PasskeySettings.of("localhost", "Stepwise", List.of("http://localhost:3000"));
            byte[] challenge = new byte[32];
            random.nextBytes(challenge);
            Instant now = Instant.now();
            byte[] handle = store.userHandle(seeded.userPoolId(), seeded.username(), now);
            SoftwareAuthenticator authenticator = SoftwareAuthenticator.builder()
                    .origin("http://localhost:3000")
                    .build();
            String answer = authenticator.register(
                    PasskeyOptions.creation(challenge, handle, seeded.username(), List.of(), settings));
            PasskeyCheck check = new PasskeyVerifier(settings)
                    .register(
                            store,
                            seeded.userPoolId(),
                            seeded.username(),
                            challenge,
                            handle,
                            now.plusSeconds(60),
                            answer,
                            now);
            assertThat(check.passed()).as(check.reason()).isTrue();
            return check.credential().id();
        }
    }

    private static String[] args(String command, String[] target, String... more) {
        String[] all = new String[2 + target.length + more.length];
        all[0] = "passkeys";
        all[1] = command;
        System.arraycopy(target, 0, all, 2, target.length);
        System.arraycopy(more, 0, all, 2 + target.length, more.length);
        return all;
    }
}
