package dev.stepwise.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepwise.harness.client.CodeReader;
import dev.stepwise.harness.client.HttpMailbox;
import dev.stepwise.harness.client.NextStep;
import dev.stepwise.harness.client.SignInClient;
import dev.stepwise.harness.client.SignInStep;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EmulatorSecretTest {

    record Running(Thread thread, StringWriter out, StringWriter err, URI endpoint, JsonNode seeded) {}

    private static Running start(EmulatorCommand command, String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line =
                new CommandLine(command).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        Thread thread = new Thread(() -> line.execute(args));
        thread.start();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!out.toString().contains("\n") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Matcher listening = Pattern.compile("listening on (http://\\S+)").matcher(err.toString());
        assertThat(listening.find()).as(err.toString()).isTrue();
        return new Running(
                thread,
                out,
                err,
                URI.create(listening.group(1)),
                new ObjectMapper().readTree(out.toString().strip()));
    }

    @Test
    void emulator_noSecretGiven_namesOwnerOnlyFileThatBackupCodesCanUse(@TempDir Path dir) throws Exception {
        EmulatorCommand emulator = new EmulatorCommand();
        emulator.environment = Map.of();
        Path state = dir.resolve("state.json");
        Running running = start(
                emulator, "--port", "0", "--seed", "--state", state.toString(), "--policy", "email_code > backup_code");
        try {
            Path secretFile = dir.resolve("state.json.secret");
            assertThat(running.err().toString()).contains("STEPWISE_SECRET is in " + secretFile);
            assertThat(Files.getPosixFilePermissions(secretFile))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            String secret = Files.readString(secretFile).strip();
            assertThat(running.out().toString() + running.err()).doesNotContain(secret);

            String backupCode = backupCodes(running, secret);

            assertThat(signInWithBackupCode(running, backupCode)).isInstanceOf(NextStep.Done.class);
        } finally {
            running.thread().interrupt();
            running.thread().join(10_000);
        }
    }

    @Test
    void emulator_secretInEnvironment_backupCodesWithTheSameSecretSignIn() throws Exception {
        String secret = Base64.getEncoder().encodeToString(new byte[32]);
        EmulatorCommand emulator = new EmulatorCommand();
        emulator.environment = Map.of("STEPWISE_SECRET", secret);
        Running running = start(emulator, "--port", "0", "--seed", "--policy", "email_code > backup_code");
        try {
            assertThat(running.err().toString()).contains("STEPWISE_SECRET from this environment");

            String backupCode = backupCodes(running, secret);

            assertThat(signInWithBackupCode(running, backupCode)).isInstanceOf(NextStep.Done.class);
        } finally {
            running.thread().interrupt();
            running.thread().join(10_000);
        }
    }

    private static String backupCodes(Running running, String secret) {
        BackupCodesCommand command = new BackupCodesCommand();
        command.target.environment = Map.of("STEPWISE_SECRET", secret);
        StringWriter out = new StringWriter();
        int exit = new CommandLine(command)
                .setOut(new PrintWriter(out, true))
                .execute(
                        "--endpoint", running.endpoint().toString(),
                        "--table", "stepwise-state",
                        "--user-pool-id", running.seeded().path("userPoolId").asText(),
                        "--username", running.seeded().path("username").asText(),
                        "--count", "2");
        assertThat(exit).isZero();
        return out.toString().strip().split("\\R")[1];
    }

    private static NextStep signInWithBackupCode(Running running, String backupCode) {
        try (SignInClient client = SignInClient.builder()
                .endpoint(running.endpoint())
                .region("us-east-1")
                .userPoolId(running.seeded().path("userPoolId").asText())
                .clientId(running.seeded().path("clientId").asText())
                .build()) {
            CodeReader codes = CodeReader.of(HttpMailbox.at(running.endpoint(), "us-east-1"));
            NextStep.Challenge email = (NextStep.Challenge)
                    client.start(running.seeded().path("username").asText());
            NextStep.Challenge backup =
                    (NextStep.Challenge) client.answer(email, codes.awaitCode(email, Duration.ofSeconds(10)));
            assertThat(backup.step()).isEqualTo(SignInStep.CONFIRM_SIGN_IN_WITH_BACKUP_CODE);
            return client.answer(backup, backupCode);
        }
    }
}
