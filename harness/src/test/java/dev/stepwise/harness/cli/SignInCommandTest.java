package dev.stepwise.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.harness.client.CodeDeliveryDetails;
import dev.stepwise.harness.client.CodeReader;
import dev.stepwise.harness.client.HttpMailbox;
import dev.stepwise.harness.emulator.CognitoEmulator;
import dev.stepwise.harness.emulator.Seeded;
import dev.stepwise.harness.junit.StepwiseEmulator;
import dev.stepwise.harness.junit.TestClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Most tests share one hand-built emulator rather than {@code @StepwiseEmulator}'s: a sign-in within 20 s of the last
 * is taken for Cognito's retry of Create and sends nothing, so they read the code an earlier test's sign-in sent, which
 * the extension's mailbox clearing before each test would remove.
 */
class SignInCommandTest {

    static CognitoEmulator emulator;
    static Seeded seeded;
    static CodeReader codes;

    @BeforeAll
    static void startEmulator() {
        emulator = CognitoEmulator.builder()
                .bundledTriggers(
                        Map.of("STEPWISE_POLICY", "password > email_code", "STEPWISE_SEND_COOLDOWN_SECONDS", "0"))
                .functionLog(line -> {})
                .start();
        seeded = emulator.seed();
        codes = CodeReader.of(HttpMailbox.at(emulator.endpoint(), "us-east-1"));
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    static String[] args(String... extra) {
        List<String> all = new ArrayList<>(List.of(
                "signin",
                "--endpoint",
                emulator.endpoint().toString(),
                "--region",
                "us-east-1",
                "--user-pool-id",
                seeded.userPoolId(),
                "--client-id",
                seeded.clientId(),
                "--username",
                seeded.username(),
                "--flow",
                "CUSTOM_WITH_SRP"));
        all.addAll(List.of(extra));
        return all.toArray(String[]::new);
    }

    static Supplier<String> latestCode() {
        return () -> codes.latestCode(new CodeDeliveryDetails("EMAIL", seeded.email()), 6)
                .orElseThrow();
    }

    @Test
    void signin_passwordPromptedCodeFromMailbox_exitsZeroWithDone() {
        CliRun run = CliRun.runWithInput(
                seeded.password() + "\n", args("--mailbox", emulator.endpoint().toString()));
        CliRun quiet = CliRun.runWithInput(
                seeded.password() + "\n", args("--mailbox", emulator.endpoint().toString(), "--no-claims"));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out())
                .contains("CONFIRM_SIGN_IN_WITH_PASSWORD")
                .contains("CONFIRM_SIGN_IN_WITH_EMAIL_CODE")
                .contains("code read from the mailbox (6 digits, not shown)")
                .contains("DONE");
        assertThat(run.err()).contains("password: ");
        assertThat(run.out() + run.err()).doesNotContain(seeded.password());
        assertThat(run.out()).contains("token_use: id");
        assertThat(quiet.exitCode()).isZero();
        assertThat(quiet.out()).contains("DONE").doesNotContain("token_use");
    }

