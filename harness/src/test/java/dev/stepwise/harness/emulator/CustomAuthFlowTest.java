package dev.stepwise.harness.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepwise.harness.junit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;

class CustomAuthFlowTest {

    private static final TestClock CLOCK = TestClock.at(Instant.parse("2026-11-22T03:00:00Z"));
    private static EmulatorFixture fixture;
    private static String poolId;
    private static String clientId;

    @BeforeAll
    static void start() {
        fixture = new EmulatorFixture(CognitoEmulator.builder().clock(CLOCK));
        poolId = fixture.pool();
        clientId = fixture.client(poolId, false);
        fixture.user(poolId, "alice");
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static InitiateAuthResponse initiate(String client, String username) {
        return fixture.cognito.initiateAuth(r ->
                r.clientId(client).authFlow(AuthFlowType.CUSTOM_AUTH).authParameters(Map.of("USERNAME", username)));
    }

    private static RespondToAuthChallengeResponse answer(String client, String session, String username, String a) {
        return fixture.cognito.respondToAuthChallenge(r -> r.clientId(client)
                .challengeName(ChallengeNameType.CUSTOM_CHALLENGE)
                .session(session)
                .challengeResponses(Map.of("USERNAME", username, "ANSWER", a)));
    }

    private static String errorCode(Throwable e) {
        return ((CognitoIdentityProviderException) e).awsErrorDetails().errorCode();
    }

    private static String errorMessage(Throwable e) {
        return ((CognitoIdentityProviderException) e).awsErrorDetails().errorMessage();
    }

    @Test
    void initiateAuth_customAuth_returnsChallengeWithUsernameAndSession() {
        InitiateAuthResponse started = initiate(clientId, "alice");

        assertThat(started.challengeName()).isEqualTo(ChallengeNameType.CUSTOM_CHALLENGE);
        assertThat(started.challengeParameters())
                .containsEntry("USERNAME", "alice")
                .containsEntry("hint", "round 0");
        assertThat(started.session()).hasSizeBetween(20, 2048);
    }

    @Test
    void respondToAuthChallenge_correctAnswer_issuesTokens() {
        InitiateAuthResponse started = initiate(clientId, "alice");

        RespondToAuthChallengeResponse done = answer(clientId, started.session(), "alice", "answer-alice");

        assertThat(done.authenticationResult().idToken()).isNotBlank();
        assertThat(done.authenticationResult().accessToken()).isNotBlank();
        assertThat(done.authenticationResult().refreshToken()).isNotBlank();
        assertThat(done.authenticationResult().tokenType()).isEqualTo("Bearer");
        assertThat(done.authenticationResult().expiresIn()).isEqualTo(3600);
        assertThat(done.challengeParameters()).isEmpty();
    }

    @Test
    void respondToAuthChallenge_wrongAnswer_returnsNewSessionAndOneMergedRound() {
        String pool = fixture.pool();
        String client = fixture.client(pool, false);
        fixture.user(pool, "bob");
        InitiateAuthResponse started = initiate(client, "bob");

        RespondToAuthChallengeResponse retry = answer(client, started.session(), "bob", "wrong");
        answer(client, retry.session(), "bob", "answer-bob");

        assertThat(retry.challengeName()).isEqualTo(ChallengeNameType.CUSTOM_CHALLENGE);
        assertThat(retry.session()).isNotEqualTo(started.session());
        List<Map<String, Object>> defines = ScriptedTriggers.events("DefineAuthChallenge_Authentication", pool);
        assertThat(defines).hasSize(3);
        assertThat(ScriptedTriggers.section(defines.get(0), "request").get("session"))
                .isEqualTo(List.of());
        assertThat(ScriptedTriggers.section(defines.get(1), "request").get("session"))
                .isEqualTo(List.of(Map.of(
                        "challengeName",
                        "CUSTOM_CHALLENGE",
                        "challengeResult",
                        false,
                        "challengeMetadata",
                        "round-0")));
        assertThat((List<?>) ScriptedTriggers.section(defines.get(2), "request").get("session"))
                .hasSize(2);
    }

    @Test
    void respondToAuthChallenge_threeWrongAnswers_failsWithIncorrectUsernameOrPassword() {
        InitiateAuthResponse started = initiate(clientId, "alice");
        String session = answer(clientId, started.session(), "alice", "x").session();
        String last = answer(clientId, session, "alice", "y").session();

        assertThatThrownBy(() -> answer(clientId, last, "alice", "z"))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("NotAuthorizedException"))
                .satisfies(e -> assertThat(errorMessage(e)).isEqualTo("Incorrect username or password."));
    }

