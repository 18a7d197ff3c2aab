package dev.stepwise.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.core.BackupCodes;
import dev.stepwise.core.StepwiseKeys;
import dev.stepwise.harness.emulator.CognitoEmulator;
import dev.stepwise.harness.emulator.Seeded;
import dev.stepwise.harness.junit.StepwiseEmulator;
import dev.stepwise.lambda.aws.DynamoDbStateStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class BackupCodesCommandTest {
    private static final String SECRET = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    @Test
    @StepwiseEmulator(policy = "email_code > backup_code", environment = "STEPWISE_SECRET=" + SECRET)
    void execute_againstEmulator_printsCodesThatTheStateTableHolds(CognitoEmulator emulator, Seeded seeded) {
        BackupCodesCommand command = new BackupCodesCommand();
        command.target.environment = Map.of("STEPWISE_SECRET", SECRET);
        StringWriter out = new StringWriter();
        CommandLine line = new CommandLine(command).setOut(new PrintWriter(out));

        int exit = line.execute(
                "--endpoint", emulator.endpoint().toString(),
                "--table", "stepwise-state",
                "--user-pool-id", seeded.userPoolId(),
                "--username", seeded.username(),
                "--count", "4");

        assertThat(exit).isZero();
        String[] lines = out.toString().strip().split("\\R");
        assertThat(lines).hasSize(5);
        try (DynamoDbClient client = BackupCodesCommand.client(emulator.endpoint(), "us-east-1", Map.of())) {
            BackupCodes codes = new BackupCodes(
                    new DynamoDbStateStore(client, "stepwise-state"),
                    StepwiseKeys.fromBase64(SECRET),
                    new SecureRandom());
            assertThat(codes.remaining(seeded.userPoolId(), seeded.username(), Instant.now()))
                    .isEqualTo(4);
            assertThat(codes.consume(seeded.userPoolId(), seeded.username(), lines[2], Instant.now()))
                    .isTrue();
            assertThat(codes.consume(seeded.userPoolId(), seeded.username(), lines[2], Instant.now()))
                    .isFalse();
        }
    }
}
