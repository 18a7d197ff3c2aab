package dev.stepwise.harness.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.harness.emulator.CognitoEmulator;
import dev.stepwise.harness.emulator.Seeded;
import dev.stepwise.harness.emulator.SenderFault;
import dev.stepwise.harness.emulator.TriggerRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code stepwise emulator}: runs the embedded Cognito custom-auth emulator until interrupted (Ctrl-C / SIGINT).
 *
 * <p>The bundled Stepwise triggers are registered under {@link CognitoEmulator#DEFINE_FUNCTION},
 * {@link CognitoEmulator#CREATE_FUNCTION} and {@link CognitoEmulator#VERIFY_FUNCTION}; {@code --env} and
 * {@code --env-file} give them their environment ({@code <function>:NAME=value} for one function only);
 * {@code --define}, {@code --create} and {@code --verify} put your own handler classes (from the class path or a
 * {@code --trigger-jar}) in their place, with the same environment. With {@code --seed}, a pool, client and demo user are created and
 * their ids printed as one JSON line on standard output (the password is not printed).
 */
@Command(
        name = "emulator",
        mixinStandardHelpOptions = true,
        description =
                "Run the embedded Cognito custom-auth emulator (Cognito JSON API, SES v2, SNS, JWKS) on 127.0.0.1.")
public final class EmulatorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--port",
            defaultValue = "9229",
            description = "TCP port on 127.0.0.1 (0 = any free port). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(
            names = "--policy",
            paramLabel = "POLICY",
            description = "The bundled triggers' STEPWISE_POLICY, e.g. 'password > email_code' (same as --env"
                    + " STEPWISE_POLICY=...). Default: email_code.")
    String policy;

    @Option(
            names = "--seed",
            description = "Create a pool wired to the bundled triggers, an app client and a demo user; print their ids"
                    + " as one JSON line.")
    boolean seed;

    @Option(
            names = "--state",
            paramLabel = "FILE",
            description = "Keep pools, clients and users in FILE across restarts.")
    Path stateFile;

    @Option(
            names = "--env",
            paramLabel = "K=V",
            description = "Environment variable for the bundled triggers (repeatable), e.g. STEPWISE_POLICY=email_code;"
                    + " prefix a function name for that function only, e.g."
                    + " stepwise-create-auth-challenge:STEPWISE_EMAIL_FROM=me@example.com.")
    Map<String, String> env = new LinkedHashMap<>();

    @Option(
            names = "--env-file",
            paramLabel = "FILE",
            description =
                    "File of K=V lines for the bundled triggers (# comments and blank lines ignored); --env wins.")
    Path envFile;

    @Option(
            names = "--define",
            paramLabel = "CLASS",
            description = "Your own RequestHandler class as the Define Auth Challenge trigger, in place of the bundled"
                    + " one (same function name and environment).")
    String defineHandler;

    @Option(
            names = "--create",
            paramLabel = "CLASS",
            description = "Your own RequestHandler class as the Create Auth Challenge trigger.")
    String createHandler;

    @Option(
            names = "--verify",
            paramLabel = "CLASS",
            description = "Your own RequestHandler class as the Verify Auth Challenge Response trigger.")
    String verifyHandler;

    @Option(
            names = "--trigger-jar",
            paramLabel = "JAR",
            description = "A jar to load --define/--create/--verify classes from (repeatable).")
    List<Path> triggerJars = new ArrayList<>();

    @Option(
            names = "--fault",
            paramLabel = "SERVICE:MODE[:COUNT]",
            description = "Make the SES v2 or SNS endpoint fail (repeatable, applied in order): ses|sns, then"
                    + " throttle, error, reject or delay=MILLIS, then how many requests (default: all until cleared"
                    + " with DELETE /_stepwise/faults), e.g. ses:throttle:2, sns:error, ses:delay=6000:1.")
    List<String> faults = new ArrayList<>();

    @Option(
            names = "--trigger-runner",
            paramLabel = "RUNNER",
            defaultValue = "IN_PROCESS",
            description = "IN_PROCESS (default, fast) or CHILD_JVM: each function in child JVMs run by AWS's runtime"
                    + " interface client through a Lambda Runtime API, as Lambda runs it (real environment variables,"
                    + " cold starts within the 5 s limit, timed-out attempts left running).")
    TriggerRunner triggerRunner = TriggerRunner.IN_PROCESS;

    @Option(
            names = "--web",
            description = "Also serve the reference sign-in page (Amplify JS) at /sign-in/ and a development-only"
                    + " mailbox view at /_stepwise/mailbox; implies --seed. Email links lead to the page.")
    boolean web;

    private final CountDownLatch stopped = new CountDownLatch(1);

    /** Where STEPWISE_SECRET comes from when neither --env nor --env-file sets it (tests replace it). */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() throws Exception {
        Map<String, String> environment = new LinkedHashMap<>();
        if (envFile != null) {
            environment.putAll(readEnvFile(envFile));
        }
        environment.putAll(env);
        CognitoEmulator.Builder builder = CognitoEmulator.builder().port(port);
        Map<String, String> shared = new LinkedHashMap<>();
        environment.forEach((name, value) -> {
            int colon = name.indexOf(':');
            if (colon > 0) {
                builder.bundledTriggerEnvironment(name.substring(0, colon), Map.of(name.substring(colon + 1), value));
            } else {
                shared.put(name, value);
            }
        });
        if (policy != null) {
            if (policy.isBlank()) {
                throw new ParameterException(
                        spec.commandLine(), "--policy is empty; give a chain, e.g. --policy 'password > email_code'");
            }
            if (shared.containsKey("STEPWISE_POLICY")) {
                throw new ParameterException(
                        spec.commandLine(), "the policy is given twice: keep --policy or --env STEPWISE_POLICY");
            }
            shared.put("STEPWISE_POLICY", policy);
        }
        PrintWriter err = spec.commandLine().getErr();
        String secretNote = null;
        if (!shared.containsKey("STEPWISE_SECRET")) {
            String fromEnvironment = this.environment.get("STEPWISE_SECRET");
            if (fromEnvironment != null && !fromEnvironment.isBlank()) {
                shared.put("STEPWISE_SECRET", fromEnvironment.strip());
                secretNote = "the bundled triggers use STEPWISE_SECRET from this environment";
            } else {
                Path file = EmulatorSecret.file(stateFile);
                shared.put("STEPWISE_SECRET", EmulatorSecret.readOrCreate(file));
                secretNote = "the bundled triggers' STEPWISE_SECRET is in " + file
                        + " (owner-only); for ./stepwise backup-codes: export STEPWISE_SECRET=\"$(cat " + file + ")\"";
            }
        }
        if (web) {
            shared.putIfAbsent("STEPWISE_TOTP_SETUP", "on");
            builder.webPage(true);
        }
        // Passkeys on the emulator's page: relying party localhost, the page's origin on localhost at this port.
        shared.putIfAbsent("STEPWISE_WEBAUTHN_RP_ID", "localhost");
        shared.putIfAbsent("STEPWISE_WEBAUTHN_ORIGINS", port == 0 ? "http://localhost" : "http://localhost:" + port);
        builder.bundledTriggers(shared);
        if (defineHandler != null) {
            builder.defineTrigger(defineHandler);
        }
        if (createHandler != null) {
            builder.createTrigger(createHandler);
        }
        if (verifyHandler != null) {
            builder.verifyTrigger(verifyHandler);
        }
        for (Path jar : triggerJars) {
            if (!Files.isRegularFile(jar)) {
                throw new ParameterException(spec.commandLine(), "--trigger-jar " + jar + " does not exist");
            }
            builder.triggerJar(jar);
        }
        if (stateFile != null) {
            builder.stateFile(stateFile);
        }
        for (String fault : faults) {
            builder.senderFault(parseFault(fault));
        }
        PrintWriter out = spec.commandLine().getOut();
        builder.triggerRunner(triggerRunner);
        builder.functionLog(line -> {
            err.println(line);
            err.flush();
        });
        CognitoEmulator emulator;
        try {
            emulator = builder.start();
        } catch (java.io.UncheckedIOException e) {
            if (e.getCause() instanceof java.net.BindException) {
                throw new CliException(
                        ExitStatus.USAGE,
                        "port " + port + " on 127.0.0.1 is already in use: stop what listens there, or pass --port 0"
                                + " to take any free port (the endpoint is printed when it starts)");
            }
            throw e;
        }
        Thread hook = new Thread(
                () -> {
                    stopped.countDown();
                    emulator.close();
                },
                "stepwise-emulator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            err.println("Stepwise emulator listening on " + emulator.endpoint() + " (Ctrl-C to stop)");
            if (secretNote != null) {
                err.println(secretNote);
            }
            err.flush();
            if (seed || web) {
                out.println(seedLine(emulator.seed()));
                out.flush();
            }
            if (web) {
                err.println("Sign-in page: " + emulator.webPage());
                err.println("Mailbox (development only): " + emulator.endpoint().resolve("/_stepwise/mailbox"));
                err.flush();
            }
            stopped.await();
        } finally {
            emulator.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // SIGINT: the hook is already running and closes the emulator itself.
            }
        }
        return 0;
    }

    private SenderFault parseFault(String text) {
        String[] parts = text.split(":", -1);
        try {
            if (parts.length < 2 || parts.length > 3) {
                throw new IllegalArgumentException("write SERVICE:MODE or SERVICE:MODE:COUNT");
            }
            SenderFault.Service service = SenderFault.Service.parse(parts[0]);
            String mode = parts[1];
            Duration delay = null;
            if (mode.startsWith("delay=")) {
                delay = Duration.ofMillis(Long.parseLong(mode.substring("delay=".length())));
                mode = "delay";
            }
            int count = parts.length == 3 ? Integer.parseInt(parts[2]) : SenderFault.UNTIL_CLEARED;
            if (parts.length == 3 && count < 1) {
                throw new IllegalArgumentException("COUNT must be at least 1; leave it out for every request");
            }
            SenderFault.Mode parsed = SenderFault.Mode.parse(mode);
            if (parsed == SenderFault.Mode.DELAY && delay == null) {
                throw new IllegalArgumentException("write the delay as delay=MILLIS, e.g. ses:delay=6000:1");
            }
            return new SenderFault(service, parsed, count, delay);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--fault " + text + ": " + (e instanceof NumberFormatException ? "not a number" : e.getMessage())
                            + " (e.g. ses:throttle:2, sns:error, ses:delay=6000:1)");
        }
    }

    static String seedLine(Seeded seeded) {
        ObjectNode line = new ObjectMapper().createObjectNode();
        line.put("userPoolId", seeded.userPoolId());
        line.put("clientId", seeded.clientId());
        line.put("username", seeded.username());
        line.put("email", seeded.email());
        line.put("phoneNumber", seeded.phoneNumber());
        return line.toString();
    }

    private Map<String, String> readEnvFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "Cannot read --env-file " + file + ": " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--env-file " + file + " line " + (i + 1) + " is not K=V; write one NAME=value per line");
            }
            values.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        return values;
    }
}
