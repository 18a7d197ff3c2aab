package dev.stepwise.harness.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostAuthenticationEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreAuthenticationEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LambdaConfigType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PreTokenGenerationLambdaVersionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PreTokenGenerationVersionConfigType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PreventUserExistenceErrorTypes;

class SignInTriggersTest {

    private static final String ARN = EmulatorFixture.ARN;
    private static EmulatorFixture fixture;
    private static String v1Pool;
    private static String v1Client;
    private static String v2Pool;
    private static String v2Client;

    @BeforeAll
    static void start() {
        // Built by hand: the token triggers are registered under function names of their own.
        CognitoEmulator.Builder builder = CognitoEmulator.builder()
                .function("pre-auth", TokenTriggers.PreAuthentication.class.getName(), Map.of())
                .function("post-auth", TokenTriggers.PostAuthentication.class.getName(), Map.of())
                .function("pre-token-v1", TokenTriggers.PreTokenV1.class.getName(), Map.of())
                .function("pre-token-v2", TokenTriggers.PreTokenV2.class.getName(), Map.of());
        fixture = new EmulatorFixture(builder);
        v1Pool = pool(LambdaConfigType.builder()
                .defineAuthChallenge(ARN + "define-normal")
                .createAuthChallenge(ARN + "create-normal")
                .verifyAuthChallengeResponse(ARN + "verify-normal")
                .preAuthentication(ARN + "pre-auth")
                .postAuthentication(ARN + "post-auth")
                .preTokenGeneration(ARN + "pre-token-v1")
                .build());
        v1Client = client(v1Pool);
        v2Pool = pool(LambdaConfigType.builder()
                .preTokenGenerationConfig(PreTokenGenerationVersionConfigType.builder()
                        .lambdaArn(ARN + "pre-token-v2")
                        .lambdaVersion(PreTokenGenerationLambdaVersionType.V2_0)
                        .build())
                .build());
        v2Client = client(v2Pool);
        user(v1Pool, "alice", Map.of());
        user(v1Pool, "paused", Map.of());
        user(v1Pool, "audited", Map.of("custom:post", "fail"));
        user(v1Pool, "tokenless", Map.of("custom:token", "fail"));
        user(v1Pool, "grouped", Map.of());
        user(v1Pool, "overridden", Map.of());
        user(v2Pool, "bob", Map.of("phone_number", "+15555550123"));
        fixture.cognito.createGroup(
                r -> r.userPoolId(v1Pool).groupName("readers").precedence(5));
        fixture.cognito.createGroup(
                r -> r.userPoolId(v1Pool).groupName("admins").precedence(1));
        fixture.cognito.createGroup(r -> r.userPoolId(v1Pool).groupName("override-me"));
        for (String group : List.of("readers", "admins")) {
            fixture.cognito.adminAddUserToGroup(
                    r -> r.userPoolId(v1Pool).username("grouped").groupName(group));
        }
        fixture.cognito.adminAddUserToGroup(
                r -> r.userPoolId(v1Pool).username("overridden").groupName("override-me"));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static String pool(LambdaConfigType lambda) {
        return fixture.cognito
                .createUserPool(r -> r.poolName("triggers")
                        .lambdaConfig(lambda)
                        .schema(s -> s.name("post").attributeDataType("String"), s -> s.name("token")
                                .attributeDataType("String")))
                .userPool()
                .id();
    }

    private static String client(String poolId) {
        return fixture.cognito
                .createUserPoolClient(r -> r.userPoolId(poolId)
                        .clientName("triggers")
                        .explicitAuthFlows(
                                ExplicitAuthFlowsType.ALLOW_CUSTOM_AUTH,
                                ExplicitAuthFlowsType.ALLOW_ADMIN_USER_PASSWORD_AUTH,
                                ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)
                        .preventUserExistenceErrors(PreventUserExistenceErrorTypes.ENABLED))
                .userPoolClient()
                .clientId();
    }

    private static void user(String poolId, String username, Map<String, String> extra) {
        List<AttributeType> attributes = new java.util.ArrayList<>(List.of(
                AttributeType.builder()
                        .name("email")
                        .value(username + "@example.com")
                        .build(),
                AttributeType.builder().name("email_verified").value("true").build()));
        extra.forEach((name, value) ->
                attributes.add(AttributeType.builder().name(name).value(value).build()));
        fixture.cognito.adminCreateUser(r -> r.userPoolId(poolId)
                .username(username)
                .messageAction(MessageActionType.SUPPRESS)
                .userAttributes(attributes));
        fixture.cognito.adminSetUserPassword(r -> r.userPoolId(poolId)
                .username(username)
                .password(EmulatorFixture.PASSWORD)
                .permanent(true));
    }

    private static AuthenticationResultType passwordSignIn(String poolId, String clientId, String username) {
        return fixture.cognito
                .adminInitiateAuth(r -> r.userPoolId(poolId)
                        .clientId(clientId)
                        .authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH)
                        .authParameters(Map.of("USERNAME", username, "PASSWORD", EmulatorFixture.PASSWORD)))
                .authenticationResult();
    }

