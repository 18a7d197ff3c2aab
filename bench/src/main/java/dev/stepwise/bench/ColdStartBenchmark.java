package dev.stepwise.bench;

import static dev.stepwise.bench.BenchReport.format;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolCreateAuthChallengeEvent;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import dev.stepwise.bench.runtime.QuietContext;
import dev.stepwise.harness.emulator.CognitoEmulator;
import dev.stepwise.lambda.CreateAuthChallengeHandler;
import dev.stepwise.lambda.DefineAuthChallengeHandler;
import dev.stepwise.lambda.VerifyAuthChallengeHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cold starts of the three handlers against an empty-handler floor, each in a fresh JVM with Lambda's options (see
 * {@link ColdStart}), without and with an AppCDS archive; targets interleaved run by run, the first round discarded.
 */
final class ColdStartBenchmark {
    private static final String DEFINE = DefineAuthChallengeHandler.class.getName();
    private static final String CREATE = CreateAuthChallengeHandler.class.getName();
    private static final String VERIFY = VerifyAuthChallengeHandler.class.getName();
    private static final String FLOOR = "dev.stepwise.bench.floor.EmptyHandler";

    private ColdStartBenchmark() {}

    static void run(BenchSettings settings, BenchReport report) throws Exception {
        int runs = settings.runs();
        Path work = Files.createTempDirectory("stepwise-bench");
        List<Path> runtime = settings.paths().runtimeClasspath();
        ColdStart coldStart = new ColdStart(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), runtime);
        Path floorJar = settings.paths().floorJar();
        Path functions = settings.paths().functionsJar();
        try (SesStub ses = SesStub.start();
                CognitoEmulator secrets =
                        CognitoEmulator.builder().functionLog(line -> {}).start()) {
            Map<String, String> environment = new HashMap<>(HandlerBenchmarks.ENVIRONMENT);
            environment.put("STEPWISE_AWS_ENDPOINT", ses.endpoint().toString());
            // No state table here: the abuse controls' calls are measured by the enumeration and attack parts.
            environment.putIfAbsent("STEPWISE_ABUSE_CONTROLS", "off");
            Map<String, String> local = new HashMap<>(environment);
            local.put("STEPWISE_AWS_ENDPOINT", secrets.endpoint().toString());
            Map<String, String> fetched = new HashMap<>(local);
            fetched.remove("STEPWISE_SECRET");
            fetched.put("STEPWISE_SECRET_ARN", BenchSecrets.create(secrets.endpoint(), local.get("STEPWISE_SECRET")));
            Path define = Files.writeString(work.resolve("define.json"), BenchEvents.DEFINE);
            Path create = Files.writeString(work.resolve("create.json"), BenchEvents.CREATE);
            Path floor = Files.writeString(work.resolve("floor.json"), BenchEvents.FLOOR);
            Path verify = work.resolve("verify.json");
            Map<String, Target> targets = new LinkedHashMap<>();
            targets.put("floor (empty handler, tiny jar)", new Target(floorJar, FLOOR, floor, "\"hello\""));
            targets.put("Define", new Target(functions, DEFINE, define, "\"challengeName\":\"CUSTOM_CHALLENGE\""));
            targets.put("Create (sends via SES stub)", new Target(functions, CREATE, create, "\"challengeMetadata\""));
            targets.put("Verify", new Target(functions, VERIFY, verify, "\"answerCorrect\":true"));
            targets.put(
                    "Define, secret in STEPWISE_SECRET",
                    new Target(functions, DEFINE, define, "\"challengeName\":\"CUSTOM_CHALLENGE\"", local));
            targets.put(
                    "Define, secret read from Secrets Manager at init (emulator)",
                    new Target(functions, DEFINE, define, "\"challengeName\":\"CUSTOM_CHALLENGE\"", fetched));

            for (boolean cds : new boolean[] {false, true}) {
                Map<String, List<String>> options = new HashMap<>();
                for (Map.Entry<String, Target> target : targets.entrySet()) {
                    options.put(target.getKey(), List.of());
                }
                if (cds) {
                    writeVerifyEvent(verify, environment, ses);
                    int n = 0;
                    for (Map.Entry<String, Target> target : targets.entrySet()) {
                        Path archive = work.resolve("app-" + (n++) + ".jsa");
                        report.progress("writing the AppCDS archive for " + target.getKey());
                        Target t = target.getValue();
                        coldStart.archive(t.jar(), t.handler(), t.event(), t.environment(environment), archive);
                        options.put(target.getKey(), List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto"));
                    }
                } else {
                    options.replaceAll((k, v) -> List.of("-Xshare:auto"));
                }
                Map<String, List<Double>> millis = new LinkedHashMap<>();
                targets.keySet().forEach(k -> millis.put(k, new ArrayList<>()));
                for (int run = 0; run < runs + 1; run++) {
                    writeVerifyEvent(verify, environment, ses);
                    report.progress(
                            format("cold starts%s: round %d of %d", cds ? " with AppCDS" : "", run + 1, runs + 1));
                    for (Map.Entry<String, Target> target : targets.entrySet()) {
                        Target t = target.getValue();
                        ColdStart.Run result = coldStart.runOnce(
                                t.jar(),
                                t.handler(),
                                t.event(),
                                t.environment(environment),
                                options.get(target.getKey()));
                        if (!result.response().contains(t.expect())) {
                            throw new IllegalStateException(target.getKey() + " answered " + result.response());
                        }
                        if (run > 0) {
                            millis.get(target.getKey()).add(result.totalNanos() / 1e6);
                        }
                    }
                }
                double floorMedian = 0;
                for (Map.Entry<String, List<Double>> figure : millis.entrySet()) {
                    Sample sample = Sample.of(figure.getValue().stream()
                            .mapToDouble(Double::doubleValue)
                            .toArray());
                    String name = "cold start, Lambda JVM options" + (cds ? " + AppCDS" : "");
                    if (figure.getKey().startsWith("floor")) {
                        floorMedian = sample.median();
                        report.row(
                                name,
                                figure.getKey(),
                                format("%.0f ms", sample.median()),
                                sample.spread("%.0f") + " ms",
                                sample.count(),
                                "",
                                "");
                    } else {
                        double ratio = sample.median() / floorMedian;
                        report.row(
                                name,
                                figure.getKey(),
                                format("%.0f ms", sample.median()),
                                sample.spread("%.0f") + " ms",
                                sample.count(),
                                "≤ 1.5× floor",
                                format("%.2f× %s", ratio, ratio <= 1.5 ? "yes" : "no"));
                    }
                }
            }
        }
        report.note("cold start, secret from Secrets Manager: the two Define rows differ only in where the secret comes"
                + " from; the second builds a Secrets Manager client at init and reads AWSCURRENT and AWSPREVIOUS from"
                + " the emulator over loopback, so in AWS add two round trips to Secrets Manager (and SnapStart takes"
                + " it out of the cold start altogether, since it happens before the snapshot).");
        report.note("cold start: fresh JVM per run (" + String.join(" ", ColdStart.LAMBDA_OPTIONS)
                + "), handler built and one event served through aws-lambda-java-serialization; time from process"
                + " start to the serialised answer; first round of each setting discarded; targets interleaved.");
    }

    private static void writeVerifyEvent(Path verify, Map<String, String> environment, SesStub ses) throws IOException {
        CreateAuthChallengeHandler create = new CreateAuthChallengeHandler(environment);
        var created = create.handleRequest(
                JacksonFactory.getInstance()
                        .getSerializer(CognitoUserPoolCreateAuthChallengeEvent.class)
                        .fromJson(BenchEvents.CREATE),
                new QuietContext());
        Files.writeString(
                verify,
                BenchEvents.verify(
                        created.getResponse().getPrivateChallengeParameters().get("challenge"), ses.lastCode()));
    }

    private record Target(Path jar, String handler, Path event, String expect, Map<String, String> own) {
        Target(Path jar, String handler, Path event, String expect) {
            this(jar, handler, event, expect, null);
        }

        Map<String, String> environment(Map<String, String> shared) {
            return own == null ? shared : own;
        }
    }
}
