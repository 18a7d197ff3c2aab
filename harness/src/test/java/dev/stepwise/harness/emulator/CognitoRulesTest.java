package dev.stepwise.harness.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TimeUnitsType;

class CognitoRulesTest {

    private static EmulatorFixture fixture;
    private static String poolId;

    @BeforeAll
    static void start() {
        fixture = new EmulatorFixture();
        poolId = fixture.cognito
                .createUserPool(
                        r -> r.poolName("rules").schema(s -> s.name("plan").attributeDataType("String")))
                .userPool()
                .id();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static void assertError(ThrowingCallable call, String type, String message) {
        assertThatThrownBy(call)
                .isInstanceOf(CognitoIdentityProviderException.class)
                .satisfies(e -> assertThat(((CognitoIdentityProviderException) e)
                                .awsErrorDetails()
                                .errorCode())
                        .isEqualTo(type))
                .satisfies(e -> assertThat(((CognitoIdentityProviderException) e)
                                .awsErrorDetails()
                                .errorMessage())
                        .isEqualTo(message));
    }

    @Test
    void attributes_undeclaredCustomOrUnknownStandard_areRejected_declaredAreKept() {
        assertError(
                () -> fixture.cognito.adminCreateUser(
                        r -> r.userPoolId(poolId).username("ann").userAttributes(a -> a.name("custom:x")
                                .value("1"))),
                "InvalidParameterException",
                "Attributes did not conform to the schema: Type for attribute {custom:x} could not be determined");
        assertError(
                () -> fixture.cognito.adminCreateUser(
                        r -> r.userPoolId(poolId).username("ann").userAttributes(a -> a.name("shoe_size")
                                .value("9"))),
                "InvalidParameterException",
                "Attributes did not conform to the schema: Type for attribute {shoe_size} could not be determined");
        fixture.cognito.adminCreateUser(
                r -> r.userPoolId(poolId).username("ann").userAttributes(a -> a.name("custom:plan")
                        .value("gold")));

        assertThat(fixture.cognito
                        .adminGetUser(r -> r.userPoolId(poolId).username("ann"))
                        .userAttributes())
                .anyMatch(a -> a.name().equals("custom:plan") && a.value().equals("gold"));
    }

    @Test
    void revokeToken_accessToken_isUnsupportedTokenType() {
        String clientId = fixture.cognito
                .createUserPoolClient(r -> r.userPoolId(poolId)
                        .clientName("revoke")
                        .explicitAuthFlows(
                                ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH,
                                ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                .userPoolClient()
                .clientId();
        fixture.user(poolId, "rex");
        var tokens = fixture.cognito
                .initiateAuth(r -> r.clientId(clientId)
                        .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                        .authParameters(Map.of("USERNAME", "rex", "PASSWORD", EmulatorFixture.PASSWORD)))
                .authenticationResult();

        assertError(
                () -> fixture.cognito.revokeToken(r -> r.clientId(clientId).token(tokens.accessToken())),
                "UnsupportedTokenTypeException",
                "Unsupported token type.");
        assertThat(fixture.cognito
                        .getUser(r -> r.accessToken(tokens.accessToken()))
                        .username())
                .isEqualTo("rex");
    }

    @Test
    void tokenLifetimes_outsideCognitosLimits_areRejected() {
        assertError(
                () -> fixture.cognito.createUserPoolClient(r -> r.userPoolId(poolId)
                        .clientName("short")
                        .accessTokenValidity(4)
                        .tokenValidityUnits(u -> u.accessToken(TimeUnitsType.MINUTES))),
                "InvalidParameterException",
                "Invalid range for token validity: AccessTokenValidity must be between 5 minutes and 1 day.");
        assertError(
                () -> fixture.cognito.createUserPoolClient(
                        r -> r.userPoolId(poolId).clientName("long").refreshTokenValidity(3651)),
                "InvalidParameterException",
                "Invalid range for token validity: RefreshTokenValidity must be between 1 hour and 10 years.");
        assertThat(fixture.cognito
                        .createUserPoolClient(r -> r.userPoolId(poolId)
                                .clientName("fine")
                                .idTokenValidity(5)
                                .tokenValidityUnits(u -> u.idToken(TimeUnitsType.MINUTES)))
                        .userPoolClient()
                        .idTokenValidity())
                .isEqualTo(5);
    }

    @Test
    void explicitAuthFlows_legacyAndAllowNamesMixed_areRejected() {
        assertError(
                () -> fixture.cognito.createUserPoolClient(r -> r.userPoolId(poolId)
                        .clientName("mixed")
                        .explicitAuthFlows(
                                ExplicitAuthFlowsType.CUSTOM_AUTH_FLOW_ONLY,
                                ExplicitAuthFlowsType.ALLOW_USER_SRP_AUTH)),
                "InvalidParameterException",
                "ExplicitAuthFlows can not have both ALLOW_ prefixed and legacy values.");
    }

    @Test
    void openIdConfiguration_isAJsonDocumentForExistingPoolsOnly() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI base = fixture.emulator.endpoint();

        HttpResponse<String> found = http.send(
                HttpRequest.newBuilder(URI.create(base + "/" + poolId + "/.well-known/openid-configuration"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> missing = http.send(
                HttpRequest.newBuilder(URI.create(base + "/us-east-1_Nope0000/.well-known/openid-configuration"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        JsonNode config = new ObjectMapper().readTree(found.body());
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(config.path("issuer").asText()).isEqualTo(base + "/" + poolId);
        assertThat(config.path("jwks_uri").asText()).isEqualTo(base + "/" + poolId + "/.well-known/jwks.json");
        assertThat(config.path("scopes_supported").toString()).contains("openid");
        assertThat(missing.statusCode()).isEqualTo(404);
    }
}
