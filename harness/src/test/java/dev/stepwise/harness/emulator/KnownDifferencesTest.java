package dev.stepwise.harness.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepwise.harness.junit.StepwiseEmulator;
import dev.stepwise.harness.srp.PasswordVerifierChallenge;
import dev.stepwise.harness.srp.SrpClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;

/** Each test pins one documented way the emulator knowingly differs from Amazon Cognito (docs/emulator.md). */
class KnownDifferencesTest {

    private static EmulatorFixture fixture;
    private static String poolId;
    private static String clientId;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        fixture = new EmulatorFixture();
        poolId = fixture.pool();
        clientId = fixture.client(poolId, false);
        fixture.user(poolId, "alice");
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static InitiateAuthResponse srpStart(String client, String username, SrpClient srp) {
        return fixture.cognito.initiateAuth(r -> r.clientId(client)
                .authFlow(AuthFlowType.USER_SRP_AUTH)
                .authParameters(Map.of("USERNAME", username, "SRP_A", srp.srpA())));
    }

    private static Map<String, String> claim(InitiateAuthResponse challenge, SrpClient srp, String pw, Instant at) {
        Map<String, String> responses = new HashMap<>(
                srp.claim(PasswordVerifierChallenge.fromParameters(challenge.challengeParameters()), pw, at)
                        .challengeResponses());
        responses.put("USERNAME", challenge.challengeParameters().get("USERNAME"));
        return responses;
    }

    private static String signInRefreshToken(CognitoIdentityProviderClient cognito, String client, String user) {
        InitiateAuthResponse started = cognito.initiateAuth(
                r -> r.clientId(client).authFlow(AuthFlowType.CUSTOM_AUTH).authParameters(Map.of("USERNAME", user)));
        return cognito.respondToAuthChallenge(r -> r.clientId(client)
                        .challengeName(ChallengeNameType.CUSTOM_CHALLENGE)
                        .session(started.session())
                        .challengeResponses(Map.of("USERNAME", user, "ANSWER", "answer-" + user)))
                .authenticationResult()
                .refreshToken();
    }

    @Test
    void adminOperation_unsignedRequest_isAccepted() throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(fixture.emulator.endpoint())
                        .header("X-Amz-Target", "AWSCognitoIdentityProviderService.AdminGetUser")
                        .header("Content-Type", "application/x-amz-json-1.1")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"UserPoolId\":\"" + poolId + "\",\"Username\":\"alice\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void jwks_everyPool_servesTheSameSigningKey() throws Exception {
        String other = fixture.pool();