    @Test
    void respondToAuthChallenge_reusedSession_isInvalidSession() {
        InitiateAuthResponse started = initiate(clientId, "alice");
        answer(clientId, started.session(), "alice", "wrong");

        assertThatThrownBy(() -> answer(clientId, started.session(), "alice", "answer-alice"))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("NotAuthorizedException"))
                .satisfies(e -> assertThat(errorMessage(e)).isEqualTo("Invalid session for the user."));
    }

    @Test
    void respondToAuthChallenge_afterAuthSessionValidity_isExpiredSession() {
        InitiateAuthResponse started = initiate(clientId, "alice");
        CLOCK.advance(Duration.ofMinutes(3).plusSeconds(1));

        assertThatThrownBy(() -> answer(clientId, started.session(), "alice", "answer-alice"))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("NotAuthorizedException"))
                .satisfies(e ->
                        assertThat(errorMessage(e)).isEqualTo("Invalid session for the user, session is expired."));
    }

    @Test
    void respondToAuthChallenge_withinCustomAuthSessionValidity_succeeds() {
        String client = fixture.cognito
                .createUserPoolClient(r -> r.userPoolId(poolId)
                        .clientName("long")
                        .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_CUSTOM_AUTH)
                        .authSessionValidity(15))
                .userPoolClient()
                .clientId();
        InitiateAuthResponse started = initiate(client, "alice");
        CLOCK.advance(Duration.ofMinutes(14));

        assertThat(answer(client, started.session(), "alice", "answer-alice").authenticationResult())
                .isNotNull();
    }

    @Test
    void respondToAuthChallenge_garbageSession_isInvalidSession() {
        assertThatThrownBy(() -> answer(clientId, "A".repeat(100), "alice", "x"))
                .satisfies(e -> assertThat(errorMessage(e)).isEqualTo("Invalid session for the user."));
    }

    @Test
    void respondToAuthChallenge_sessionOfAnotherUser_isInvalidSession() {
        fixture.user(poolId, "carol");
        InitiateAuthResponse started = initiate(clientId, "alice");

        assertThatThrownBy(() -> answer(clientId, started.session(), "carol", "answer-alice"))
                .satisfies(e -> assertThat(errorMessage(e)).isEqualTo("Invalid session for the user."));
    }

    @Test
    void triggers_events_haveCognitoEnvelopeAndNullResponses() {
        String pool = fixture.pool();
        String client = fixture.client(pool, false);
        fixture.user(pool, "dave");
        answer(client, initiate(client, "dave").session(), "dave", "answer-dave");

        Map<String, Object> define = ScriptedTriggers.events("DefineAuthChallenge_Authentication", pool)
                .get(0);
        Map<String, Object> create = ScriptedTriggers.events("CreateAuthChallenge_Authentication", pool)
                .get(0);
        Map<String, Object> verify = ScriptedTriggers.events("VerifyAuthChallengeResponse_Authentication", pool)
                .get(0);
        assertThat(define)
                .containsEntry("version", "1")
                .containsEntry("region", "us-east-1")
                .containsEntry("userPoolId", pool)
                .containsEntry("userName", "dave");
        assertThat(ScriptedTriggers.section(define, "callerContext"))
                .containsEntry("clientId", client)
                .containsKey("awsSdkVersion");
        assertThat(ScriptedTriggers.section(define, "response"))
                .containsOnlyKeys("challengeName", "issueTokens", "failAuthentication")
                .containsValues((Object) null);
        Map<String, Object> request = ScriptedTriggers.section(define, "request");
        assertThat(request).doesNotContainKeys("clientMetadata", "userNotFound");
        assertThat(ScriptedTriggers.section(request, "userAttributes"))
                .containsEntry("cognito:user_status", "CONFIRMED")
                .containsEntry("email", "dave@example.com")
                .containsKey("sub");
        assertThat(ScriptedTriggers.section(create, "request"))
                .containsEntry("challengeName", "CUSTOM_CHALLENGE")
                .containsEntry("session", List.of());
        assertThat(ScriptedTriggers.section(create, "response"))
                .containsOnlyKeys("publicChallengeParameters", "privateChallengeParameters", "challengeMetadata");
        assertThat(ScriptedTriggers.section(verify, "request"))
                .containsEntry("challengeAnswer", "answer-dave")
                .containsEntry("privateChallengeParameters", Map.of("answer", "answer-dave"))
                .doesNotContainKeys("session", "challengeName");
        assertThat(ScriptedTriggers.section(verify, "response")).containsOnlyKeys("answerCorrect");
    }

    @Test
    void initiateAuth_clientMetadata_isNotPassedButRespondClientMetadataIs() {
        String pool = fixture.pool();
        String client = fixture.client(pool, false);
        fixture.user(pool, "erin");
        InitiateAuthResponse started = fixture.cognito.initiateAuth(r -> r.clientId(client)
                .authFlow(AuthFlowType.CUSTOM_AUTH)
                .authParameters(Map.of("USERNAME", "erin"))
                .clientMetadata(Map.of("from", "initiate")));
        fixture.cognito.respondToAuthChallenge(r -> r.clientId(client)
                .challengeName(ChallengeNameType.CUSTOM_CHALLENGE)
                .session(started.session())
                .challengeResponses(Map.of("USERNAME", "erin", "ANSWER", "answer-erin"))
                .clientMetadata(Map.of("from", "respond")));

        Map<String, Object> firstDefine = ScriptedTriggers.events("DefineAuthChallenge_Authentication", pool)
                .get(0);
        Map<String, Object> verify = ScriptedTriggers.events("VerifyAuthChallengeResponse_Authentication", pool)
                .get(0);
        Map<String, Object> secondDefine = ScriptedTriggers.events("DefineAuthChallenge_Authentication", pool)
                .get(1);
        assertThat(ScriptedTriggers.section(firstDefine, "request")).doesNotContainKey("clientMetadata");
        assertThat(ScriptedTriggers.section(verify, "request"))
                .containsEntry("clientMetadata", Map.of("from", "respond"));
        assertThat(ScriptedTriggers.section(secondDefine, "request"))
                .containsEntry("clientMetadata", Map.of("from", "respond"));
    }

    @Test
    void initiateAuth_unknownUserWithLegacyErrors_isUserNotFound() {
        assertThatThrownBy(() -> initiate(clientId, "nobody"))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("UserNotFoundException"))
                .satisfies(e -> assertThat(errorMessage(e)).isEqualTo("User does not exist."));
    }

    @Test
    void initiateAuth_unknownUserWithPreventedErrors_runsTriggersWithUserNotFound() {
        String pool = fixture.pool();
        String client = fixture.client(pool, true);
        fixture.user(pool, "frank");

        InitiateAuthResponse fake = initiate(client, "nobody");
        initiate(client, "frank");

        assertThat(fake.challengeParameters()).containsEntry("USERNAME", "nobody");
        assertThatThrownBy(() -> answer(client, fake.session(), "nobody", "answer-nobody"))
                .satisfies(e -> assertThat(errorMessage(e)).isEqualTo("Incorrect username or password."));
        List<Map<String, Object>> defines = ScriptedTriggers.events("DefineAuthChallenge_Authentication", pool);
        assertThat(ScriptedTriggers.section(defines.get(0), "request"))
                .containsEntry("userNotFound", true)
                .containsEntry("userAttributes", Map.of());
        assertThat(ScriptedTriggers.section(defines.get(1), "request")).containsEntry("userNotFound", false);
    }

    @Test
    void initiateAuth_disabledUser_isNotAuthorized() {
        fixture.user(poolId, "gina");
        fixture.cognito.adminDisableUser(r -> r.userPoolId(poolId).username("gina"));

        assertThatThrownBy(() -> initiate(clientId, "gina"))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("NotAuthorizedException"))
                .satisfies(e -> assertThat(errorMessage(e)).isEqualTo("User is disabled."));
        fixture.cognito.adminEnableUser(r -> r.userPoolId(poolId).username("gina"));
        assertThat(initiate(clientId, "gina").session()).isNotBlank();
    }

    @Test
    void initiateAuth_unconfirmedUser_isUserNotConfirmed() {
        fixture.cognito.signUp(r -> r.clientId(clientId).username("hank").password(EmulatorFixture.PASSWORD));

        assertThatThrownBy(() -> initiate(clientId, "hank"))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("UserNotConfirmedException"))
                .satisfies(e -> assertThat(errorMessage(e)).isEqualTo("User is not confirmed."));
        fixture.cognito.adminConfirmSignUp(r -> r.userPoolId(poolId).username("hank"));
        assertThat(initiate(clientId, "hank").session()).isNotBlank();
    }

    @Test
    void initiateAuth_clientWithoutCustomAuth_isInvalidParameter() {
        String client = fixture.cognito
                .createUserPoolClient(r -> r.userPoolId(poolId)
                        .clientName("srp-only")
                        .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_SRP_AUTH))
                .userPoolClient()
                .clientId();

        assertThatThrownBy(() -> initiate(client, "alice"))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidParameterException"))
                .satisfies(e -> assertThat(errorMessage(e)).isEqualTo("Auth flow not enabled for this client"));
    }

    @Test
    void initiateAuth_poolWithoutDefineTrigger_isInvalidParameter() {
        String pool = fixture.pool(null, null, null);
        String client = fixture.client(pool, false);
        fixture.user(pool, "ivan");

        assertThatThrownBy(() -> initiate(client, "ivan"))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidParameterException"))
                .satisfies(e -> assertThat(errorMessage(e))
                        .isEqualTo("Custom auth lambda trigger is not configured for the user pool."));
    }

    @Test
    void initiateAuth_unknownClient_isResourceNotFound() {
        assertThatThrownBy(() -> initiate("nosuchclient", "alice"))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ResourceNotFoundException"))
                .satisfies(e -> assertThat(errorMessage(e)).isEqualTo("User pool client nosuchclient does not exist."));
    }

    @Test
    void initiateAuth_clientWithSecret_checksSecretHash() {
        var created = fixture.cognito
                .createUserPoolClient(r -> r.userPoolId(poolId)
                        .clientName("secret")
                        .generateSecret(true)
                        .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_CUSTOM_AUTH))
                .userPoolClient();
        String hash = java.util.Base64.getEncoder()
                .encodeToString(SecretHash.compute(created.clientSecret(), "alice", created.clientId()));

        assertThatThrownBy(() -> initiate(created.clientId(), "alice")).satisfies(e -> assertThat(errorMessage(e))
                .isEqualTo("Client " + created.clientId() + " is configured for secret but secret was not received"));
        assertThatThrownBy(() -> fixture.cognito.initiateAuth(r -> r.clientId(created.clientId())
                        .authFlow(AuthFlowType.CUSTOM_AUTH)
                        .authParameters(Map.of("USERNAME", "alice", "SECRET_HASH", "d3Jvbmc="))))
                .satisfies(e -> assertThat(errorMessage(e))
                        .isEqualTo("Unable to verify secret hash for client " + created.clientId()));
        assertThat(fixture.cognito
                        .initiateAuth(r -> r.clientId(created.clientId())
                                .authFlow(AuthFlowType.CUSTOM_AUTH)
                                .authParameters(Map.of("USERNAME", "alice", "SECRET_HASH", hash)))
                        .session())
                .isNotBlank();
    }

    @Test
    void initiateAuth_missingUsername_isInvalidParameter() {
        assertThatThrownBy(() ->
                        fixture.cognito.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.CUSTOM_AUTH)))
                .satisfies(e -> assertThat(errorMessage(e)).isEqualTo("Missing required parameter USERNAME"));
    }

    @Test
    void initiateAuth_emptyPrivateParameters_isIncorrectUsernameOrPassword() {
        String pool = fixture.pool("normal", "emptyPrivate", "normal");
        String client = fixture.client(pool, false);
        fixture.user(pool, "judy");

        assertThatThrownBy(() -> initiate(client, "judy"))
                .satisfies(e -> assertThat(errorMessage(e)).isEqualTo("Incorrect username or password."));
    }

    @Test
    void initiateAuth_defineIssuesTokensStraightAway_returnsTokens() {
        String pool = fixture.pool("issue", "normal", "normal");
        String client = fixture.client(pool, false);
        fixture.user(pool, "kim");

        assertThat(initiate(client, "kim").authenticationResult().idToken()).isNotBlank();
    }

    @Test
    void initiateAuth_defineFails_isIncorrectUsernameOrPassword() {
        String pool = fixture.pool("fail", "normal", "normal");
        String client = fixture.client(pool, false);
        fixture.user(pool, "leo");

        assertThatThrownBy(() -> initiate(client, "leo"))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("NotAuthorizedException"))
                .satisfies(e -> assertThat(errorMessage(e)).isEqualTo("Incorrect username or password."));
    }

    @Test
    void initiateAuth_defineAsksForUnknownChallenge_isInvalidLambdaResponse() {
        String pool = fixture.pool("bogus", "normal", "normal");
        String client = fixture.client(pool, false);
        fixture.user(pool, "mia");

        assertThatThrownBy(() -> initiate(client, "mia"))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidLambdaResponseException"))
                .satisfies(e -> assertThat(errorMessage(e)).isEqualTo("Unrecognizable lambda output"));
    }

    @Test
    void initiateAuth_undecidedDefineConfiguredToFail_isIncorrectUsernameOrPassword() {
        try (EmulatorFixture lenient =
                new EmulatorFixture(CognitoEmulator.builder().undecidedDefine(UndecidedDefine.FAIL_AUTHENTICATION))) {
            String pool = lenient.pool("bogus", "normal", "normal");
            String client = lenient.client(pool, false);
            lenient.user(pool, "mo");

            assertThatThrownBy(() -> lenient.cognito.initiateAuth(r -> r.clientId(client)
                            .authFlow(AuthFlowType.CUSTOM_AUTH)
                            .authParameters(Map.of("USERNAME", "mo"))))
                    .satisfies(e -> assertThat(errorCode(e)).isEqualTo("NotAuthorizedException"))
                    .satisfies(e -> assertThat(errorMessage(e)).isEqualTo("Incorrect username or password."));
        }
    }

    @Test
    void initiateAuth_triggerThrows_isUserLambdaValidation() {
        String pool = fixture.pool("throw", "normal", "normal");
        String client = fixture.client(pool, false);
        fixture.user(pool, "ned");

        assertThatThrownBy(() -> initiate(client, "ned"))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("UserLambdaValidationException"))
                .satisfies(e -> assertThat(errorMessage(e)).isEqualTo("DefineAuthChallenge failed with error boom."));
    }

    @Test
    void initiateAuth_malformedTriggerOutput_isInvalidLambdaResponse() {
        String pool = fixture.pool("normal", "malformed", "normal");
        String client = fixture.client(pool, false);
        fixture.user(pool, "olga");

        assertThatThrownBy(() -> initiate(client, "olga"))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("InvalidLambdaResponseException"))
                .satisfies(e -> assertThat(errorMessage(e)).isEqualTo("Unrecognizable lambda output"));
    }

    @Test
    void initiateAuth_triggerSlowerThanTimeout_isRetriedThreeTimesThenUnexpectedLambda() {
        String pool = fixture.pool("sleep1000", "normal", "normal");
        String client = fixture.client(pool, false);
        fixture.user(pool, "pat");

        assertThatThrownBy(() -> initiate(client, "pat"))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("UnexpectedLambdaException"))
                .satisfies(e -> assertThat(errorMessage(e))
                        .isEqualTo(
                                "DefineAuthChallenge invocation failed due to error Socket timeout while invoking Lambda"
                                        + " function."));
        assertThat(ScriptedTriggers.events("DefineAuthChallenge_Authentication", pool))
                .hasSize(3);
    }

    @Test
    void initiateAuth_unregisteredFunction_isUnexpectedLambda() {
        String pool = fixture.cognito
                .createUserPool(r -> r.poolName("unregistered")
                        .lambdaConfig(l -> l.defineAuthChallenge(EmulatorFixture.ARN + "no-such-function")))
                .userPool()
                .id();
        String client = fixture.client(pool, false);
        fixture.user(pool, "quinn");

        assertThatThrownBy(() -> initiate(client, "quinn"))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("UnexpectedLambdaException"))
                .satisfies(e -> assertThat(errorMessage(e))
                        .isEqualTo("DefineAuthChallenge invocation failed due to error ResourceNotFoundException."));
    }

    @Test
    void triggers_logger_writesToFunctionLog() {
        initiate(clientId, "alice");

        assertThat(fixture.log).anyMatch(line -> line.startsWith("[define-normal] invoked"));
    }

    @Test
    void adminInitiateAuth_customAuth_runsTheSameFlow() {
        var started = fixture.cognito.adminInitiateAuth(r -> r.userPoolId(poolId)
                .clientId(clientId)
                .authFlow(AuthFlowType.CUSTOM_AUTH)
                .authParameters(Map.of("USERNAME", "alice")));
        var done = fixture.cognito.adminRespondToAuthChallenge(r -> r.userPoolId(poolId)
                .clientId(clientId)
                .challengeName(ChallengeNameType.CUSTOM_CHALLENGE)
                .session(started.session())
                .challengeResponses(Map.of("USERNAME", "alice", "ANSWER", "answer-alice")));

        assertThat(done.authenticationResult().accessToken()).isNotBlank();
    }
}