    private static JWTClaimsSet claims(String token) throws Exception {
        return SignedJWT.parse(token).getJWTClaimsSet();
    }

    private static String errorCode(Throwable e) {
        return ((CognitoIdentityProviderException) e).awsErrorDetails().errorCode();
    }

    private static String errorMessage(Throwable e) {
        return ((CognitoIdentityProviderException) e).awsErrorDetails().errorMessage();
    }

    @Test
    void customAuth_runsPreAuthenticationAtInitiateAndPostAuthenticationThenPreTokenAtTheLastAnswer() throws Exception {
        int before = TokenTriggers.EVENTS.size();
        InitiateAuthResponse challenge = fixture.cognito.initiateAuth(r -> r.clientId(v1Client)
                .authFlow(AuthFlowType.CUSTOM_AUTH)
                .authParameters(Map.of("USERNAME", "alice"))
                .clientMetadata(Map.of("device", "kiosk-7")));
        List<Object> atInitiate = List.copyOf(TokenTriggers.EVENTS).subList(before, TokenTriggers.EVENTS.size());
        AuthenticationResultType tokens = fixture.cognito
                .respondToAuthChallenge(r -> r.clientId(v1Client)
                        .challengeName(ChallengeNameType.CUSTOM_CHALLENGE)
                        .session(challenge.session())
                        .challengeResponses(Map.of("USERNAME", "alice", "ANSWER", "answer-alice"))
                        .clientMetadata(Map.of("screen", "otp")))
                .authenticationResult();
        List<Object> all = List.copyOf(TokenTriggers.EVENTS).subList(before, TokenTriggers.EVENTS.size());

        assertThat(atInitiate).hasSize(1).first().isInstanceOf(CognitoUserPoolPreAuthenticationEvent.class);
        CognitoUserPoolPreAuthenticationEvent pre = (CognitoUserPoolPreAuthenticationEvent) atInitiate.get(0);
        assertThat(pre.getTriggerSource()).isEqualTo("PreAuthentication_Authentication");
        assertThat(pre.getRequest().getValidationData()).containsEntry("device", "kiosk-7");
        assertThat(pre.getRequest().getUserAttributes()).containsEntry("email", "alice@example.com");
        assertThat(pre.getCallerContext().getClientId()).isEqualTo(v1Client);
        assertThat(all).hasSize(3);
        CognitoUserPoolPostAuthenticationEvent post = (CognitoUserPoolPostAuthenticationEvent) all.get(1);
        assertThat(post.getTriggerSource()).isEqualTo("PostAuthentication_Authentication");
        assertThat(post.getRequest().getClientMetadata()).containsEntry("screen", "otp");
        assertThat(post.getRequest().getNewDeviceUsed()).isFalse();
        CognitoUserPoolPreTokenGenerationEvent token = (CognitoUserPoolPreTokenGenerationEvent) all.get(2);
        assertThat(token.getTriggerSource()).isEqualTo("TokenGeneration_Authentication");
        assertThat(token.getVersion()).isEqualTo("1");
        assertThat(token.getRequest().getClientMetadata()).containsEntry("screen", "otp");
        assertThat(claims(tokens.idToken()).getClaim("tenant")).isEqualTo("acme");
        assertThat(fixture.log).anyMatch(line -> line.contains("post authentication for alice"));
    }

