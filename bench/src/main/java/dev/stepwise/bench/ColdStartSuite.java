package dev.stepwise.bench;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolCreateAuthChallengeEvent;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import dev.stepwise.bench.runtime.ColdStartRuntime;
import dev.stepwise.harness.emulator.CognitoEmulator;
import dev.stepwise.harness.emulator.SentEmail;
import dev.stepwise.harness.load.Table;
import dev.stepwise.lambda.CreateAuthChallengeHandler;
import dev.stepwise.lambda.DefineAuthChallengeHandler;
import dev.stepwise.lambda.LocalContext;
import dev.stepwise.lambda.VerifyAuthChallengeHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cold starts of the three handlers as the CDK app deploys them, next to the floor, and the SnapStart path. The
 * functions run with the settings the app gives them ({@link #deployed}): abuse controls on over the state table, the
 * Stepwise secret read at init from Secrets Manager by ARN, a KMS key for TOTP secrets, SES for email; every AWS call
 * goes over loopback to the embedded emulator ({@link CognitoEmulator}), so the figures hold the SDK's real request
 * path but not the network of a region.
 *
 * <p>Cold start: a fresh JVM per run with Lambda's JVM options ({@link ColdStart#LAMBDA_OPTIONS}), from process start to
 * the serialised answer of the first event; the floor is an empty handler through the same runtime stand-in and
 * serializer. Each run is for a new user, as the abuse controls count per user; the first round is discarded and the
 * targets are interleaved. SnapStart path: a JVM that built the handler and ran the CRaC hooks it registered (its
 * {@code Priming}) as Lambda does before a snapshot, then its first invocation on new data, against the 99th percentile
 * of the warm invocations that follow in the same JVM. Not thread-safe.
 */
public final class ColdStartSuite {
    private static final String DEFINE = DefineAuthChallengeHandler.class.getName();
    private static final String CREATE = CreateAuthChallengeHandler.class.getName();
    private static final String VERIFY = VerifyAuthChallengeHandler.class.getName();
    private static final String FLOOR = dev.stepwise.bench.floor.EmptyHandler.class.getName();
    private static final String STREAM_FLOOR = dev.stepwise.bench.floor.EmptyStreamHandler.class.getName();
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
    private static final int WARM_INVOCATIONS = 200;

    private final ColdStart coldStart;
    private final Path floorJar;
    private final Path functionsJar;
    private final int runs;
    private final Consumer<String> progress;

    /**
     * @param coldStart starts the children
     * @param floorJar the empty handler's jar
     * @param functionsJar the shaded functions jar, as deployed
     * @param runs measured runs per figure (one more is run first and discarded)
     * @param progress where progress lines go
     */
    public ColdStartSuite(ColdStart coldStart, Path floorJar, Path functionsJar, int runs, Consumer<String> progress) {
        this.coldStart = coldStart;
        this.floorJar = floorJar;
        this.functionsJar = functionsJar;
        this.runs = runs;
        this.progress = progress;
    }

    /** The functions' environment as the CDK app deploys them, with every AWS endpoint on the emulator. */
    static Map<String, String> deployed(String endpoint, String secretArn) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("STEPWISE_POLICY", "email_code");
        environment.put("STEPWISE_EMAIL_FROM", "no-reply@example.com");
        environment.put("STEPWISE_SECRET_ARN", secretArn);
        environment.put("STEPWISE_STATE_TABLE", "stepwise-bench-state");
        environment.put("STEPWISE_KMS_KEY_ID", "alias/stepwise-bench");
        environment.put("STEPWISE_AWS_ENDPOINT", endpoint);
        environment.put("AWS_REGION", "us-east-1");
        environment.put("AWS_ACCESS_KEY_ID", "ASIABENCH");
        environment.put("AWS_SECRET_ACCESS_KEY", "bench-secret");
        environment.put("AWS_SESSION_TOKEN", "bench-session");
        return environment;
    }

    /** Runs every figure and adds its rows to {@code table} and its notes to {@code notes}. */
    public void run(Table table, List<String> notes) throws Exception {
        Path work = Files.createTempDirectory("stepwise-coldstart");
        try (CognitoEmulator emulator =
                CognitoEmulator.builder().functionLog(line -> {}).start()) {
            String secret = Base64.getEncoder()
                    .encodeToString("stepwise-benchmark-secret-32-bytes!".getBytes(StandardCharsets.UTF_8));
            Map<String, String> environment =
                    deployed(emulator.endpoint().toString(), BenchSecrets.create(emulator.endpoint(), secret));
            Path floorEvent = Files.writeString(work.resolve("floor.json"), BenchEvents.FLOOR);
            Map<String, List<ColdStart.Run>> cold = new LinkedHashMap<>();
            for (String name : List.of("floor", "Define", "Create", "Verify", "stream floor")) {
                cold.put(name, new ArrayList<>());
            }
            Map<String, List<ColdStart.Run>> snap = new LinkedHashMap<>();
            for (String name : List.of("Define", "Create", "Verify")) {
                snap.put(name, new ArrayList<>());
            }
            for (int run = 0; run <= runs; run++) {
                progress.accept(
                        String.format(Locale.ROOT, "cold starts as deployed: round %d of %d", run + 1, runs + 1));
                String user = "cold-" + run;
                Path define = Files.writeString(work.resolve("define.json"), ColdStartEvents.define(user));
                Path create = Files.writeString(work.resolve("create.json"), ColdStartEvents.create(user));
                Path verify = Files.writeString(
                        work.resolve("verify.json"), verifyEvent(emulator, environment, "verify-" + run));
                List<ColdStart.Run> round = List.of(
                        coldStart.runOnce(floorJar, FLOOR, floorEvent, Map.of(), List.of("-Xshare:auto")),
                        expect(
                                coldStart.runOnce(functionsJar, DEFINE, define, environment, List.of("-Xshare:auto")),
                                "\"challengeName\":\"CUSTOM_CHALLENGE\""),
                        expect(
                                coldStart.runOnce(functionsJar, CREATE, create, environment, List.of("-Xshare:auto")),
                                "\"challengeMetadata\""),
                        expect(
                                coldStart.runOnce(functionsJar, VERIFY, verify, environment, List.of("-Xshare:auto")),
                                "\"answerCorrect\":true"),
                        coldStart.runOnce(floorJar, STREAM_FLOOR, floorEvent, Map.of(), List.of("-Xshare:auto")));
                if (run > 0) {
                    int i = 0;
                    for (List<ColdStart.Run> figure : cold.values()) {
                        figure.add(round.get(i++));
                    }
                }
                progress.accept(String.format(Locale.ROOT, "SnapStart path: round %d of %d", run + 1, runs + 1));
                Path snapDefine = Files.writeString(
                        work.resolve("snap-define.json"),
                        ColdStartEvents.define("s" + run + "-" + ColdStartRuntime.USER));
                Path snapCreate = Files.writeString(
                        work.resolve("snap-create.json"),
                        ColdStartEvents.create("s" + run + "-" + ColdStartRuntime.USER));
                Path snapVerify = Files.writeString(
                        work.resolve("snap-verify.json"), verifyEvent(emulator, environment, "snap-verify-" + run));
                List<String> warm = List.of(Integer.toString(WARM_INVOCATIONS));
                Map<String, String> snapStart = new LinkedHashMap<>(environment);
                snapStart.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
                List<ColdStart.Run> snapRound = List.of(
                        expect(
                                coldStart.runOnce(functionsJar, DEFINE, snapDefine, snapStart, List.of(), warm),
                                "\"challengeName\":\"CUSTOM_CHALLENGE\""),
                        expect(
                                coldStart.runOnce(functionsJar, CREATE, snapCreate, snapStart, List.of(), warm),
                                "\"challengeMetadata\""),
                        expect(
                                coldStart.runOnce(functionsJar, VERIFY, snapVerify, snapStart, List.of(), warm),
                                "\"answerCorrect\":true"));
                if (run > 0) {
                    int i = 0;
                    for (List<ColdStart.Run> figure : snap.values()) {
                        figure.add(snapRound.get(i++));
                    }
                }
            }
            String classLog = System.getProperty("stepwise.bench.classLog");
            if (classLog != null) {
                logClassLoading(Path.of(classLog), environment, work, emulator, floorEvent);
            }
            report(table, notes, cold, snap);
        }
    }

    private static void report(
            Table table,
            List<String> notes,
            Map<String, List<ColdStart.Run>> cold,
            Map<String, List<ColdStart.Run>> snap) {
        Sample floor = millis(cold.get("floor"), ColdStart.Run::totalNanos);
        table.row(
                "cold start as deployed",
                "floor (empty handler, tiny jar)",
                format("%.0f ms", floor.median()),
                floor.spread("%.0f") + " ms",
                floor.count(),
                "",
                "");
        StringBuilder split = new StringBuilder("cold start as deployed, inside the child (median init / invoke): ");
        for (String name : List.of("Define", "Create", "Verify")) {
            Sample total = millis(cold.get(name), ColdStart.Run::totalNanos);
            double ratio = total.median() / floor.median();
            table.row(
                    "cold start as deployed",
                    name,
                    format("%.0f ms", total.median()),
                    total.spread("%.0f") + " ms",
                    total.count(),
                    "≤ 1.5× floor",
                    format("%.2f× %s", ratio, ratio <= 1.5 ? "yes" : "no"));
            split.append(name)
                    .append(' ')
                    .append(format(
                            "%.0f",
                            millis(cold.get(name), ColdStart.Run::initNanos).median()))
                    .append(" / ")
                    .append(format(
                            "%.0f",
                            millis(cold.get(name), ColdStart.Run::invokeNanos).median()))
                    .append(" ms; ");
        }
        Sample stream = millis(cold.get("stream floor"), ColdStart.Run::totalNanos);
        table.row(
                "cold start as deployed",
                "for context: an empty stream handler (no serializer)",
                format("%.0f ms", stream.median()),
                stream.spread("%.0f") + " ms",
                stream.count(),
                "",
                format("%.2f× floor", stream.median() / floor.median()));
        notes.add(split.append("floor ")
                .append(format(
                        "%.0f",
                        millis(cold.get("floor"), ColdStart.Run::initNanos).median()))
                .append(" / ")
                .append(format(
                        "%.0f",
                        millis(cold.get("floor"), ColdStart.Run::invokeNanos).median()))
                .append(" ms")
                .toString());
        for (String name : List.of("Define", "Create", "Verify")) {
            Sample first = millis(snap.get(name), ColdStart.Run::invokeNanos);
            Sample warmP99 = millis(snap.get(name), ColdStart.Run::warmP99Nanos);
            double ratio = first.median() / warmP99.median();
            table.row(
                    "SnapStart path: first invocation after priming",
                    name,
                    format("%.1f ms", first.median()),
                    first.spread("%.1f") + " ms",
                    first.count(),
                    format("≤ 3× warm p99 (%.1f ms)", warmP99.median()),
                    format("%.2f× %s", ratio, ratio <= 3 ? "yes" : "no"));
        }
        notes.add("cold start as deployed: STEPWISE_POLICY=email_code, abuse controls on over the state table, secret"
                + " read at init from Secrets Manager (both stages), STEPWISE_KMS_KEY_ID set, SES for email; every AWS"
                + " call to the embedded emulator on loopback. Fresh JVM per run ("
                + String.join(" ", ColdStart.LAMBDA_OPTIONS)
                + " -Xshare:auto), from process start to the serialised answer; a new user per run; first round"
                + " discarded; targets interleaved. In AWS add the round trips to Secrets Manager and DynamoDB.");
        notes.add("the floor is an empty RequestHandler<Map, Map>, whose event the runtime reads and writes with its"
                + " Jackson serializer; Stepwise's custom-auth handlers are RequestStreamHandlers that read and write"
                + " their events themselves, so the runtime builds no serializer for them. The empty stream handler"
                + " (same tiny jar, answers with the event's bytes) is what is left of a cold start without a"
                + " serializer and without any handler work.");
        notes.add("SnapStart path: a JVM that built the handler and ran its CRaC beforeCheckpoint hooks (Priming) with"
                + " AWS_LAMBDA_INITIALIZATION_TYPE=snap-start, then one invocation for a user the priming never saw;"
                + " warm p99 over the " + WARM_INVOCATIONS + " invocations that follow in the same JVM (Define and"
                + " Create for a new user each; Verify repeating its answer, which the state table refuses as used and,"
                + " after five, the lockout refuses: its warm p99 is of a shorter path, so its ratio errs high).");
    }

    /**
     * One more cold start per target with {@code -Xlog:class+load} into {@code directory} (system property
     * {@code stepwise.bench.classLog}): where a cold start's time goes is mostly in the classes it loads.
     */
    private void logClassLoading(
            Path directory, Map<String, String> environment, Path work, CognitoEmulator emulator, Path floorEvent)
            throws Exception {
        Files.createDirectories(directory);
        Path define = Files.writeString(work.resolve("define.json"), ColdStartEvents.define("log"));
        Path create = Files.writeString(work.resolve("create.json"), ColdStartEvents.create("log"));
        Path verify = Files.writeString(work.resolve("verify.json"), verifyEvent(emulator, environment, "log-verify"));
        Map<String, Object[]> targets = new LinkedHashMap<>();
        targets.put("floor", new Object[] {floorJar, FLOOR, floorEvent, Map.of()});
        targets.put("define", new Object[] {functionsJar, DEFINE, define, environment});
        targets.put("create", new Object[] {functionsJar, CREATE, create, environment});
        targets.put("verify", new Object[] {functionsJar, VERIFY, verify, environment});
        for (Map.Entry<String, Object[]> target : targets.entrySet()) {
            Object[] t = target.getValue();
            @SuppressWarnings("unchecked")
            Map<String, String> settings = (Map<String, String>) t[3];
            coldStart.runOnce(
                    (Path) t[0],
                    (String) t[1],
                    (Path) t[2],
                    settings,
                    List.of("-Xshare:auto", "-Xlog:class+load:file=" + directory.resolve(target.getKey() + ".log")));
        }
    }

    private static ColdStart.Run expect(ColdStart.Run run, String expected) {
        if (!run.response().contains(expected)) {
            throw new IllegalStateException("a cold-start child answered " + run.response());
        }
        return run;
    }

    /** A Verify event with the right answer to a new challenge for {@code user}, made and sent in this JVM. */
    private static String verifyEvent(CognitoEmulator emulator, Map<String, String> environment, String user)
            throws IOException {
        CreateAuthChallengeHandler create = new CreateAuthChallengeHandler(environment);
        CognitoUserPoolCreateAuthChallengeEvent created = create.handleRequest(
                JacksonFactory.getInstance()
                        .getSerializer(CognitoUserPoolCreateAuthChallengeEvent.class)
                        .fromJson(ColdStartEvents.create(user)),
                LocalContext.quiet("bench"));
        List<SentEmail> emails = emulator.mailbox().emailsTo(ColdStartEvents.email(user));
        if (emails.isEmpty()) {
            throw new IOException("no code was sent to " + ColdStartEvents.email(user));
        }
        Matcher code = CODE.matcher(emails.get(emails.size() - 1).textBody());
        if (!code.find()) {
            throw new IOException("no code in the email to " + ColdStartEvents.email(user));
        }
        return ColdStartEvents.verify(
                user, created.getResponse().getPrivateChallengeParameters().get("challenge"), code.group(1));
    }

    private static Sample millis(List<ColdStart.Run> runs, java.util.function.ToLongFunction<ColdStart.Run> figure) {
        return Sample.of(
                runs.stream().mapToDouble(r -> figure.applyAsLong(r) / 1e6).toArray());
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
