package dev.stepwise.harness.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepwise.harness.junit.StepwiseEmulator;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;

@Tag("slow")
class ChildJvmRunnerTest {

    private static long alive(List<ProcessHandle> processes) {
        return processes.stream().filter(ProcessHandle::isAlive).count();
    }

    private static InitiateAuthResponse start(CognitoIdentityProviderClient cognito, Seeded seeded) {
        return cognito.initiateAuth(r -> r.clientId(seeded.clientId())
                .authFlow(AuthFlowType.CUSTOM_AUTH)
                .authParameters(Map.of("USERNAME", seeded.username())));
    }

    private static String errorCode(Throwable e) {
        return ((CognitoIdentityProviderException) e).awsErrorDetails().errorCode();
    }

    private static String errorMessage(Throwable e) {
        return ((CognitoIdentityProviderException) e).awsErrorDetails().errorMessage();
    }

    @Test
    void noArgumentHandlers_readTheirEnvironment_signInAndLogThroughTheLambdaLogger() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        List<ProcessHandle> started;
        // Built by hand: it checks the child JVMs are gone once the emulator is closed, and reads the function log.
        try (CognitoEmulator emulator = CognitoEmulator.builder()
                        .bundledTriggers(Map.of("MAGIC_WORD", "xyzzy"))
                        .defineTrigger(RuntimeTriggers.Define.class.getName())
                        .createTrigger(RuntimeTriggers.Create.class.getName())
                        .verifyTrigger(RuntimeTriggers.Verify.class.getName())
                        .triggerRunner(TriggerRunner.CHILD_JVM)
                        .functionLog(log::add)
                        .start();
                CognitoIdentityProviderClient cognito = EmulatorFixture.client(emulator)) {
            Seeded seeded = emulator.seed();

            InitiateAuthResponse challenge = start(cognito, seeded);
            var wrong = cognito.respondToAuthChallenge(r -> r.clientId(seeded.clientId())
                    .challengeName(ChallengeNameType.CUSTOM_CHALLENGE)
                    .session(challenge.session())
                    .challengeResponses(Map.of("USERNAME", seeded.username(), "ANSWER", "plugh")));
            var done = cognito.respondToAuthChallenge(r -> r.clientId(seeded.clientId())
                    .challengeName(ChallengeNameType.CUSTOM_CHALLENGE)
                    .session(wrong.session())
                    .challengeResponses(Map.of("USERNAME", seeded.username(), "ANSWER", "xyzzy")));

            assertThat(challenge.challengeParameters()).containsEntry("hint", "say the magic word");
            assertThat(wrong.challengeName()).isEqualTo(ChallengeNameType.CUSTOM_CHALLENGE);
            assertThat(done.authenticationResult().idToken()).isNotBlank();
            assertThat(log)
                    .contains("[" + CognitoEmulator.CREATE_FUNCTION + "] create in " + CognitoEmulator.CREATE_FUNCTION
                            + " knows a word of 5 letters")
                    .anyMatch(line -> line.startsWith("[" + CognitoEmulator.DEFINE_FUNCTION + "] START RequestId: "))
                    .anyMatch(line -> line.startsWith("[" + CognitoEmulator.DEFINE_FUNCTION + "] REPORT RequestId: "))
                    .anyMatch(line -> line.startsWith("[" + CognitoEmulator.CREATE_FUNCTION + "] INIT_REPORT"));
            assertThat(log.stream().filter(line -> line.contains("INIT_REPORT")))
                    .as("one cold start per function: the second round reuses the warm JVMs")
                    .hasSize(3);
            started = emulator.childProcesses();
            assertThat(alive(started)).isEqualTo(3);
        }
        assertThat(alive(started)).isZero();
    }

    @Test
    void teamJar_noArgumentVerify_runsFromItsJarBesideTheBundledTriggers(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("src/com/example/triggers/EnvVerify.java");
        Files.createDirectories(source.getParent());
        Files.writeString(
                source,
                """
                package com.example.triggers;

                import com.amazonaws.services.lambda.runtime.Context;
                import com.amazonaws.services.lambda.runtime.RequestHandler;
                import java.util.LinkedHashMap;
                import java.util.Map;

                public class EnvVerify implements RequestHandler<Map<String, Object>, Map<String, Object>> {
                    private final String word = System.getenv("WORD");

                    @Override
                    @SuppressWarnings("unchecked")
                    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
                        Map<String, Object> request = (Map<String, Object>) event.get("request");
                        Map<String, Object> result = new LinkedHashMap<>(event);
                        result.put("response", Map.of("answerCorrect", word.equals(request.get("challengeAnswer"))));
                        return result;
                    }
                }
                """);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        String lambdaCore = Path.of(com.amazonaws.services.lambda.runtime.RequestHandler.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .toString();
        assertThat(javax.tools.ToolProvider.getSystemJavaCompiler()
                        .run(null, null, null, "-d", classes.toString(), "-cp", lambdaCore, source.toString()))
                .isZero();
        Path jar = dir.resolve("team-triggers.jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new java.util.jar.JarEntry("com/example/triggers/EnvVerify.class"));
            out.write(Files.readAllBytes(classes.resolve("com/example/triggers/EnvVerify.class")));
            out.closeEntry();
        }
        // Built by hand: the trigger jar is compiled by this test.
        try (CognitoEmulator emulator = CognitoEmulator.builder()
                        .bundledTriggers(Map.of("STEPWISE_POLICY", "email_code", "WORD", "sesame"))
                        .verifyTrigger("com.example.triggers.EnvVerify")
                        .triggerJar(jar)
                        .triggerRunner(TriggerRunner.CHILD_JVM)
                        .functionLog(line -> {})
                        .start();
                CognitoIdentityProviderClient cognito = EmulatorFixture.client(emulator)) {
            Seeded seeded = emulator.seed();

            InitiateAuthResponse challenge = start(cognito, seeded);
            var done = cognito.respondToAuthChallenge(r -> r.clientId(seeded.clientId())
                    .challengeName(ChallengeNameType.CUSTOM_CHALLENGE)
                    .session(challenge.session())
                    .challengeResponses(Map.of("USERNAME", seeded.username(), "ANSWER", "sesame")));

            assertThat(done.authenticationResult().idToken()).isNotBlank();
        }
    }

    @Test
    @StepwiseEmulator(
            define = RuntimeTriggers.Define.class,
            create = RuntimeTriggers.Create.class,
            verify = RuntimeTriggers.Verify.class,
            runner = TriggerRunner.CHILD_JVM)
    void handlerError_isUserLambdaValidationExceptionWithItsMessage(URI endpoint, Seeded seeded) {
        try (CognitoIdentityProviderClient cognito = EmulatorFixture.client(endpoint)) {
            assertThatThrownBy(() -> start(cognito, seeded))
                    .satisfies(e -> assertThat(errorCode(e)).isEqualTo("UserLambdaValidationException"))
                    .satisfies(e -> assertThat(errorMessage(e))
                            .isEqualTo("CreateAuthChallenge failed with error MAGIC_WORD is not set."));
        }
    }

    @Test
    @StepwiseEmulator(
            define = RuntimeTriggers.Define.class,
            create = RuntimeTriggers.SlowSendingCreate.class,
            verify = RuntimeTriggers.Verify.class,
            environment = "SLOW_MILLIS=4500",
            triggerTimeoutMillis = 4000,
            runner = TriggerRunner.CHILD_JVM)
    void slowCreate_timedOutAttemptsKeepRunning_soEachOfTheThreeSends(URI endpoint, Seeded seeded, Mailbox mailbox)
            throws Exception {
        try (CognitoIdentityProviderClient cognito = EmulatorFixture.client(endpoint)) {
            assertThatThrownBy(() -> start(cognito, seeded))
                    .satisfies(e -> assertThat(errorCode(e)).isEqualTo("UnexpectedLambdaException"))
                    .satisfies(e -> assertThat(errorMessage(e))
                            .isEqualTo("CreateAuthChallenge invocation failed due to error Socket timeout while"
                                    + " invoking Lambda function."));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (mailbox.emailsTo("slow@example.com").size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(mailbox.emailsTo("slow@example.com")).hasSize(3);
        }
    }

    @Test
    void initLongerThanTheTimeout_countsAgainstEachAttempt_andFailsWithSocketTimeout() {
        List<ProcessHandle> started;
        // Built by hand: the slow setting is for Define only, and the test checks the JVMs are gone after closing.
        try (CognitoEmulator emulator = CognitoEmulator.builder()
                        .bundledTriggers(Map.of())
                        .defineTrigger(RuntimeTriggers.SlowInitDefine.class.getName())
                        .bundledTriggerEnvironment(CognitoEmulator.DEFINE_FUNCTION, Map.of("INIT_MILLIS", "5000"))
                        .triggerTimeout(Duration.ofSeconds(2))
                        .triggerRunner(TriggerRunner.CHILD_JVM)
                        .functionLog(line -> {})
                        .start();
                CognitoIdentityProviderClient cognito = EmulatorFixture.client(emulator)) {
            Seeded seeded = emulator.seed();

            assertThatThrownBy(() -> start(cognito, seeded))
                    .satisfies(e -> assertThat(errorCode(e)).isEqualTo("UnexpectedLambdaException"))
                    .satisfies(e -> assertThat(errorMessage(e))
                            .isEqualTo("DefineAuthChallenge invocation failed due to error Socket timeout while"
                                    + " invoking Lambda function."));
            started = emulator.childProcesses();
            assertThat(alive(started))
                    .as("each attempt found the earlier JVMs still initialising")
                    .isEqualTo(3);
        }
        assertThat(alive(started)).isZero();
    }

    @Test
    void bundledTriggers_runInChildJvms_forAWholeEmailCodeSignIn() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        // Built by hand: it reads the function log.
        try (CognitoEmulator emulator = CognitoEmulator.builder()
                        .bundledTriggers(Map.of("STEPWISE_POLICY", "email_code"))
                        .triggerRunner(TriggerRunner.CHILD_JVM)
                        .functionLog(log::add)
                        .start();
                CognitoIdentityProviderClient cognito = EmulatorFixture.client(emulator)) {
            Seeded seeded = emulator.seed();

            InitiateAuthResponse challenge = start(cognito, seeded);
            String code = BundledTriggersTest.latestCode(emulator.endpoint(), seeded.email());
            var done = cognito.respondToAuthChallenge(r -> r.clientId(seeded.clientId())
                    .challengeName(ChallengeNameType.CUSTOM_CHALLENGE)
                    .session(challenge.session())
                    .challengeResponses(Map.of("USERNAME", seeded.username(), "ANSWER", code)));

            assertThat(done.authenticationResult().idToken()).isNotBlank();
            assertThat(log).anyMatch(line -> line.startsWith("[" + CognitoEmulator.CREATE_FUNCTION + "] {\"trigger\""));
        }
    }
}
