package dev.stepwise.harness.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepwise.harness.cli.StepwiseCommand;
import dev.stepwise.harness.client.NextStep;
import dev.stepwise.harness.client.SignInClient;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class UserTriggerJarTest {

    static final String VERIFY_CLASS = "com.example.triggers.OpenSesameVerify";
    static final String SOURCE =
            """
            package com.example.triggers;

            import com.amazonaws.services.lambda.runtime.Context;
            import com.amazonaws.services.lambda.runtime.RequestHandler;
            import java.util.LinkedHashMap;
            import java.util.Map;

            public class OpenSesameVerify implements RequestHandler<Map<String, Object>, Map<String, Object>> {
                private final String word;

                public OpenSesameVerify(Map<String, String> environment) {
                    this.word = environment.get("WORD");
                }

                @Override
                @SuppressWarnings("unchecked")
                public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
                    Map<String, Object> request = (Map<String, Object>) event.get("request");
                    Map<String, Object> result = new LinkedHashMap<>(event);
                    result.put("response", Map.of("answerCorrect", word.equals(request.get("challengeAnswer"))));
                    return result;
                }
            }
            """;

    @TempDir
    static Path dir;

    static Path jar;

    @BeforeAll
    static void buildJar() throws Exception {
        Path src = dir.resolve("src/com/example/triggers/OpenSesameVerify.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, SOURCE);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String lambdaCore = Path.of(RequestHandler.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .toString();
        int status = javac.run(
                null, null, null, "-d", classes.toString(), "-cp", lambdaCore, "--release", "17", src.toString());
        assertThat(status).isZero();
        jar = dir.resolve("triggers.jar");
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file)) {
            String entry = "com/example/triggers/OpenSesameVerify.class";
            out.putNextEntry(new JarEntry(entry));
            out.write(Files.readAllBytes(classes.resolve(entry)));
            out.closeEntry();
        }
    }

    @Test
    void verifyTrigger_classFromAJarBuiltAtTestTime_decidesTheAnswer() {
        assertThatThrownBy(() -> Class.forName(VERIFY_CLASS)).isInstanceOf(ClassNotFoundException.class);
        // Built by hand: the trigger jar is compiled by this test.
        try (CognitoEmulator emulator = CognitoEmulator.builder()
                .bundledTriggers(Map.of("STEPWISE_POLICY", "email_code", "WORD", "open-sesame"))
                .verifyTrigger(VERIFY_CLASS)
                .triggerJar(jar)
                .functionLog(line -> {})
                .start()) {
            Seeded seeded = emulator.seed();
            try (SignInClient client = client(emulator.endpoint(), seeded)) {
                NextStep.Challenge challenge = (NextStep.Challenge) client.start(seeded.username());
                NextStep.Challenge again = (NextStep.Challenge) client.answer(challenge, "not-it");

                assertThat(again.attemptsRemaining()).isEqualTo(2);
                assertThat(client.answer(again, "open-sesame")).isInstanceOf(NextStep.Done.class);
            }
        }
    }

    @Test
    void emulatorCommand_verifyFromTriggerJar_signsInWithItsAnswer() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = StepwiseCommand.newCommandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true));
        Thread running = new Thread(() -> command.execute(
                "emulator",
                "--port",
                "0",
                "--seed",
                "--verify",
                VERIFY_CLASS,
                "--trigger-jar",
                jar.toString(),
                "--env",
                "stepwise-verify-auth-challenge:WORD=open-sesame"));
        running.start();
        NextStep result;
        try {
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!out.toString().contains("\n") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            JsonNode line = new ObjectMapper().readTree(out.toString().strip());
            Matcher listening = Pattern.compile("listening on (http://\\S+)").matcher(err.toString());
            assertThat(listening.find()).isTrue();
            try (SignInClient client = SignInClient.builder()
                    .endpoint(URI.create(listening.group(1)))
                    .userPoolId(line.path("userPoolId").asText())
                    .clientId(line.path("clientId").asText())
                    .build()) {
                String username = line.path("username").asText();
                result = client.answer((NextStep.Challenge) client.start(username), "open-sesame");
            }
        } finally {
            running.interrupt();
            running.join(10_000);
        }

        assertThat(result).isInstanceOf(NextStep.Done.class);
        assertThat(running.isAlive()).isFalse();
    }

    @Test
    void emulatorCommand_unknownTriggerClass_failsAtStartWithAUsageError() {
        StringWriter err = new StringWriter();
        CommandLine command = StepwiseCommand.newCommandLine().setErr(new PrintWriter(err, true));

        int code = command.execute("emulator", "--port", "0", "--define", "com.example.Missing");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString())
                .contains("trigger class com.example.Missing for stepwise-define-auth-challenge is not on the class"
                        + " path; check the name or add its jar");
    }

    @Test
    void defineTrigger_classThatIsNotAHandler_isRefusedAtStart() {
        CognitoEmulator.Builder builder = CognitoEmulator.builder().defineTrigger(List.class.getName());

        assertThatThrownBy(builder::start)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.util.List for stepwise-define-auth-challenge does not implement");
    }

    private static SignInClient client(URI endpoint, Seeded seeded) {
        return SignInClient.builder()
                .endpoint(endpoint)
                .userPoolId(seeded.userPoolId())
                .clientId(seeded.clientId())
                .build();
    }
}
