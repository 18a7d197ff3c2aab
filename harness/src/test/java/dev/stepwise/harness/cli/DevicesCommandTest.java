package dev.stepwise.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.core.TrustedDevices;
import dev.stepwise.harness.emulator.CognitoEmulator;
import dev.stepwise.harness.emulator.Seeded;
import dev.stepwise.lambda.aws.DynamoDbStateStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class DevicesCommandTest {
    private static final String SECRET = Base64.getEncoder().encodeToString(new byte[32]);
    private static CognitoEmulator emulator;
    private static Seeded seeded;

    @BeforeAll
    static void start() {
        emulator = CognitoEmulator.builder()
                .bundledTriggers(Map.of("STEPWISE_POLICY", "email_code", "STEPWISE_SECRET", SECRET))
                .start();
        seeded = emulator.seed();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private record Run(int exit, String out, String err) {}

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line =
                StepwiseCommand.newCommandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        String[] full = new String[args.length + 6];
        System.arraycopy(args, 0, full, 0, 2);
        full[2] = "--endpoint";
        full[3] = emulator.endpoint().toString();
        full[4] = "--table";
        full[5] = "stepwise-state";
        full[6] = "--user-pool-id";
        full[7] = seeded.userPoolId();
        System.arraycopy(args, 2, full, 8, args.length - 2);
        return new Run(line.execute(full), out.toString(), err.toString());
    }

    private TrustedDevices devices(DynamoDbClient client) {
        return new TrustedDevices(new DynamoDbStateStore(client, "stepwise-state"), Duration.ofDays(30));
    }

    @Test
    void listAndRevoke_againstEmulator_showAndRemoveTrustedDevices() {
        String first = TrustedDevices.newSecret(new SecureRandom());
        String second = TrustedDevices.newSecret(new SecureRandom());
        try (DynamoDbClient client = BackupCodesCommand.client(emulator.endpoint(), "us-east-1", Map.of())) {
            TrustedDevices devices = devices(client);
            String firstId = devices.trust(seeded.userPoolId(), "dana", "client-a", first, Instant.now());
            devices.trust(seeded.userPoolId(), "dana", "client-a", second, Instant.now());

            Run listed = run("devices", "list", "--username", "dana");
            Run revokedOne = run("devices", "revoke", firstId, "--username", "dana");
            Run unknown = run("devices", "revoke", firstId, "--username", "dana");
            Run revokedAll = run("devices", "revoke", "--all", "--username", "dana");
            Run empty = run("devices", "list", "--username", "dana");

            assertThat(listed.exit()).as(listed.err()).isZero();
            assertThat(listed.out())
                    .contains(firstId, TrustedDevices.idOf(second), "client-a")
                    .doesNotContain(first);
            assertThat(revokedOne.exit()).isZero();
            assertThat(unknown.exit()).isEqualTo(ExitStatus.USAGE.code);
            assertThat(revokedAll.out()).contains("Revoked 1 device(s)");
            assertThat(empty.out()).contains("dana trusts no device.");
            assertThat(devices.recognise(seeded.userPoolId(), "dana", "client-a", second, Instant.now()))
                    .isFalse();
        }
    }

    @Test
    void revoke_neitherIdNorAll_usage() {
        Run run = run("devices", "revoke", "--username", "dana");

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitStatus.USAGE.code);
        assertThat(run.err()).contains("give one DEVICE id or --all");
    }
}
