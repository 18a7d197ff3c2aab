package dev.stepwise.harness.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BadInputTest {

    private static EmulatorFixture fixture;
    private static String poolId;
    private static String clientId;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

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

    static Stream<Arguments> post_badRequest_returnsCognitoError() {
        String big = "x".repeat(131_073);
        return Stream.of(
                Arguments.of("InitiateAuth", "{not json", "SerializationException"),
                Arguments.of("InitiateAuth", "[1,2]", "SerializationException"),
                Arguments.of("InitiateAuth", "{\"ClientId\": 5}", "SerializationException"),
                Arguments.of(
                        "InitiateAuth",
                        "{\"ClientId\": \"CID\", \"AuthParameters\": [\"x\"]}",
                        "SerializationException"),
                Arguments.of(
                        "InitiateAuth",
                        "{\"ClientId\": \"CID\", \"AuthFlow\": \"CUSTOM_AUTH\","
                                + " \"AuthParameters\": {\"USERNAME\": 7}}",
                        "SerializationException"),
                Arguments.of("InitiateAuth", "{}", "InvalidParameterException"),
                Arguments.of("InitiateAuth", "", "InvalidParameterException"),
                Arguments.of("InitiateAuth", "{\"ClientId\": \"CID\"}", "InvalidParameterException"),
                Arguments.of(
                        "InitiateAuth",
                        "{\"ClientId\": \"CID\", \"AuthFlow\": \"MAGIC\"}",
                        "InvalidParameterException"),
                Arguments.of(
                        "InitiateAuth",
                        "{\"ClientId\": \"bad id!\", \"AuthFlow\": \"CUSTOM_AUTH\"}",
                        "InvalidParameterException"),
                Arguments.of(
                        "InitiateAuth",
                        "{\"ClientId\": \"CID\", \"AuthFlow\": \"CUSTOM_AUTH\","
                                + " \"AuthParameters\": {\"USERNAME\": \"" + big + "\"}}",
                        "InvalidParameterException"),
                Arguments.of(
                        "InitiateAuth",
                        "{\"ClientId\": \"CID\", \"AuthFlow\": \"USER_AUTH\","
                                + " \"AuthParameters\": {\"USERNAME\": \"alice\"}}",
                        "InvalidParameterException"),
                Arguments.of(
                        "InitiateAuth",
                        "{\"ClientId\": \"CID\", \"AuthFlow\": \"CUSTOM_AUTH\"," + " \"ClientId\": \"CID\"}",
                        "SerializationException"),
                Arguments.of(
                        "RespondToAuthChallenge",
                        "{\"ClientId\": \"CID\", \"ChallengeName\":" + " \"CUSTOM_CHALLENGE\", \"Session\": \"short\"}",
                        "InvalidParameterException"),
                Arguments.of(
                        "RespondToAuthChallenge",
                        "{\"ClientId\": \"CID\", \"ChallengeName\":"
                                + " \"CUSTOM_CHALLENGE\", \"ChallengeResponses\": {\"USERNAME\": \"alice\","
                                + " \"ANSWER\": \"x\"}}",
                        "InvalidParameterException"),
                Arguments.of("CreateUserPool", "{\"PoolName\": \"\"}", "InvalidParameterException"),
                Arguments.of(
                        "CreateUserPool",
                        "{\"PoolName\": \"p\", \"LambdaConfig\":"
                                + " {\"DefineAuthChallenge\": \"not-an-arn-at-all-really\"}}",
                        "InvalidParameterException"),
                Arguments.of(
                        "CreateUserPoolClient",
                        "{\"UserPoolId\": \"POOL\", \"ClientName\": \"c\"," + " \"AuthSessionValidity\": 16}",
                        "InvalidParameterException"),
                Arguments.of(
                        "CreateUserPoolClient",
                        "{\"UserPoolId\": \"POOL\", \"ClientName\": \"c\"," + " \"AuthSessionValidity\": \"3\"}",
                        "SerializationException"),
                Arguments.of(
                        "CreateUserPoolClient",
                        "{\"UserPoolId\": \"POOL\", \"ClientName\": \"c\","
                                + " \"ExplicitAuthFlows\": [\"ALLOW_EVERYTHING\"]}",
                        "InvalidParameterException"),
                Arguments.of("DescribeUserPool", "{\"UserPoolId\": \"us-east-1_nope\"}", "ResourceNotFoundException"),
                Arguments.of(
                        "AdminGetUser", "{\"UserPoolId\": \"POOL\", \"Username\": \"ghost\"}", "UserNotFoundException"),
                Arguments.of("ListUserPools", "{}", "InvalidParameterException"),
                Arguments.of("ListUserPools", "{\"MaxResults\": 61}", "InvalidParameterException"),
                Arguments.of("ListUserPools", "{\"MaxResults\": 1.5}", "SerializationException"),
                Arguments.of("GetUser", "{\"AccessToken\": \"abc\"}", "NotAuthorizedException"),
                Arguments.of(
                        "AdminSetUserPassword",
                        "{\"UserPoolId\": \"POOL\", \"Username\": \"alice\"," + " \"Password\": \"short\"}",
                        "InvalidPasswordException"),
                Arguments.of("AssociateSoftwareToken", "{}", "UnknownOperationException"),
                Arguments.of("NoSuchThing", "{}", "UnknownOperationException"));
    }

    @ParameterizedTest
    @MethodSource
    void post_badRequest_returnsCognitoError(String operation, String body, String expectedType) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(fixture.emulator.endpoint())
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/x-amz-json-1.1")
                        .header("X-Amz-Target", "AWSCognitoIdentityProviderService." + operation)
                        .POST(HttpRequest.BodyPublishers.ofString(
                                body.replace("CID", clientId).replace("POOL", poolId)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        JsonNode error = new ObjectMapper().readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error.path("__type").asText()).isEqualTo(expectedType);
        assertThat(error.path("message").asText()).isNotBlank().doesNotContain("\tat ", "Exception:");
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue(expectedType);
        if (expectedType.equals("UnknownOperationException")) {
            assertThat(error.path("message").asText()).contains(operation);
        }
    }

    static Stream<Arguments> request_withoutCognitoTarget_isAnsweredWithAnError() {
        return Stream.of(
                Arguments.of("POST", "/", null, "{}"),
                Arguments.of("POST", "/", "Bogus.Operation", "{}"),
                Arguments.of("GET", "/", null, null),
                Arguments.of("GET", "/nowhere", null, null),
                Arguments.of("PUT", "/_aws/ses", null, "{}"));
    }

    @ParameterizedTest
    @MethodSource
    void request_withoutCognitoTarget_isAnsweredWithAnError(String method, String path, String target, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fixture.emulator.endpoint() + path))
                .timeout(Duration.ofSeconds(10))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (target != null) {
            request.header("X-Amz-Target", target);
        }

        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isBetween(400, 499);
        assertThat(response.body()).doesNotContain("\tat ");
    }
}