    @Test
    void preAuthentication_handlerError_failsTheStartWithItsMessageAndRunsNoChallenge() {
        int defines = ScriptedTriggers.events("DefineAuthChallenge_Authentication", v1Pool)
                .size();

        assertThatThrownBy(() -> fixture.cognito.initiateAuth(r -> r.clientId(v1Client)
                        .authFlow(AuthFlowType.CUSTOM_AUTH)
                        .authParameters(Map.of("USERNAME", "paused"))
                        .clientMetadata(Map.of("block", "yes"))))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("UserLambdaValidationException"))
                .satisfies(e -> assertThat(errorMessage(e))
                        .isEqualTo("PreAuthentication failed with error This account is paused."));
        assertThat(ScriptedTriggers.events("DefineAuthChallenge_Authentication", v1Pool))
                .hasSize(defines);
    }

    @Test
    void preAuthentication_unknownUser_isNotRun() {
        int before = TokenTriggers.events(CognitoUserPoolPreAuthenticationEvent.class)
                .size();

        InitiateAuthResponse challenge = fixture.cognito.initiateAuth(r ->
                r.clientId(v1Client).authFlow(AuthFlowType.CUSTOM_AUTH).authParameters(Map.of("USERNAME", "nobody")));

        assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.CUSTOM_CHALLENGE);
        assertThat(TokenTriggers.events(CognitoUserPoolPreAuthenticationEvent.class))
                .hasSize(before);
    }

    @Test
    void postAuthentication_handlerError_returnsNoTokens() {
        assertThatThrownBy(() -> passwordSignIn(v1Pool, v1Client, "audited"))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("UserLambdaValidationException"))
                .satisfies(e -> assertThat(errorMessage(e))
                        .isEqualTo("PostAuthentication failed with error audit store unavailable."));
    }

    @Test
    void preTokenGeneration_handlerError_returnsNoTokens() {
        assertThatThrownBy(() -> passwordSignIn(v1Pool, v1Client, "tokenless"))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("UserLambdaValidationException"))
                .satisfies(e -> assertThat(errorMessage(e))
                        .isEqualTo("PreTokenGeneration failed with error claims service down."));
    }

    @Test
    void preTokenGenerationV1_addsAndSuppressesIdTokenClaimsOnly_andCannotChangeSub() throws Exception {
        AuthenticationResultType tokens = passwordSignIn(v1Pool, v1Client, "alice");
        JWTClaimsSet id = claims(tokens.idToken());
        JWTClaimsSet access = claims(tokens.accessToken());
        String sub = fixture.cognito.adminGetUser(r -> r.userPoolId(v1Pool).username("alice")).userAttributes().stream()
                .filter(a -> a.name().equals("sub"))
                .findFirst()
                .orElseThrow()
                .value();

        assertThat(id.getClaim("tenant")).isEqualTo("acme");
        assertThat(id.getClaims()).doesNotContainKey("email").containsKey("email_verified");
        assertThat(id.getSubject()).isEqualTo(sub);
        assertThat(access.getClaims()).doesNotContainKey("tenant");
        assertThat(id.getClaims()).doesNotContainKey("cognito:groups");
    }

    @Test
    void groups_appearAsCognitoGroupsInBothTokens_byPrecedence_andInTheEvent() throws Exception {
        AuthenticationResultType tokens = passwordSignIn(v1Pool, v1Client, "grouped");
        CognitoUserPoolPreTokenGenerationEvent event =
                TokenTriggers.events(CognitoUserPoolPreTokenGenerationEvent.class).stream()
                        .filter(e -> e.getUserName().equals("grouped"))
                        .reduce((a, b) -> b)
                        .orElseThrow();

        assertThat(claims(tokens.idToken()).getStringListClaim("cognito:groups"))
                .containsExactly("admins", "readers");
        assertThat(claims(tokens.accessToken()).getStringListClaim("cognito:groups"))
                .containsExactly("admins", "readers");
        assertThat(event.getRequest().getGroupConfiguration().getGroupsToOverride())
                .containsExactly("admins", "readers");
    }

    @Test
    void preTokenGenerationV1_groupOverride_replacesCognitoGroupsInBothTokens() throws Exception {
        AuthenticationResultType tokens = passwordSignIn(v1Pool, v1Client, "overridden");

        assertThat(claims(tokens.idToken()).getStringListClaim("cognito:groups"))
                .containsExactly("from-trigger");
        assertThat(claims(tokens.accessToken()).getStringListClaim("cognito:groups"))
                .containsExactly("from-trigger");
    }

    @Test
    void preTokenGeneration_refresh_runsWithRefreshTokensSourceAndKeepsItsClaims() throws Exception {
        AuthenticationResultType first = passwordSignIn(v1Pool, v1Client, "alice");
        AuthenticationResultType refreshed = fixture.cognito
                .initiateAuth(r -> r.clientId(v1Client)
                        .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                        .authParameters(Map.of("REFRESH_TOKEN", first.refreshToken())))
                .authenticationResult();
        CognitoUserPoolPreTokenGenerationEvent last =
                TokenTriggers.events(CognitoUserPoolPreTokenGenerationEvent.class).stream()
                        .reduce((a, b) -> b)
                        .orElseThrow();

        assertThat(last.getTriggerSource()).isEqualTo("TokenGeneration_RefreshTokens");
        assertThat(claims(refreshed.idToken()).getClaim("tenant")).isEqualTo("acme");
        assertThat(claims(refreshed.idToken()).getClaims()).doesNotContainKey("email");
    }

    @Test
    void preTokenGenerationV2_changesBothTokensAndScopes_andVerifiesWithAwsJwtVerify() throws Exception {
        AuthenticationResultType tokens = passwordSignIn(v2Pool, v2Client, "bob");
        CognitoUserPoolPreTokenGenerationEventV2 event =
                TokenTriggers.events(CognitoUserPoolPreTokenGenerationEventV2.class).stream()
                        .reduce((a, b) -> b)
                        .orElseThrow();

        assertThat(event.getVersion()).isEqualTo("2");
        assertThat(event.getRequest().getScopes()).containsExactly("aws.cognito.signin.user.admin");
        JWTClaimsSet id = claims(tokens.idToken());
        JWTClaimsSet access = claims(tokens.accessToken());
        assertThat(id.getClaim("plan")).isEqualTo("gold");
        assertThat(id.getClaims()).doesNotContainKey("phone_number").containsKey("email");
        assertThat(access.getClaim("tenant")).isEqualTo("acme");
        assertThat(access.getStringClaim("scope").split(" "))
                .containsExactlyInAnyOrder("aws.cognito.signin.user.admin", "orders/read");

        RealClientsTest.requireTool("node");
        RealClientsTest.Result verified = RealClientsTest.run(
                List.of("node", "verify-tokens.mjs"),
                Map.of(
                        "ENDPOINT", fixture.emulator.endpoint().toString(),
                        "POOL_ID", v2Pool,
                        "CLIENT_ID", v2Client,
                        "ID_TOKEN", tokens.idToken(),
                        "ACCESS_TOKEN", tokens.accessToken()),
                RealClientsTest.NODE_DIR);
        assertThat(verified.exitCode()).as(verified.stderr()).isZero();
        JsonNode payloads = new ObjectMapper().readTree(verified.stdout().strip());
        assertThat(payloads.path("id").path("plan").asText()).isEqualTo("gold");
        assertThat(payloads.path("id").has("phone_number")).isFalse();
        assertThat(payloads.path("access").path("tenant").asText()).isEqualTo("acme");
        assertThat(payloads.path("access").path("scope").asText()).contains("orders/read");
    }
}
