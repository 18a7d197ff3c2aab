package dev.stepwise.harness.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.stepwise.harness.srp.PasswordVerifierChallenge;
import dev.stepwise.harness.srp.SrpClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;

class SrpAndTokensTest {

    private static EmulatorFixture fixture;
    private static String poolId;
    private static String clientId;

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

    private static String errorMessage(Throwable e) {
        return ((CognitoIdentityProviderException) e).awsErrorDetails().errorMessage();
    }

    private static Map<String, String> claim(InitiateAuthResponse challenge, SrpClient srp, String password) {
        Map<String, String> responses = new HashMap<>(srp.claim(
                        PasswordVerifierChallenge.fromParameters(challenge.challengeParameters()),
                        password,
                        Instant.now())
                .challengeResponses());
        responses.put("USERNAME", challenge.challengeParameters().get("USERNAME"));
        return responses;
    }

    private static AuthenticationResultType signIn(String username) {
        InitiateAuthResponse started = fixture.cognito.initiateAuth(r ->
                r.clientId(clientId).authFlow(AuthFlowType.CUSTOM_AUTH).authParameters(Map.of("USERNAME", username)));
        return fixture.cognito
                .respondToAuthChallenge(r -> r.clientId(clientId)
                        .challengeName(ChallengeNameType.CUSTOM_CHALLENGE)
                        .session(started.session())
                        .challengeResponses(Map.of("USERNAME", username, "ANSWER", "answer-" + username)))
                .authenticationResult();
    }