    @Test
    void signin_codeTyped_exitsZeroWithoutEchoingIt() {
        Supplier<String> code = latestCode();
        String[] typed = new String[1];
        CliRun run = CliRun.runWithReader(
                new LazyLines(List.of(() -> seeded.password(), () -> typed[0] = code.get())), args());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.err()).contains("code: ");
        assertThat(run.out()).contains("DONE").doesNotContain(typed[0]);
    }

    @Test
    void signin_wrongCodeThreeTimes_exitsOneWithOneLine() {
        Supplier<String> code = latestCode();
        Supplier<String> wrong = () -> SignInRun.wrongCode(code.get());
        CliRun run = CliRun.runWithReader(new LazyLines(List.of(() -> seeded.password(), wrong, wrong, wrong)), args());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("1 attempt left");
        assertThat(run.err())
                .contains("stepwise: sign-in failed: Incorrect username or password.")
                .doesNotContain("\tat ");
    }

    @Test
    @StepwiseEmulator(policy = "email_code", clock = StepwiseEmulator.NOW)
    void signin_sessionExpiredBeforeCode_exitsThree(CognitoEmulator slow, Seeded s, TestClock clock) {
        CliRun run = CliRun.runWithReader(
                new LazyLines(List.of(() -> {
                    clock.advance(Duration.ofMinutes(4));
                    return "123456";
                })),
                "signin",
                "--endpoint",
                slow.endpoint().toString(),
                "--client-id",
                s.clientId(),
                "--username",
                s.username());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("stepwise: session expired: Invalid session for the user");
    }

    @Test
    void signin_savedAtCodePromptThenResumed_exitsZero(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("session.txt");
        CliRun first = CliRun.runWithInput(seeded.password() + "\n", args("--save-session", file.toString()));

        CliRun second = CliRun.runWithReader(
                new LazyLines(List.of(latestCode())),
                "signin",
                "--endpoint",
                emulator.endpoint().toString(),
                "--client-id",
                seeded.clientId(),
                "--resume",
                "@" + file);

        assertThat(first.exitCode()).isEqualTo(8);
        assertThat(Files.readString(file)).startsWith("stepwise-session-v1.");
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out())
                .contains("resuming a saved session")
                .contains("CONFIRM_SIGN_IN_WITH_EMAIL_CODE")
                .contains("DONE");
    }

    @Test
    void signin_resumeGarbage_exitsTwo() {
        CliRun run = CliRun.run(
                "signin", "--endpoint", emulator.endpoint().toString(), "--client-id", "abc", "--resume", "hello");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--resume: not a saved Stepwise session");
    }

    @Test
    void signin_wrongPassword_exitsOne() {
        CliRun run = CliRun.runWithInput("not-the-password\n", args());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("stepwise: sign-in failed");
    }

    @Test
    void signin_ctrlDAtPasswordPrompt_exitsEight() {
        CliRun run = CliRun.runWithInput("", args());

        assertThat(run.exitCode()).isEqualTo(8);
        assertThat(run.err())
                .contains("stepwise: input ended at the prompt 'password:'")
                .doesNotContain("\tat ");
    }

    @Test
    void signin_ctrlDAtCodePrompt_exitsEight() {
        CliRun run = CliRun.runWithInput(seeded.password() + "\n", args());

        assertThat(run.exitCode()).isEqualTo(8);
        assertThat(run.err()).contains("input ended at the prompt 'code:'");
    }

    @Test
    void signin_unknownClientId_exitsFourNamingTheError() {
        String[] a = args();
        a[8] = "nosuchclient000000000000";
        CliRun run = CliRun.runWithInput(seeded.password() + "\n", a);

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("stepwise: Cognito rejected the request: ResourceNotFoundException");
    }

    @Test
    void signin_malformedPoolId_exitsTwo() {
        String[] a = args();
        a[6] = "not-a-pool";
        CliRun run = CliRun.run(a);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--user-pool-id 'not-a-pool' is not a pool id");
    }

    @Test
    void signin_unknownPoolForSrp_exitsOne() {
        String[] a = args();
        a[6] = "us-east-1_NoSuchPool";
        CliRun run = CliRun.runWithInput(seeded.password() + "\n", a);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("stepwise: sign-in failed");
    }

    @Test
    void signin_missingClientId_exitsTwoNamingOptionAndEnv() {
        CliRun run = CliRun.run("signin", "--endpoint", emulator.endpoint().toString(), "--username", "x");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--client-id").contains("STEPWISE_CLIENT_ID");
    }

    @Test
    void signin_unreachableEndpoint_exitsSevenWithOneLine() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        CliRun run = CliRun.run(
                "signin", "--endpoint", "http://127.0.0.1:" + port, "--client-id", "abc", "--username", "someone");

        assertThat(run.exitCode()).isEqualTo(7);
        assertThat(run.err())
                .startsWith("stepwise: cannot reach http://127.0.0.1:" + port)
                .contains("connection refused; nothing listens there")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        assertThat(run.err().lines()).hasSize(1);
    }

    @Test
    void signin_badEndpointUrl_exitsTwo() {
        CliRun run = CliRun.run("signin", "--endpoint", "localhost", "--client-id", "abc", "--username", "x");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("is not a URL");
    }

    @Test
    void signin_unknownOption_exitsTwo() {
        CliRun run = CliRun.run("signin", "--no-such-option");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("stepwise: Unknown option").contains("stepwise signin --help");
        assertThat(run.err().lines()).hasSize(1);
    }

    @Test
    void help_everyCommand_listsEveryExitCode() {
        for (String command : List.of("--help", "demo --help", "signin --help")) {
            CliRun run = CliRun.run(command.split(" "));

            assertThat(run.exitCode()).isZero();
            for (ExitStatus status : ExitStatus.values()) {
                assertThat(run.out()).as(command).contains(status.meaning.substring(0, 20));
            }
        }
    }

    @Test
    void stepwise_emulatorSubcommand_isListed() {
        assertThat(CliRun.run("--help").out())
                .contains("emulator")
                .contains("demo")
                .contains("signin");
    }
}
