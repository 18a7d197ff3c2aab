package dev.stepwise.harness.cli;

import dev.stepwise.core.BackupCodes;
import dev.stepwise.core.Base32;
import dev.stepwise.core.StepwiseKeys;
import dev.stepwise.core.Totp;
import dev.stepwise.harness.client.CodeReader;
import dev.stepwise.harness.client.HttpMailbox;
import dev.stepwise.harness.client.NextStep;
import dev.stepwise.harness.client.SignInClient;
import dev.stepwise.harness.client.SignInFlow;
import dev.stepwise.harness.client.SignInStep;
import dev.stepwise.harness.client.SoftwareAuthenticator;
import dev.stepwise.harness.emulator.CognitoEmulator;
import dev.stepwise.harness.emulator.Seeded;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code stepwise demo}: one complete multi-step sign-in against the embedded emulator, in this process, on loopback,
 * with no AWS account and no Docker.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Start the embedded Cognito emulator with the bundled Stepwise triggers, seed a pool, app client and user,"
                    + " and run one multi-step sign-in (CUSTOM_WITH_SRP when the policy starts with password, else"
                    + " CUSTOM_WITHOUT_SRP), printing each step in Amplify and Clerk"
                    + " terms with the code read from the emulator's mailbox.",
            "Loopback only; no AWS account, no Docker. The codes shown are throwaway codes of this in-process demo."
        })
final class DemoCommand implements Callable<Integer> {
    private static final String PASSKEY_ORIGIN = "http://localhost";

    @Spec
    CommandSpec spec;

    @Option(
            names = "--policy",
            defaultValue = "password > email_code",
            description = "The STEPWISE_POLICY chain to demonstrate. Default: ${DEFAULT-VALUE}.")
    String policy;

    @Option(
            names = "--wrong-answers",
            defaultValue = "0",
            description = "Answer this many code steps wrongly first, to show attempts being counted. Default: 0.")
    int wrongAnswers;

    @Option(names = "--verbose", description = "Also print the triggers' log lines (to standard error).")
    boolean verbose;

    @Option(
            names = "--web",
            description = "Instead of signing in here, serve the reference sign-in page (Amplify JS) and a"
                    + " development-only mailbox view, print their addresses, and run until Ctrl-C.")
    boolean web;

