package dev.stepwise.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepwise.bench.runtime.ColdStartRuntime;
import dev.stepwise.harness.client.CodeReader;
import dev.stepwise.harness.client.HttpMailbox;
import dev.stepwise.harness.client.NextStep;
import dev.stepwise.harness.client.SignInClient;
import dev.stepwise.harness.client.SignInStep;
import dev.stepwise.harness.client.SoftwareAuthenticator;
import dev.stepwise.harness.emulator.CognitoEmulator;
import dev.stepwise.harness.emulator.SentEmail;
import dev.stepwise.harness.emulator.ServiceCall;
import dev.stepwise.harness.emulator.TriggerRunner;
import dev.stepwise.harness.scenario.EmulatorTarget;
import dev.stepwise.harness.scenario.Scenario;
import dev.stepwise.harness.scenario.ScenarioLoader;
import dev.stepwise.harness.scenario.ScenarioResult;
import dev.stepwise.harness.scenario.ScenarioRunner;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LambdaConfigType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PreTokenGenerationLambdaVersionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserLambdaValidationException;

/**
 * The functions' jar as shipped (shaded, then shrunk by ProGuard) still does everything: the handlers run from that
 * jar alone, in a child JVM started by AWS's runtime interface client as Lambda starts it, never from the classes the
 * tests were built with. A class the shrinking dropped but a path needs fails one of these tests (one of them proves
 * that it would).
 */
@Tag("slow")
class ShippedJarTest {
    private static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:";
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String PASSWORD = "Corr3ct-Horse!";

    /** Every scenario of scenarios/: email, SMS, email links, passwords, TOTP set-up with KMS, backup codes, lockouts. */
    @Test
    void everyScenario_triggersRunFromTheShippedJar_passes() throws IOException {
        Path jar = FunctionsJarSizeTest.lambdaJar();
        List<ScenarioResult> failed = new ArrayList<>();
        int ran = 0;
        ScenarioRunner runner = ScenarioRunner.create(WAIT);
        try (EmulatorTarget target = EmulatorTarget.create(
                builder -> builder.triggerRunner(TriggerRunner.CHILD_JVM).deploymentJar(jar))) {
            for (Scenario scenario : ScenarioLoader.load(List.of(Path.of("../scenarios")))) {
                ScenarioResult result = runner.run(scenario, target);
                ran++;
                if (!result.passed()) {
                    failed.add(result);
                }
            }
        }

        assertThat(ran).isGreaterThanOrEqualTo(20);
        assertThat(failed)
                .as("scenarios that fail with the triggers running from %s", jar)
                .isEmpty();
    }