    @Test
    void userSrpAuth_correctPassword_issuesTokens() {
        SrpClient srp = SrpClient.create(poolId);
        InitiateAuthResponse challenge = fixture.cognito.initiateAuth(r -> r.clientId(clientId)
                .authFlow(AuthFlowType.USER_SRP_AUTH)
                .authParameters(Map.of("USERNAME", "alice", "SRP_A", srp.srpA())));

        var done = fixture.cognito.respondToAuthChallenge(r -> r.clientId(clientId)
                .challengeName(ChallengeNameType.PASSWORD_VERIFIER)
                .session(challenge.session())
                .challengeResponses(claim(challenge, srp, EmulatorFixture.PASSWORD)));

        assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.PASSWORD_VERIFIER);
        assertThat(challenge.challengeParameters())
                .containsKeys("SALT", "SECRET_BLOCK", "SRP_B", "USERNAME", "USER_ID_FOR_SRP");
        assertThat(done.authenticationResult().idToken()).isNotBlank();
    }

    @Test
    void userSrpAuth_answerWithoutSession_isMatchedBySecretBlock() {
        SrpClient srp = SrpClient.create(poolId);
        InitiateAuthResponse challenge = fixture.cognito.initiateAuth(r -> r.clientId(clientId)
                .authFlow(AuthFlowType.USER_SRP_AUTH)
                .authParameters(Map.of("USERNAME", "alice", "SRP_A", srp.srpA())));

        var done = fixture.cognito.respondToAuthChallenge(r -> r.clientId(clientId)
                .challengeName(ChallengeNameType.PASSWORD_VERIFIER)
                .challengeResponses(claim(challenge, srp, EmulatorFixture.PASSWORD)));

        assertThat(done.authenticationResult().idToken()).isNotBlank();
    }

    @Test
    void passwordAuth_userAndAdminFlows_checkThePasswordAgainstTheVerifier() {
        String client = fixture.cognito
                .createUserPoolClient(r -> r.userPoolId(poolId)
                        .clientName("password")
                        .explicitAuthFlows(
                                software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType
                                        .ALLOW_USER_PASSWORD_AUTH,
                                software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType
                                        .ALLOW_ADMIN_USER_PASSWORD_AUTH))
                .userPoolClient()
                .clientId();

        var user = fixture.cognito.initiateAuth(r -> r.clientId(client)
                .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", "alice", "PASSWORD", EmulatorFixture.PASSWORD)));
        var admin = fixture.cognito.adminInitiateAuth(r -> r.userPoolId(poolId)
                .clientId(client)
                .authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", "alice", "PASSWORD", EmulatorFixture.PASSWORD)));

        assertThat(user.authenticationResult().idToken()).isNotBlank();
        assertThat(admin.authenticationResult().idToken()).isNotBlank();
        assertThatThrownBy(() -> fixture.cognito.initiateAuth(r -> r.clientId(client)
                        .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                        .authParameters(Map.of("USERNAME", "alice", "PASSWORD", "Wrong-passw0rd"))))
                .satisfies(e -> assertThat(errorMessage(e)).isEqualTo("Incorrect username or password."));
        assertThatThrownBy(() -> fixture.cognito.initiateAuth(r -> r.clientId(clientId)
                        .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                        .authParameters(Map.of("USERNAME", "alice", "PASSWORD", EmulatorFixture.PASSWORD))))
                .satisfies(e ->
                        assertThat(errorMessage(e)).isEqualTo("USER_PASSWORD_AUTH flow not enabled for this client"));
    }

    @Test
    void userSrpAuth_wrongPassword_isIncorrectUsernameOrPassword() {
        SrpClient srp = SrpClient.create(poolId);
        InitiateAuthResponse challenge = fixture.cognito.initiateAuth(r -> r.clientId(clientId)
                .authFlow(AuthFlowType.USER_SRP_AUTH)
                .authParameters(Map.of("USERNAME", "alice", "SRP_A", srp.srpA())));

        assertThatThrownBy(() -> fixture.cognito.respondToAuthChallenge(r -> r.clientId(clientId)
                        .challengeName(ChallengeNameType.PASSWORD_VERIFIER)
                        .session(challenge.session())
                        .challengeResponses(claim(challenge, srp, "Wrong-passw0rd"))))
                .satisfies(e -> assertThat(errorMessage(e)).isEqualTo("Incorrect username or password."));
    }

    @Test
    void customAuthWithSrpA_correctPassword_definesSeesSrpThenPasswordVerifier() {
        String pool = fixture.pool();
        String client = fixture.client(pool, false);
        fixture.user(pool, "bob");
        SrpClient srp = SrpClient.create(pool);
        InitiateAuthResponse challenge = fixture.cognito.initiateAuth(r -> r.clientId(client)
                .authFlow(AuthFlowType.CUSTOM_AUTH)
                .authParameters(Map.of("USERNAME", "bob", "CHALLENGE_NAME", "SRP_A", "SRP_A", srp.srpA())));

        var custom = fixture.cognito.respondToAuthChallenge(r -> r.clientId(client)
                .challengeName(ChallengeNameType.PASSWORD_VERIFIER)
                .session(challenge.session())
                .challengeResponses(claim(challenge, srp, EmulatorFixture.PASSWORD)));
        var done = fixture.cognito.respondToAuthChallenge(r -> r.clientId(client)
                .challengeName(ChallengeNameType.CUSTOM_CHALLENGE)
                .session(custom.session())
                .challengeResponses(Map.of("USERNAME", "bob", "ANSWER", "answer-bob")));

        assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.PASSWORD_VERIFIER);
        assertThat(custom.challengeName()).isEqualTo(ChallengeNameType.CUSTOM_CHALLENGE);
        assertThat(done.authenticationResult().accessToken()).isNotBlank();
        var creates = ScriptedTriggers.events("CreateAuthChallenge_Authentication", pool);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> session = (List<Map<String, Object>>)
                ScriptedTriggers.section(creates.get(0), "request").get("session");
        assertThat(session)
                .extracting(m -> m.get("challengeName"), m -> m.get("challengeResult"), m -> m.get("challengeMetadata"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("SRP_A", true, null),
                        org.assertj.core.groups.Tuple.tuple("PASSWORD_VERIFIER", true, null));
    }

    @Test
    void customAuthWithSrpA_wrongPassword_failsWithoutAskingDefine() {
        String pool = fixture.pool();
        String client = fixture.client(pool, false);
        fixture.user(pool, "carl");
        SrpClient srp = SrpClient.create(pool);
        InitiateAuthResponse challenge = fixture.cognito.initiateAuth(r -> r.clientId(client)
                .authFlow(AuthFlowType.CUSTOM_AUTH)
                .authParameters(Map.of("USERNAME", "carl", "CHALLENGE_NAME", "SRP_A", "SRP_A", srp.srpA())));

        assertThatThrownBy(() -> fixture.cognito.respondToAuthChallenge(r -> r.clientId(client)
                        .challengeName(ChallengeNameType.PASSWORD_VERIFIER)
                        .session(challenge.session())
                        .challengeResponses(claim(challenge, srp, "Wrong-passw0rd"))))
                .satisfies(e -> assertThat(errorMessage(e)).isEqualTo("Incorrect username or password."));
        assertThat(ScriptedTriggers.events("DefineAuthChallenge_Authentication", pool))
                .hasSize(1);
    }

    @Test
    void tokens_verifyAgainstJwksWithCognitoClaims() throws Exception {
        AuthenticationResultType tokens = signIn("alice");
        String jwks = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        fixture.emulator.endpoint() + "/" + poolId + "/.well-known/jwks.json"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        RSAKey key = JWKSet.parse(jwks).getKeys().get(0).toRSAKey();

        SignedJWT id = SignedJWT.parse(tokens.idToken());
        SignedJWT access = SignedJWT.parse(tokens.accessToken());

        assertThat(id.verify(new RSASSAVerifier(key))).isTrue();
        assertThat(access.verify(new RSASSAVerifier(key))).isTrue();
        assertThat(id.getHeader().getKeyID()).isEqualTo(key.getKeyID());
        JWTClaimsSet idClaims = id.getJWTClaimsSet();
        JWTClaimsSet accessClaims = access.getJWTClaimsSet();
        assertThat(idClaims.getIssuer()).isEqualTo(fixture.emulator.endpoint() + "/" + poolId);
        assertThat(idClaims.getAudience()).containsExactly(clientId);
        assertThat(idClaims.getClaims())
                .containsEntry("token_use", "id")
                .containsEntry("cognito:username", "alice")
                .containsEntry("email", "alice@example.com")
                .containsEntry("email_verified", true)
                .containsKeys("sub", "auth_time", "exp", "iat", "jti", "origin_jti", "event_id");
        assertThat(accessClaims.getClaims())
                .containsEntry("token_use", "access")
                .containsEntry("client_id", clientId)
                .containsEntry("username", "alice")
                .containsEntry("scope", "aws.cognito.signin.user.admin")
                .containsKeys("sub", "auth_time", "exp", "iat", "jti", "origin_jti", "event_id");
        assertThat(accessClaims.getClaim("origin_jti")).isEqualTo(idClaims.getClaim("origin_jti"));
    }

    @Test
    void getUser_validAccessToken_returnsUser() {
        AuthenticationResultType tokens = signIn("alice");

        var user = fixture.cognito.getUser(r -> r.accessToken(tokens.accessToken()));

        assertThat(user.username()).isEqualTo("alice");
        assertThat(user.userAttributes()).anyMatch(a -> a.name().equals("email"));
    }

    @Test
    void refreshTokenAuth_validToken_issuesNewTokensWithoutRefreshToken() {
        AuthenticationResultType tokens = signIn("alice");

        var refreshed = fixture.cognito.initiateAuth(r -> r.clientId(clientId)
                .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .authParameters(Map.of("REFRESH_TOKEN", tokens.refreshToken())));

        assertThat(refreshed.authenticationResult().accessToken()).isNotBlank();
        assertThat(refreshed.authenticationResult().refreshToken()).isNull();
    }

    @Test
    void revokeToken_refreshToken_stopsRefreshAndAccessToken() {
        AuthenticationResultType tokens = signIn("alice");

        fixture.cognito.revokeToken(r -> r.clientId(clientId).token(tokens.refreshToken()));

        assertThatThrownBy(() -> fixture.cognito.initiateAuth(r -> r.clientId(clientId)
                        .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                        .authParameters(Map.of("REFRESH_TOKEN", tokens.refreshToken()))))
                .satisfies(e -> assertThat(errorMessage(e)).isEqualTo("Refresh Token has been revoked"));
        assertThatThrownBy(() -> fixture.cognito.getUser(r -> r.accessToken(tokens.accessToken())))
                .satisfies(e -> assertThat(errorMessage(e)).isEqualTo("Access Token has been revoked"));
    }

    @Test
    void globalSignOut_accessToken_revokesEverySignIn() {
        AuthenticationResultType first = signIn("alice");
        AuthenticationResultType second = signIn("alice");

        fixture.cognito.globalSignOut(r -> r.accessToken(second.accessToken()));

        assertThatThrownBy(() -> fixture.cognito.initiateAuth(r -> r.clientId(clientId)
                        .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                        .authParameters(Map.of("REFRESH_TOKEN", first.refreshToken()))))
                .satisfies(e -> assertThat(errorMessage(e)).isEqualTo("Refresh Token has been revoked"));
        assertThat(signIn("alice").refreshToken()).isNotBlank();
    }

    @Test
    void getUser_forgedToken_isInvalidAccessToken() {
        assertThatThrownBy(() -> fixture.cognito.getUser(r -> r.accessToken("eyJhbGciOiJSUzI1NiJ9.e30.c2ln")))
                .satisfies(e -> assertThat(errorMessage(e)).isEqualTo("Invalid Access Token"));
    }
}