        assertThat(jwks(poolId)).isEqualTo(jwks(other));
    }

    private static String jwks(String pool) throws Exception {
        return HTTP.send(
                        HttpRequest.newBuilder(
                                        URI.create(fixture.emulator.endpoint() + "/" + pool + "/.well-known/jwks.json"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    @Test
    void tokens_issuerIsTheEmulatorEndpointAndRefreshTokenIsOpaque() throws Exception {
        String refresh = signInRefreshToken(fixture.cognito, clientId, "alice");
        InitiateAuthResponse started = fixture.cognito.initiateAuth(r ->
                r.clientId(clientId).authFlow(AuthFlowType.CUSTOM_AUTH).authParameters(Map.of("USERNAME", "alice")));
        String idToken = fixture.cognito
                .respondToAuthChallenge(r -> r.clientId(clientId)
                        .challengeName(ChallengeNameType.CUSTOM_CHALLENGE)
                        .session(started.session())
                        .challengeResponses(Map.of("USERNAME", "alice", "ANSWER", "answer-alice")))
                .authenticationResult()
                .idToken();

        assertThat(refresh).doesNotContain(".");
        assertThat(com.nimbusds.jwt.SignedJWT.parse(idToken).getJWTClaimsSet().getIssuer())
                .startsWith("http://127.0.0.1:");
    }

    @Test
    void customAuthWithSrp_forceChangePasswordUser_goesOnToDefineWithoutNewPasswordRequired() {
        fixture.cognito.adminCreateUser(
                r -> r.userPoolId(poolId).username("temp").temporaryPassword("Temp-passw0rd"));
        SrpClient srp = SrpClient.create(poolId);
        InitiateAuthResponse challenge = fixture.cognito.initiateAuth(r -> r.clientId(clientId)
                .authFlow(AuthFlowType.CUSTOM_AUTH)
                .authParameters(Map.of("USERNAME", "temp", "SRP_A", srp.srpA(), "CHALLENGE_NAME", "SRP_A")));

        var next = fixture.cognito.respondToAuthChallenge(r -> r.clientId(clientId)
                .challengeName(ChallengeNameType.PASSWORD_VERIFIER)
                .session(challenge.session())
                .challengeResponses(claim(challenge, srp, "Temp-passw0rd", Instant.now())));

        assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.PASSWORD_VERIFIER);
        assertThat(next.challengeName()).isEqualTo(ChallengeNameType.CUSTOM_CHALLENGE);
    }

    @Test
    void passwordVerifier_staleTimestamp_isAccepted() {
        SrpClient srp = SrpClient.create(poolId);
        InitiateAuthResponse challenge = srpStart(clientId, "alice", srp);

        var done = fixture.cognito.respondToAuthChallenge(r -> r.clientId(clientId)
                .challengeName(ChallengeNameType.PASSWORD_VERIFIER)
                .session(challenge.session())
                .challengeResponses(claim(
                        challenge, srp, EmulatorFixture.PASSWORD, Instant.now().minusSeconds(3600))));

        assertThat(done.authenticationResult()).isNotNull();
    }

    @Test
    void userSrpAuth_manyWrongPasswords_noLockout() {
        fixture.user(poolId, "lock");
        for (int i = 0; i < 6; i++) {
            SrpClient srp = SrpClient.create(poolId);
            InitiateAuthResponse challenge = srpStart(clientId, "lock", srp);
            assertThatThrownBy(() -> fixture.cognito.respondToAuthChallenge(r -> r.clientId(clientId)
                            .challengeName(ChallengeNameType.PASSWORD_VERIFIER)
                            .session(challenge.session())
                            .challengeResponses(claim(challenge, srp, "Wrong-passw0rd", Instant.now()))))
                    .isInstanceOf(CognitoIdentityProviderException.class);
        }
        SrpClient srp = SrpClient.create(poolId);
        InitiateAuthResponse challenge = srpStart(clientId, "lock", srp);

        var done = fixture.cognito.respondToAuthChallenge(r -> r.clientId(clientId)
                .challengeName(ChallengeNameType.PASSWORD_VERIFIER)
                .session(challenge.session())
                .challengeResponses(claim(challenge, srp, EmulatorFixture.PASSWORD, Instant.now())));

        assertThat(done.authenticationResult()).isNotNull();
    }

    @Test
    void initiateAuth_userAuthFlow_isNotSupported() {
        assertThatThrownBy(() -> fixture.cognito.initiateAuth(r -> r.clientId(clientId)
                        .authFlow(AuthFlowType.USER_AUTH)
                        .authParameters(Map.of("USERNAME", "alice"))))
                .satisfies(e -> assertThat(((CognitoIdentityProviderException) e)
                                .awsErrorDetails()
                                .errorMessage())
                        .contains("Stepwise emulator does not support AuthFlow USER_AUTH"));
    }

    @Test
    void signUpMigrationAndMessageTriggers_inLambdaConfig_areNeverInvoked() {
        String pool = fixture.cognito
                .createUserPool(r -> r.poolName("others")
                        .lambdaConfig(l -> l.defineAuthChallenge(EmulatorFixture.ARN + "define-normal")
                                .createAuthChallenge(EmulatorFixture.ARN + "create-normal")
                                .verifyAuthChallengeResponse(EmulatorFixture.ARN + "verify-normal")
                                .preSignUp(EmulatorFixture.ARN + "define-throw")
                                .postConfirmation(EmulatorFixture.ARN + "define-throw")
                                .customMessage(EmulatorFixture.ARN + "define-throw")
                                .userMigration(EmulatorFixture.ARN + "define-throw")))
                .userPool()
                .id();
        String client = fixture.client(pool, false);
        fixture.user(pool, "olive");
        fixture.cognito.signUp(r -> r.clientId(client)
                .username("newcomer")
                .password(EmulatorFixture.PASSWORD)
                .userAttributes(a -> a.name("email").value("newcomer@example.com")));

        assertThat(signInRefreshToken(fixture.cognito, client, "olive")).isNotBlank();
        assertThat(ScriptedTriggers.INVOKED).doesNotContain("throw:" + pool);
    }

    @Test
    void adminCreateUser_sendsNoInvitation() {
        int before = fixture.emulator.mailbox().emails().size();
        fixture.cognito.adminCreateUser(
                r -> r.userPoolId(poolId).username("invited").userAttributes(a -> a.name("email")
                        .value("invited@example.com")));

        assertThat(fixture.emulator.mailbox().emails()).hasSize(before);
    }

    @Test
    void triggers_oneHandlerInstance_servesEveryInvocationOfAFunction() {
        String pool = fixture.pool();
        String client = fixture.client(pool, false);
        fixture.user(pool, "una");
        ScriptedTriggers.INSTANCES.clear();

        signInRefreshToken(fixture.cognito, client, "una");
        signInRefreshToken(fixture.cognito, client, "una");

        assertThat(ScriptedTriggers.INSTANCES).hasSize(3);
    }

    @Test
    @StepwiseEmulator(
            define = RuntimeTriggers.Define.class,
            create = RuntimeTriggers.Create.class,
            verify = RuntimeTriggers.Verify.class,
            environment = "MAGIC_WORD=xyzzy")
    void inProcess_noArgumentHandler_doesNotSeeTheFunctionEnvironment(URI endpoint, Seeded seeded) {
        try (CognitoIdentityProviderClient cognito = EmulatorFixture.client(endpoint)) {

            assertThatThrownBy(() -> cognito.initiateAuth(r -> r.clientId(seeded.clientId())
                            .authFlow(AuthFlowType.CUSTOM_AUTH)
                            .authParameters(Map.of("USERNAME", seeded.username()))))
                    .hasMessageContaining("CreateAuthChallenge failed with error MAGIC_WORD is not set.");
        }
    }

    // Built by hand here and below: the slow setting is for one function only (bundledTriggerEnvironment).
    @Test
    @Tag("slow")
    void inProcess_timedOutAttempt_isInterrupted_soASendAfterTheTimeoutNeverHappens() throws Exception {
        try (CognitoEmulator emulator = CognitoEmulator.builder()
                        .bundledTriggers(Map.of())
                        .defineTrigger(RuntimeTriggers.Define.class.getName())
                        .createTrigger(RuntimeTriggers.SlowSendingCreate.class.getName())
                        .bundledTriggerEnvironment(CognitoEmulator.CREATE_FUNCTION, Map.of("SLOW_MILLIS", "600"))
                        .triggerTimeout(java.time.Duration.ofMillis(300))
                        .functionLog(line -> {})
                        .start();
                CognitoIdentityProviderClient cognito = EmulatorFixture.client(emulator)) {
            Seeded seeded = emulator.seed();

            assertThatThrownBy(() -> cognito.initiateAuth(r -> r.clientId(seeded.clientId())
                            .authFlow(AuthFlowType.CUSTOM_AUTH)
                            .authParameters(Map.of("USERNAME", seeded.username()))))
                    .hasMessageContaining("Socket timeout while invoking Lambda function.");
            Thread.sleep(1000);
            assertThat(emulator.mailbox().emailsTo("slow@example.com")).isEmpty();
        }
    }

    @Test
    @Tag("slow")
    void inProcess_handlerConstructor_runsOutsideTheTriggerTimeout() {
        try (CognitoEmulator emulator = CognitoEmulator.builder()
                        .bundledTriggers(Map.of())
                        .defineTrigger(RuntimeTriggers.SlowInitDefine.class.getName())
                        .bundledTriggerEnvironment(CognitoEmulator.DEFINE_FUNCTION, Map.of("INIT_MILLIS", "1500"))
                        .triggerTimeout(java.time.Duration.ofSeconds(1))
                        .functionLog(line -> {})
                        .start();
                CognitoIdentityProviderClient cognito = EmulatorFixture.client(emulator)) {
            Seeded seeded = emulator.seed();

            InitiateAuthResponse started = cognito.initiateAuth(r -> r.clientId(seeded.clientId())
                    .authFlow(AuthFlowType.CUSTOM_AUTH)
                    .authParameters(Map.of("USERNAME", seeded.username())));

            assertThat(started.challengeName()).isEqualTo(ChallengeNameType.CUSTOM_CHALLENGE);
        }
    }

    @Test
    void triggerError_isNotRetried() {
        String pool = fixture.pool("throw", "normal", "normal");
        String client = fixture.client(pool, false);
        fixture.user(pool, "vera");

        assertThatThrownBy(() -> signInRefreshToken(fixture.cognito, client, "vera"))
                .isInstanceOf(CognitoIdentityProviderException.class);
        long warm = ScriptedTriggers.INVOKED.stream()
                .filter(("throw:" + pool)::equals)
                .count();

        assertThatThrownBy(() -> signInRefreshToken(fixture.cognito, client, "vera"))
                .hasMessageContaining("failed with error boom.");
        assertThat(ScriptedTriggers.INVOKED.stream().filter(("throw:" + pool)::equals))
                .hasSize((int) warm + 1);
    }

    @Test
    void initiateAuth_manyRequestsPerSecond_areNeverThrottled() {
        for (int i = 0; i < 150; i++) {
            assertThat(fixture.cognito
                            .initiateAuth(r -> r.clientId(clientId)
                                    .authFlow(AuthFlowType.CUSTOM_AUTH)
                                    .authParameters(Map.of("USERNAME", "alice")))
                            .session())
                    .isNotBlank();
        }
    }

    @Test
    void session_isShorterThanCognitos() {
        InitiateAuthResponse started = fixture.cognito.initiateAuth(r ->
                r.clientId(clientId).authFlow(AuthFlowType.CUSTOM_AUTH).authParameters(Map.of("USERNAME", "alice")));

        assertThat(started.session()).hasSize(96);
    }

    @Test
    void aliasPool_triggerEvent_hasNoCognitoAliasAttributes() {
        String pool = fixture.cognito
                .createUserPool(r -> r.poolName("aliases")
                        .aliasAttributesWithStrings("email")
                        .lambdaConfig(l -> l.defineAuthChallenge(EmulatorFixture.ARN + "define-normal")
                                .createAuthChallenge(EmulatorFixture.ARN + "create-normal")
                                .verifyAuthChallengeResponse(EmulatorFixture.ARN + "verify-normal")))
                .userPool()
                .id();
        String client = fixture.client(pool, false);
        fixture.user(pool, "wes");

        fixture.cognito.initiateAuth(r -> r.clientId(client)
                .authFlow(AuthFlowType.CUSTOM_AUTH)
                .authParameters(Map.of("USERNAME", "wes@example.com")));

        Map<String, Object> define = ScriptedTriggers.events("DefineAuthChallenge_Authentication", pool)
                .get(0);
        assertThat(define).containsEntry("userName", "wes");
        assertThat(ScriptedTriggers.section(ScriptedTriggers.section(define, "request"), "userAttributes"))
                .doesNotContainKey("cognito:email_alias");
    }

    @Test
    void stateFile_restart_forgetsRefreshTokensAndSessions(@TempDir Path dir) {
        Path file = dir.resolve("state.json");
        String refresh;
        String pool;
        String client;
        try (EmulatorFixture first =
                new EmulatorFixture(CognitoEmulator.builder().stateFile(file))) {
            pool = first.pool();
            client = first.client(pool, false);
            first.user(pool, "xena");
            refresh = signInRefreshToken(first.cognito, client, "xena");
        }
        try (EmulatorFixture second =
                new EmulatorFixture(CognitoEmulator.builder().stateFile(file))) {
            assertThatThrownBy(() -> second.cognito.initiateAuth(r -> r.clientId(client)
                            .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                            .authParameters(Map.of("REFRESH_TOKEN", refresh))))
                    .satisfies(e -> assertThat(((CognitoIdentityProviderException) e)
                                    .awsErrorDetails()
                                    .errorMessage())
                            .isEqualTo("Invalid Refresh Token"));
            assertThat(signInRefreshToken(second.cognito, client, "xena")).isNotBlank();
        }
    }

    @Test
    void snsPublish_toTopic_isAcceptedAndNotKept() throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(fixture.emulator.endpoint())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "Action=Publish&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A1%3At&Message=hi"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<MessageId>");
        assertThat(fixture.emulator.mailbox().smsMessages())
                .noneMatch(m -> m.message().equals("hi"));
    }
}