    /**
     * Passkey set-up and sign-in (webauthn4j, Jackson 3), the token guard on the tokens and on a bypass, then a password
     * reset, whose post confirmation revokes the user's trusted devices.
     */
    @Test
    void passkeyTokenGuardAndReset_triggersRunFromTheShippedJar_signInRefuseABypassAndRevoke() throws IOException {
        List<ServiceCall> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (CognitoEmulator emulator = CognitoEmulator.builder()
                        .bundledTriggers(Map.of(
                                "STEPWISE_POLICY", "email_code > passkey",
                                "STEPWISE_PASSKEY_SETUP", "on",
                                "STEPWISE_SECRET", randomKey(),
                                "STEPWISE_WEBAUTHN_RP_ID", "localhost",
                                "STEPWISE_WEBAUTHN_ORIGINS", "http://localhost"))
                        .triggerRunner(TriggerRunner.CHILD_JVM)
                        .deploymentJar(FunctionsJarSizeTest.lambdaJar())
                        .triggerTimeout(Duration.ofSeconds(20))
                        .serviceCalls(calls::add)
                        .functionLog(line -> {})
                        .start();
                CognitoIdentityProviderClient cognito = CognitoIdentityProviderClient.builder()
                        .endpointOverride(emulator.endpoint())
                        .region(Region.US_EAST_1)
                        .credentialsProvider(
                                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                        .httpClient(UrlConnectionHttpClient.create())
                        .build()) {
            String poolId = cognito.createUserPool(r -> r.poolName("shipped")
                            .lambdaConfig(LambdaConfigType.builder()
                                    .defineAuthChallenge(ARN + CognitoEmulator.DEFINE_FUNCTION)
                                    .createAuthChallenge(ARN + CognitoEmulator.CREATE_FUNCTION)
                                    .verifyAuthChallengeResponse(ARN + CognitoEmulator.VERIFY_FUNCTION)
                                    .postConfirmation(ARN + CognitoEmulator.POST_CONFIRMATION_FUNCTION)
                                    .preTokenGenerationConfig(
                                            c -> c.lambdaArn(ARN + CognitoEmulator.TOKEN_GENERATION_FUNCTION)
                                                    .lambdaVersion(PreTokenGenerationLambdaVersionType.V2_0))
                                    .build()))
                    .userPool()
                    .id();
            String clientId = cognito.createUserPoolClient(r -> r.userPoolId(poolId)
                            .clientName("shipped")
                            .explicitAuthFlows(
                                    ExplicitAuthFlowsType.ALLOW_CUSTOM_AUTH,
                                    ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH,
                                    ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                    .userPoolClient()
                    .clientId();
            cognito.adminCreateUser(r -> r.userPoolId(poolId)
                    .username("alice")
                    .messageAction(MessageActionType.SUPPRESS)
                    .userAttributes(a -> a.name("email").value("alice@example.com"), a -> a.name("email_verified")
                            .value("true")));
            cognito.adminSetUserPassword(r ->
                    r.userPoolId(poolId).username("alice").password(PASSWORD).permanent(true));
            CodeReader codes = CodeReader.of(HttpMailbox.at(emulator.endpoint(), "us-east-1"));
            SoftwareAuthenticator passkeys =
                    SoftwareAuthenticator.builder().origin("http://localhost").build();

            try (SignInClient client = SignInClient.builder()
                    .endpoint(emulator.endpoint())
                    .region("us-east-1")
                    .userPoolId(poolId)
                    .clientId(clientId)
                    .build()) {
                NextStep registered = client.answerWithPasskey(
                        afterEmailCode(client, codes, SignInStep.CONTINUE_SIGN_IN_WITH_PASSKEY_SETUP), passkeys);
                NextStep signedIn = client.answerWithPasskey(
                        afterEmailCode(client, codes, SignInStep.CONFIRM_SIGN_IN_WITH_PASSKEY), passkeys);

                assertThat(registered).isInstanceOf(NextStep.Done.class);
                assertThat(signedIn).isInstanceOfSatisfying(NextStep.Done.class, done -> assertThat(
                                payload(done.tokens().accessToken()))
                        .contains("\"stepwise:amr\""));
            }
            assertThatThrownBy(() -> cognito.initiateAuth(r -> r.clientId(clientId)
                            .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                            .authParameters(Map.of("USERNAME", "alice", "PASSWORD", PASSWORD))))
                    .isInstanceOf(UserLambdaValidationException.class)
                    .hasMessageContaining("PreTokenGeneration failed");

            cognito.forgotPassword(r -> r.clientId(clientId).username("alice"));
            List<SentEmail> emails = emulator.mailbox().emailsTo("alice@example.com");
            Matcher code = Pattern.compile("\\b(\\d{6})\\b")
                    .matcher(emails.get(emails.size() - 1).textBody());
            assertThat(code.find()).isTrue();
            cognito.confirmForgotPassword(r -> r.clientId(clientId)
                    .username("alice")
                    .confirmationCode(code.group(1))
                    .password("N3w-" + PASSWORD));

            assertThat(calls).as("the post confirmation function's requests").anySatisfy(call -> {
                assertThat(call.caller()).isEqualTo(CognitoEmulator.POST_CONFIRMATION_FUNCTION);
                assertThat(call.service()).isEqualTo("dynamodb");
            });
        }
    }

    /** The one setting the scenarios do not use: the secret read from Secrets Manager at init, as the CDK app deploys. */
    @Test
    void define_secretFromSecretsManager_coldStartsFromTheShippedJar() throws Exception {
        try (CognitoEmulator emulator =
                CognitoEmulator.builder().functionLog(line -> {}).start()) {
            Map<String, String> environment = ColdStartSuite.deployed(
                    emulator.endpoint().toString(), BenchSecrets.create(emulator.endpoint(), randomKey()));
            Path event = Files.writeString(
                    Files.createTempFile("stepwise-shipped", ".json"), ColdStartEvents.define("shipped"));
            ColdStart coldStart = new ColdStart(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    List.of(
                            jarOf(ColdStartRuntime.class),
                            jarOf(com.amazonaws.services.lambda.runtime.Context.class),
                            jarOf(com.amazonaws.services.lambda.runtime.serialization.PojoSerializer.class)));
            try {
                ColdStart.Run run = coldStart.runOnce(
                        FunctionsJarSizeTest.lambdaJar(),
                        dev.stepwise.lambda.DefineAuthChallengeHandler.class.getName(),
                        event,
                        environment,
                        List.of());

                assertThat(run.response()).contains("\"challengeName\":\"CUSTOM_CHALLENGE\"");
            } finally {
                Files.deleteIfExists(event);
            }
        }
    }

    /**
     * The proof that the tests above would notice: the same jar without one class of the JSON parser that the
     * functions' signed AWS calls read the state table's answers with fails an email sign-in.
     */
    @Test
    void emailCode_jarMissingAClassTheStateTableNeeds_fails(@TempDir Path dir) throws IOException {
        Path broken = without(
                FunctionsJarSizeTest.lambdaJar(),
                "tools/jackson/core/json/UTF8StreamJsonParser.class",
                dir.resolve("broken-lambda.jar"));
        Scenario emailCode = ScenarioLoader.load(Path.of("../scenarios/email-code.yaml"));
        List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (EmulatorTarget target = EmulatorTarget.create(builder -> builder.triggerRunner(TriggerRunner.CHILD_JVM)
                .deploymentJar(broken)
                .functionLog(log::add))) {
            ScenarioResult result = ScenarioRunner.create(WAIT).run(emailCode, target);

            assertThat(result.passed()).as("email-code with %s", broken).isFalse();
            assertThat(logOnceItHas(log, "UTF8StreamJsonParser"))
                    .contains("NoClassDefFoundError", "UTF8StreamJsonParser");
        }
    }

    /**
     * The function log once it mentions {@code text}, or after 20 s: a child JVM's lines reach the log on their own
     * thread, so the sign-in can end before the failing function's lines have arrived.
     */
    private static String logOnceItHas(List<String> log, String text) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (!String.join("\n", log).contains(text) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return String.join("\n", log);
    }

    /** In process, the emulator's own classes would run instead of the jar's: the emulator says so instead. */
    @Test
    void deploymentJar_triggersInProcess_refusedAtStart() throws IOException {
        CognitoEmulator.Builder builder = CognitoEmulator.builder()
                .bundledTriggers(Map.of("STEPWISE_POLICY", "email_code"))
                .deploymentJar(FunctionsJarSizeTest.lambdaJar());

        assertThatThrownBy(builder::start)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CHILD_JVM");
    }

    private static NextStep.Challenge afterEmailCode(SignInClient client, CodeReader codes, SignInStep expected) {
        NextStep first = client.start("alice");
        assertThat(first).isInstanceOf(NextStep.Challenge.class);
        NextStep.Challenge email = (NextStep.Challenge) first;
        NextStep next = client.answer(email, codes.awaitCode(email, WAIT));
        assertThat(next).isInstanceOfSatisfying(NextStep.Challenge.class, c -> assertThat(c.step())
                .isEqualTo(expected));
        return (NextStep.Challenge) next;
    }

    private static String payload(String jwt) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static Path jarOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static Path without(Path jar, String entry, Path copy) throws IOException {
        boolean found = false;
        try (ZipFile in = new ZipFile(jar.toFile());
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
            for (ZipEntry each : java.util.Collections.list(in.entries())) {
                if (each.getName().equals(entry)) {
                    found = true;
                    continue;
                }
                out.putNextEntry(new ZipEntry(each.getName()));
                try (InputStream data = in.getInputStream(each)) {
                    data.transferTo(out);
                }
                out.closeEntry();
            }
        }
        assertThat(found).as("%s in %s", entry, jar).isTrue();
        return copy;
    }
}
