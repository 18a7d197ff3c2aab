package dev.stepwise.harness.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.harness.srp.SrpServer;
import dev.stepwise.harness.srp.SrpVerifier;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SignInClientTest {

    static final String POOL_ID = "us-east-1_Fake1";
    static final String CLIENT_ID = "client123";
    static final ObjectMapper JSON = new ObjectMapper();

    static final String EMAIL_CODE_CHALLENGE =
            """
            {"ChallengeName":"CUSTOM_CHALLENGE","Session":"session-1","ChallengeParameters":{
              "contractVersion":"1","step":"CONFIRM_SIGN_IN_WITH_EMAIL_CODE","factor":"email_code",
              "status":"needs_second_factor","deliveryMedium":"EMAIL","destination":"a***@e***.com",
              "attemptsRemaining":"3","codeLength":"6","expiresAt":"2026-11-22T03:15:00Z","USERNAME":"alice-id"}}""";

    static final String TOKENS =
            """
            {"ChallengeParameters":{},"AuthenticationResult":{"IdToken":"%s","AccessToken":"%s",
              "RefreshToken":"rt-opaque-value","ExpiresIn":3600,"TokenType":"Bearer"}}"""
                    .formatted(
                            jwt("{\"sub\":\"123\",\"email\":\"alice@example.com\"}"),
                            jwt("{\"token_use\":\"access\"}"));

    FakeCognito fake;
    SignInClient client;

    @BeforeEach
    void setUp() throws IOException {
        fake = new FakeCognito();
        client = clientFor(fake.endpoint(), null);
    }

    @AfterEach
    void tearDown() {
        client.close();
        fake.close();
    }

    static SignInClient clientFor(URI endpoint, String secret) {
        return SignInClient.builder()
                .endpoint(endpoint)
                .region("us-east-1")
                .userPoolId(POOL_ID)
                .clientId(CLIENT_ID)
                .clientSecret(secret)
                .build();
    }

    static String jwt(String claims) {
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\"}".getBytes()) + "." + b64.encodeToString(claims.getBytes()) + ".";
    }

    @Test
    void start_customWithoutSrp_sendsCustomAuthWithUsernameOnly() {
        fake.reply(EMAIL_CODE_CHALLENGE);

        client.start("alice");

        FakeCognito.Request request = fake.lastRequest();
        assertThat(request.operation()).isEqualTo("InitiateAuth");
        assertThat(request.body().get("AuthFlow").asText()).isEqualTo("CUSTOM_AUTH");
        assertThat(request.body().get("ClientId").asText()).isEqualTo(CLIENT_ID);
        assertThat(fieldNames(request.body().get("AuthParameters"))).containsExactly("USERNAME");
    }

    @Test
    void start_emailCodeChallenge_parsesEveryContractField() {
        fake.reply(EMAIL_CODE_CHALLENGE);

        NextStep next = client.start("alice");

        assertThat(next).isInstanceOf(NextStep.Challenge.class);
        NextStep.Challenge c = (NextStep.Challenge) next;
        assertThat(c.step()).isEqualTo(SignInStep.CONFIRM_SIGN_IN_WITH_EMAIL_CODE);
        assertThat(c.factor()).isEqualTo("email_code");
        assertThat(c.status()).isEqualTo("needs_second_factor");
        assertThat(c.delivery()).isEqualTo(new CodeDeliveryDetails("EMAIL", "a***@e***.com"));
        assertThat(c.attemptsRemaining()).isEqualTo(3);
        assertThat(c.codeLength()).isEqualTo(6);
        assertThat(c.expiresAt()).isEqualTo(Instant.parse("2026-11-22T03:15:00Z"));
        assertThat(c.contractVersion()).isEqualTo(1);
        assertThat(c.options()).isEmpty();
        assertThat(c.otpauthUri()).isNull();
        assertThat(c.session().username()).isEqualTo("alice-id");
        assertThat(c.challengeName()).isEqualTo("CUSTOM_CHALLENGE");
        assertThat(c.isFinal()).isFalse();
    }

    @Test
    void start_selectionChallenge_parsesOptions() {
        fake.reply(
                """
                {"ChallengeName":"CUSTOM_CHALLENGE","Session":"s","ChallengeParameters":{"contractVersion":"1",
                 "step":"CONTINUE_SIGN_IN_WITH_MFA_SELECTION","status":"needs_second_factor",
                 "options":"totp, backup_code","USERNAME":"alice"}}""");

        NextStep.Challenge c = (NextStep.Challenge) client.start("alice");

        assertThat(c.step()).isEqualTo(SignInStep.CONTINUE_SIGN_IN_WITH_MFA_SELECTION);
        assertThat(c.options()).containsExactly("totp", "backup_code");
        assertThat(c.factor()).isNull();
        assertThat(c.step().answerIsSecret()).isFalse();
    }

    @Test
    void start_totpSetup_carriesOtpauthUri() {
        fake.reply(
                """
                {"ChallengeName":"CUSTOM_CHALLENGE","Session":"s","ChallengeParameters":{"contractVersion":"1",
                 "step":"CONTINUE_SIGN_IN_WITH_TOTP_SETUP","factor":"totp","status":"needs_second_factor",
                 "otpauthUri":"otpauth://totp/Stepwise:alice?secret=ABC&issuer=Stepwise","USERNAME":"alice"}}""");

        NextStep.Challenge c = (NextStep.Challenge) client.start("alice");

        assertThat(c.step()).isEqualTo(SignInStep.CONTINUE_SIGN_IN_WITH_TOTP_SETUP);
        assertThat(c.otpauthUri()).startsWith("otpauth://totp/");
    }

    @Test
    void start_unknownStepName_isUnknownWithRawName() {
        fake.reply(
                """
                {"ChallengeName":"CUSTOM_CHALLENGE","Session":"s","ChallengeParameters":{
                 "step":"CONFIRM_SIGN_IN_WITH_CARRIER_PIGEON","USERNAME":"alice"}}""");

        NextStep.Challenge c = (NextStep.Challenge) client.start("alice");

        assertThat(c.step()).isEqualTo(SignInStep.UNKNOWN);
        assertThat(c.stepName()).isEqualTo("CONFIRM_SIGN_IN_WITH_CARRIER_PIGEON");
    }

    @Test
    void start_customChallengeWithoutContract_isAmplifyCustomChallenge() {
        fake.reply(
                """
                {"ChallengeName":"CUSTOM_CHALLENGE","Session":"s","ChallengeParameters":{"hint":"x","USERNAME":"bob"}}""");

        NextStep.Challenge c = (NextStep.Challenge) client.start("bob");

        assertThat(c.step()).isEqualTo(SignInStep.CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE);
        assertThat(c.contractVersion()).isNull();
        assertThat(c.parameters()).containsEntry("hint", "x");
    }

    @Test
    void start_builtInSmsMfa_mapsToSmsCodeStep() {
        fake.reply(
                """
                {"ChallengeName":"SMS_MFA","Session":"s","ChallengeParameters":{
                 "CODE_DELIVERY_DELIVERY_MEDIUM":"SMS","CODE_DELIVERY_DESTINATION":"+*******1234","USERNAME":"bob"}}""");

        NextStep.Challenge c = (NextStep.Challenge) client.start("bob");

        assertThat(c.step()).isEqualTo(SignInStep.CONFIRM_SIGN_IN_WITH_SMS_CODE);
        assertThat(c.delivery().destination()).isEqualTo("+*******1234");
        assertThat(c.factor()).isEqualTo("phone_code");
    }

    @Test
    void answer_customChallenge_sendsAnswerSessionAndUsernameFromChallenge() {
        fake.reply(EMAIL_CODE_CHALLENGE).reply(TOKENS);
        NextStep.Challenge c = (NextStep.Challenge) client.start("alice@example.com");

        client.answer(c, "123456");

        JsonNode body = fake.lastRequest().body();
        assertThat(fake.lastRequest().operation()).isEqualTo("RespondToAuthChallenge");
        assertThat(body.get("ChallengeName").asText()).isEqualTo("CUSTOM_CHALLENGE");
        assertThat(body.get("Session").asText()).isEqualTo("session-1");
        assertThat(body.get("ChallengeResponses").get("ANSWER").asText()).isEqualTo("123456");
        assertThat(body.get("ChallengeResponses").get("USERNAME").asText()).isEqualTo("alice-id");
    }

    @Test
    void answer_clientMetadata_sentWithTheAnswer() {
        fake.reply(EMAIL_CODE_CHALLENGE).reply(TOKENS);
        NextStep.Challenge c = (NextStep.Challenge) client.start("alice");

        client.answer(c.session(), "123456", Map.of("redirect", "https://app.example.com"));

        assertThat(fake.lastRequest()
                        .body()
                        .get("ClientMetadata")
                        .get("redirect")
                        .asText())
                .isEqualTo("https://app.example.com");
    }

    @Test
    void answer_noClientMetadata_omitsIt() {
        fake.reply(EMAIL_CODE_CHALLENGE).reply(TOKENS);
        NextStep.Challenge c = (NextStep.Challenge) client.start("alice");

        client.answer(c, "123456");

        assertThat(fake.lastRequest().body().has("ClientMetadata")).isFalse();
    }

    @Test
    void answer_builtInSmsMfa_sendsSmsMfaCode() {
        fake.reply(
                        """
                {"ChallengeName":"SMS_MFA","Session":"s","ChallengeParameters":{"USERNAME":"bob"}}""")
                .reply(TOKENS);
        NextStep.Challenge c = (NextStep.Challenge) client.start("bob");

        client.answer(c, "654321");

        assertThat(fake.lastRequest()
                        .body()
                        .get("ChallengeResponses")
                        .get("SMS_MFA_CODE")
                        .asText())
                .isEqualTo("654321");
    }

    @Test
    void answer_tokensIssued_isDoneWithDecodableClaims() {
        fake.reply(EMAIL_CODE_CHALLENGE).reply(TOKENS);
        NextStep.Challenge c = (NextStep.Challenge) client.start("alice");

        NextStep next = client.answer(c, "123456");

        assertThat(next).isInstanceOf(NextStep.Done.class);
        Tokens tokens = ((NextStep.Done) next).tokens();
        assertThat(tokens.idTokenClaims()).containsEntry("email", "alice@example.com");
        assertThat(tokens.expiresIn()).isEqualTo(3600);
        assertThat(tokens.toString()).doesNotContain(tokens.idToken()).doesNotContain("rt-opaque-value");
        assertThat(next.isFinal()).isTrue();
    }

    static Stream<Arguments> answer_cognitoError_becomesTypedOutcome() {
        return Stream.of(
                Arguments.of("NotAuthorizedException", "Incorrect username or password.", NextStep.Failed.class),
                Arguments.of(
                        "NotAuthorizedException",
                        "Invalid session for the user, session is expired.",
                        NextStep.SessionExpired.class),
                Arguments.of("NotAuthorizedException", "Invalid session for the user.", NextStep.SessionExpired.class),
                Arguments.of(
                        "NotAuthorizedException",
                        "Unable to verify secret hash for client client123",
                        NextStep.ServiceError.class),
                Arguments.of("UserNotFoundException", "User does not exist.", NextStep.UserNotFound.class),
                Arguments.of(
                        "UserLambdaValidationException",
                        "DefineAuthChallenge failed with error boom.",
                        NextStep.TriggerError.class),
                Arguments.of(
                        "UnexpectedLambdaException",
                        "CreateAuthChallenge invocation failed due to error Socket timeout while invoking Lambda function.",
                        NextStep.TriggerError.class),
                Arguments.of(
                        "InvalidLambdaResponseException", "Unrecognizable lambda output", NextStep.TriggerError.class),
                Arguments.of("TooManyRequestsException", "Rate exceeded", NextStep.Throttled.class),
                Arguments.of(
                        "ResourceNotFoundException",
                        "User pool client nope does not exist.",
                        NextStep.ServiceError.class),
                Arguments.of("SomethingNewException", "a future error", NextStep.ServiceError.class));
    }

    @ParameterizedTest
    @MethodSource
    void answer_cognitoError_becomesTypedOutcome(String type, String message, Class<? extends NextStep> expected) {
        fake.reply(EMAIL_CODE_CHALLENGE).error(type, message);
        NextStep.Challenge c = (NextStep.Challenge) client.start("alice");

        NextStep next = client.answer(c, "000000");

        assertThat(next).isInstanceOf(expected);
        assertThat(next.isFinal()).isTrue();
    }

    static Stream<Arguments> start_abuseControlRefusal_becomesRefusedWithReasonAndWait() {
        return Stream.of(
                Arguments.of(
                        "DefineAuthChallenge failed with error Too many failed sign-in attempts. Try again in 15 minutes.",
                        NextStep.Refused.Reason.LOCKED_OUT,
                        Duration.ofMinutes(15)),
                Arguments.of(
                        "CreateAuthChallenge failed with error A code was sent moments ago. Wait 30 seconds before"
                                + " asking for another.",
                        NextStep.Refused.Reason.CODE_SENT_RECENTLY,
                        Duration.ofSeconds(30)),
                Arguments.of(
                        "CreateAuthChallenge failed with error Too many codes were requested. Try again in 1 minute.",
                        NextStep.Refused.Reason.TOO_MANY_CODES,
                        Duration.ofMinutes(1)),
                Arguments.of(
                        "CreateAuthChallenge failed with error Codes cannot be sent by text message right now. Try again"
                                + " later or choose another way to sign in.",
                        NextStep.Refused.Reason.SMS_UNAVAILABLE,
                        null),
                Arguments.of(
                        "CreateAuthChallenge failed with error We could not send your code just now. Try again in a"
                                + " minute.",
                        NextStep.Refused.Reason.SENDER_UNAVAILABLE,
                        Duration.ofMinutes(1)),
                Arguments.of(
                        "CreateAuthChallenge failed with error We could not send a code to this address.",
                        NextStep.Refused.Reason.UNDELIVERABLE,
                        null));
    }

    @ParameterizedTest
    @MethodSource
    void start_abuseControlRefusal_becomesRefusedWithReasonAndWait(
            String message, NextStep.Refused.Reason reason, Duration retryAfter) {
        fake.error("UserLambdaValidationException", message);

        NextStep next = client.start("alice");

        assertThat(next).isEqualTo(new NextStep.Refused(reason, retryAfter, "UserLambdaValidationException", message));
    }

    @Test
    void start_triggerError_namesTheTrigger() {
        fake.error("UserLambdaValidationException", "DefineAuthChallenge failed with error bad policy.");

        NextStep next = client.start("alice");

        assertThat(next)
                .isEqualTo(new NextStep.TriggerError(
                        "UserLambdaValidationException",
                        "DefineAuthChallenge",
                        "DefineAuthChallenge failed with error bad policy."));
    }

    @Test
    void start_clientSecret_sendsSecretHashOfUsernameAndClientId() throws IOException {
        try (FakeCognito withSecret = new FakeCognito();
                SignInClient secretClient = clientFor(withSecret.endpoint(), "s3cr3t")) {
            withSecret.reply(EMAIL_CODE_CHALLENGE).reply(TOKENS);

            NextStep.Challenge c = (NextStep.Challenge) secretClient.start("alice");
            secretClient.answer(c, "123456");

            assertThat(withSecret
                            .requests()
                            .get(0)
                            .body()
                            .get("AuthParameters")
                            .get("SECRET_HASH")
                            .asText())
                    .isEqualTo(SignInClient.secretHash("s3cr3t", "alice", CLIENT_ID));
            assertThat(withSecret
                            .requests()
                            .get(1)
                            .body()
                            .get("ChallengeResponses")
                            .get("SECRET_HASH")
                            .asText())
                    .isEqualTo(SignInClient.secretHash("s3cr3t", "alice-id", CLIENT_ID));
        }
    }

    @Test
    void secretHash_knownInputs_matchesHmacSha256Base64() {
        assertThat(SignInClient.secretHash("key", "user", "client"))
                .isEqualTo("YwFvZ4loYJ8AoBhNXIih/Y38DF2IP6/Lq768LwhOvJ0=");
    }

    @Test
    void start_customWithSrp_provesPasswordThenReturnsCustomChallenge() {
        SrpVerifier verifier = SrpVerifier.create(POOL_ID, "alice-id", "Pa55word!");
        AtomicReference<SrpServer> server = new AtomicReference<>();
        fake.replyWith(request -> {
                    String srpA = request.get("AuthParameters").get("SRP_A").asText();
                    server.set(SrpServer.create(POOL_ID, "alice-id", verifier, srpA));
                    return passwordVerifier(server.get());
                })
                .replyWith(request -> {
                    JsonNode r = request.get("ChallengeResponses");
                    if (!server.get()
                            .verify(
                                    r.get("PASSWORD_CLAIM_SECRET_BLOCK").asText(),
                                    r.get("TIMESTAMP").asText(),
                                    r.get("PASSWORD_CLAIM_SIGNATURE").asText())) {
                        throw new IllegalStateException("Incorrect username or password.");
                    }
                    return EMAIL_CODE_CHALLENGE;
                });

        NextStep next = client.start(SignInFlow.CUSTOM_WITH_SRP, "alice", "Pa55word!");

        assertThat(next).isInstanceOf(NextStep.Challenge.class);
        assertThat(fake.requests()
                        .get(0)
                        .body()
                        .get("AuthParameters")
                        .get("CHALLENGE_NAME")
                        .asText())
                .isEqualTo("SRP_A");
        assertThat(fake.requests().get(1).body().get("ChallengeName").asText()).isEqualTo("PASSWORD_VERIFIER");
        assertThat(fake.requests()
                        .get(1)
                        .body()
                        .get("ChallengeResponses")
                        .get("USERNAME")
                        .asText())
                .isEqualTo("alice-id");
    }

    @Test
    void start_userSrpAuthWrongPassword_fails() {
        SrpVerifier verifier = SrpVerifier.create(POOL_ID, "alice-id", "Pa55word!");
        AtomicReference<SrpServer> server = new AtomicReference<>();
        fake.replyWith(request -> {
                    server.set(SrpServer.create(
                            POOL_ID,
                            "alice-id",
                            verifier,
                            request.get("AuthParameters").get("SRP_A").asText()));
                    return passwordVerifier(server.get());
                })
                .replyWith(request -> {
                    JsonNode r = request.get("ChallengeResponses");
                    if (!server.get()
                            .verify(
                                    r.get("PASSWORD_CLAIM_SECRET_BLOCK").asText(),
                                    r.get("TIMESTAMP").asText(),
                                    r.get("PASSWORD_CLAIM_SIGNATURE").asText())) {
                        throw new IllegalStateException("Incorrect username or password.");
                    }
                    return TOKENS;
                });

        NextStep next = client.start(SignInFlow.USER_SRP_AUTH, "alice", "wrong");

        assertThat(fake.requests().get(0).body().get("AuthFlow").asText()).isEqualTo("USER_SRP_AUTH");
        assertThat(next).isInstanceOf(NextStep.Failed.class);
    }

    @Test
    void start_srpFlowWithoutPassword_throws() {
        assertThatThrownBy(() -> client.start(SignInFlow.CUSTOM_WITH_SRP, "alice", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("password");
    }

    @Test
    void start_unreachableEndpoint_throwsSignInExceptionNamingIt() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        URI dead = URI.create("http://127.0.0.1:" + port);
        try (SignInClient deadClient = clientFor(dead, null)) {
            assertThatThrownBy(() -> deadClient.start("alice"))
                    .isInstanceOf(SignInException.class)
                    .hasMessageContaining("cannot reach " + dead);
        }
    }

    @Test
    void resume_savedSession_answersWithTheSameSession() {
        fake.reply(EMAIL_CODE_CHALLENGE).reply(TOKENS);
        String saved = ((NextStep.Challenge) client.start("alice")).session().save();

        NextStep.Challenge resumed = SignInClient.resume(saved);
        NextStep next = client.answer(resumed, "123456");

        assertThat(resumed.step()).isEqualTo(SignInStep.CONFIRM_SIGN_IN_WITH_EMAIL_CODE);
        assertThat(resumed.delivery().destination()).isEqualTo("a***@e***.com");
        assertThat(fake.lastRequest().body().get("Session").asText()).isEqualTo("session-1");
        assertThat(next).isInstanceOf(NextStep.Done.class);
    }

    @Test
    void resume_garbage_throwsClearMessage() {
        assertThatThrownBy(() -> SignInClient.resume("hello"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a saved Stepwise session");
    }

    @Test
    void toString_session_redactsCognitoSession() {
        SignInSession session = new SignInSession("CUSTOM_CHALLENGE", "very-secret-session", "alice", Map.of());

        assertThat(session.toString()).doesNotContain("very-secret-session");
    }

    static String passwordVerifier(SrpServer server) {
        ObjectNode response = JSON.createObjectNode();
        response.put("ChallengeName", "PASSWORD_VERIFIER");
        response.put("Session", "srp-session");
        ObjectNode p = response.putObject("ChallengeParameters");
        p.put("SRP_B", server.challenge().srpB());
        p.put("SALT", server.challenge().salt());
        p.put("SECRET_BLOCK", server.challenge().secretBlock());
        p.put("USER_ID_FOR_SRP", server.challenge().userIdForSrp());
        p.put("USERNAME", "alice-id");
        return response.toString();
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