    @Override
    public Integer call() {
        if (policy.isBlank()) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--policy is empty; give a chain, e.g. --policy 'password > email_code'");
        }
        if (wrongAnswers < 0) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--wrong-answers must be 0 or more, was " + wrongAnswers);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return web ? runWeb(out, err) : runDemo(out, err);
    }

    /**
     * Serves the page for a person to sign in with, in a browser; the demo user's password is printed because it is
     * a throwaway of this run, needed on the page when the policy starts with a password.
     */
    private int runWeb(PrintWriter out, PrintWriter err) {
        byte[] secretBytes = new byte[32];
        new SecureRandom().nextBytes(secretBytes);
        String secret = Base64.getEncoder().encodeToString(secretBytes);
        // Passkeys need a page on localhost (a secure context whose name is the relying party id) at a known port.
        int port = freePort();
        String origin = "http://localhost:" + port;
        Map<String, String> environment = new HashMap<>(
                Map.of("STEPWISE_POLICY", policy, "STEPWISE_SECRET", secret, "STEPWISE_TOTP_SETUP", "on"));
        environment.putAll(passkeySettings(origin));
        CognitoEmulator.Builder builder =
                CognitoEmulator.builder().port(port).webPage(true).bundledTriggers(environment);
        builder.functionLog(
                verbose
                        ? line -> {
                            err.println(line);
                            err.flush();
                        }
                        : line -> {});
        CognitoEmulator emulator = builder.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    stopped.countDown();
                    emulator.close();
                },
                "stepwise-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Seeded seeded = emulator.seed();
            String region = seeded.userPoolId().substring(0, seeded.userPoolId().indexOf('_'));
            List<String> codes = backupCodes(emulator, seeded, region, secret, out);
            out.printf(
                    "Stepwise demo: open %s to sign in (loopback only; Ctrl-C to stop)%n",
                    policy.contains("passkey") ? origin + emulator.webPage().getRawPath() : emulator.webPage());
            out.printf(
                    "codes and links arrive in the development mailbox: %s%n",
                    emulator.endpoint().resolve("/_stepwise/mailbox"));
            out.printf("user %s, policy \"%s\"%n", seeded.username(), policy);
            if (flow() == SignInFlow.CUSTOM_WITH_SRP) {
                out.printf("password (a throwaway of this run): %s%n", seeded.password());
            }
            if (!codes.isEmpty()) {
                out.printf("backup codes: %s%n", String.join(" ", codes));
            }
            out.flush();
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            emulator.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is already running and closes the emulator itself.
            }
        }
        return 0;
    }

    /**
     * The passkey settings of the demo's triggers: relying party {@code localhost}, the given origin, set-up on when
     * the policy uses passkeys.
     */
    private Map<String, String> passkeySettings(String origin) {
        return Map.of(
                "STEPWISE_WEBAUTHN_RP_ID",
                "localhost",
                "STEPWISE_WEBAUTHN_ORIGINS",
                origin,
                "STEPWISE_PASSKEY_SETUP",
                policy.contains("passkey") ? "on" : "off");
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new CliException(ExitStatus.USAGE, "no free local port for the emulator: " + e.getMessage());
        }
    }

    /** The password factor is proved by SRP inside CUSTOM_AUTH, so only a chain that starts with it sends SRP_A. */
    private SignInFlow flow() {
        String firstStep = policy.split(">", 2)[0];
        return firstStep.contains("password") ? SignInFlow.CUSTOM_WITH_SRP : SignInFlow.CUSTOM_WITHOUT_SRP;
    }

    /** When the policy uses backup codes, the demo user gets a set first, as an administrator would hand them out. */
    private List<String> backupCodes(
            CognitoEmulator emulator, Seeded seeded, String region, String secret, PrintWriter out) {
        if (!policy.contains("backup_code")) {
            return new ArrayList<>();
        }
        try (DynamoDbClient client = BackupCodesCommand.client(emulator.endpoint(), region, Map.of())) {
            List<String> codes = new ArrayList<>(BackupCodesCommand.generate(
                    client,
                    "stepwise-state",
                    StepwiseKeys.fromBase64(secret),
                    seeded.userPoolId(),
                    seeded.username(),
                    BackupCodes.DEFAULT_COUNT));
            out.printf(
                    "generated %d backup codes for %s (as `stepwise backup-codes` does)%n",
                    codes.size(), seeded.username());
            return codes;
        }
    }

    /**
     * Plays the user's authenticator app and backup-code sheet: a TOTP set-up takes the secret from the otpauth URI,
     * later TOTP steps compute the current code from it, and a backup-code step uses the next unused code.
     */
    private static SignInRun.Answerer factorAnswerer(
            SignInRun.Answerer mailbox, StepPrinter printer, List<String> backupCodes, SoftwareAuthenticator passkeys) {
        AtomicReference<byte[]> app = new AtomicReference<>();
        return challenge -> {
            String options = challenge.parameters().get(SignInClient.PUBLIC_KEY_OPTIONS);
            if (challenge.step() == SignInStep.CONTINUE_SIGN_IN_WITH_PASSKEY_SETUP && options != null) {
                String answer = passkeys.register(options);
                printer.note("passkey created by the demo's software authenticator (ES256), for " + PASSKEY_ORIGIN);
                return answer;
            }
            if (challenge.step() == SignInStep.CONFIRM_SIGN_IN_WITH_PASSKEY && options != null) {
                printer.note("passkey assertion signed by the software authenticator");
                return passkeys.authenticate(options);
            }
            if (challenge.step() == SignInStep.CONTINUE_SIGN_IN_WITH_TOTP_SETUP && challenge.otpauthUri() != null) {
                Matcher secret = Pattern.compile("[?&]secret=([A-Z2-7]+)").matcher(challenge.otpauthUri());
                if (secret.find()) {
                    app.set(Base32.decode(secret.group(1)));
                    String code = Totp.code(app.get(), Instant.now());
                    printer.note("authenticator app set up from "
                            + challenge.otpauthUri().replaceAll("secret=[A-Z2-7]+", "secret=..."));
                    printer.note("code from the app: " + code);
                    return code;
                }
            }
            if (challenge.step() == SignInStep.CONFIRM_SIGN_IN_WITH_TOTP_CODE && app.get() != null) {
                String code = Totp.code(app.get(), Instant.now());
                printer.note("code from the app: " + code);
                return code;
            }
            if (challenge.step() == SignInStep.CONFIRM_SIGN_IN_WITH_BACKUP_CODE && !backupCodes.isEmpty()) {
                String code = backupCodes.remove(0);
                printer.note("backup code used: " + code + " ("
                        + challenge.parameters().get("backupCodesRemaining") + " were left)");
                return code;
            }
            return mailbox.answer(challenge);
        };
    }

    private int runDemo(PrintWriter out, PrintWriter err) {
        byte[] secretBytes = new byte[32];
        new SecureRandom().nextBytes(secretBytes);
        String secret = Base64.getEncoder().encodeToString(secretBytes);
        // The demo shows TOTP and passkey set-up during sign-in, which the functions leave off unless asked.
        Map<String, String> environment = new HashMap<>(Map.of(
                "STEPWISE_POLICY",
                policy,
                "STEPWISE_SECRET",
                secret,
                "STEPWISE_TOTP_SETUP",
                policy.contains("totp") ? "on" : "off"));
        environment.putAll(passkeySettings(PASSKEY_ORIGIN));
        CognitoEmulator.Builder builder = CognitoEmulator.builder().bundledTriggers(environment);
        builder.functionLog(
                verbose
                        ? line -> {
                            err.println(line);
                            err.flush();
                        }
                        : line -> {});
        try (CognitoEmulator emulator = builder.start()) {
            Seeded seeded = emulator.seed();
            String region = seeded.userPoolId().substring(0, seeded.userPoolId().indexOf('_'));
            out.printf(
                    "Stepwise demo: embedded Cognito emulator at %s (loopback only; no AWS account, no Docker)%n",
                    emulator.endpoint());
            out.printf(
                    "pool %s, app client %s, user %s, policy \"%s\"%n",
                    seeded.userPoolId(), seeded.clientId(), seeded.username(), policy);
            out.printf("signIn({ username: '%s', options: { authFlowType: '%s' } })%n%n", seeded.username(), flow());
            out.flush();
            StepPrinter printer = new StepPrinter(out);
            SignInRun.Answerer answerer = SignInRun.fromMailbox(
                    CodeReader.of(HttpMailbox.at(emulator.endpoint(), region)),
                    Duration.ofSeconds(10),
                    List.of(),
                    printer,
                    true,
                    null);
            SoftwareAuthenticator passkeys =
                    SoftwareAuthenticator.builder().origin(PASSKEY_ORIGIN).build();
            answerer = factorAnswerer(answerer, printer, backupCodes(emulator, seeded, region, secret, out), passkeys);
            if (wrongAnswers > 0) {
                answerer = SignInRun.withWrongAnswers(wrongAnswers, answerer, printer);
            }
            try (SignInClient client = SignInClient.builder()
                    .endpoint(emulator.endpoint())
                    .region(region)
                    .userPoolId(seeded.userPoolId())
                    .clientId(seeded.clientId())
                    .build()) {
                NextStep outcome =
                        SignInRun.run(client, flow(), seeded.username(), seeded.password(), answerer, printer, true);
                if (outcome instanceof NextStep.Done
                        && !passkeys.credentialIds().isEmpty()) {
                    out.printf("%nSigning in again, with the passkey just created:%n%n");
                    out.flush();
                    outcome = SignInRun.run(
                            client, flow(), seeded.username(), seeded.password(), answerer, printer, true);
                }
                if (!(outcome instanceof NextStep.Done)) {
                    err.println("stepwise: " + StepPrinter.describe(outcome));
                }
                return ExitStatus.of(outcome).code;
            }
        }
    }
}
