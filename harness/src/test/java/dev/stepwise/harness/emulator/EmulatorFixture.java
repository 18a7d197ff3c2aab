package dev.stepwise.harness.emulator;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LambdaConfigType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PreventUserExistenceErrorTypes;

/**
 * Starts an emulator with the scripted test triggers and makes pools, clients and users through the SDK. Built by hand
 * rather than through {@code @StepwiseEmulator}: the scripted triggers are registered under function names of their
 * own ({@code define-throw}, {@code create-slowfirst400}, ...) that the tests' pools name in their LambdaConfig.
 */
final class EmulatorFixture implements AutoCloseable {

    static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:";
    static final String PASSWORD = "Passw0rd!";

    final List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
    final CognitoEmulator emulator;
    final CognitoIdentityProviderClient cognito;

    EmulatorFixture(CognitoEmulator.Builder builder) {
        builder.triggerTimeout(Duration.ofMillis(200)).functionLog(log::add);
        for (String mode : List.of(
                "normal",
                "throw",
                "sleep1000",
                "slowfirst400",
                "malformed",
                "issue",
                "fail",
                "bogus",
                "emptyPrivate")) {
            builder.function("define-" + mode, ScriptedTriggers.Define.class.getName(), Map.of("MODE", mode));
            builder.function("create-" + mode, ScriptedTriggers.Create.class.getName(), Map.of("MODE", mode));
            builder.function("verify-" + mode, ScriptedTriggers.Verify.class.getName(), Map.of("MODE", mode));
        }
        this.emulator = builder.start();
        this.cognito = client(emulator);
    }

    EmulatorFixture() {
        this(CognitoEmulator.builder());
    }

    static CognitoIdentityProviderClient client(CognitoEmulator emulator) {
        return client(emulator.endpoint());
    }

    /** An SDK Cognito client for the emulator at {@code endpoint}. */
    static CognitoIdentityProviderClient client(URI endpoint) {
        return CognitoIdentityProviderClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    String pool(String define, String create, String verify) {
        LambdaConfigType.Builder lambda = LambdaConfigType.builder();
        if (define != null) {
            lambda.defineAuthChallenge(ARN + "define-" + define);
        }
        if (create != null) {
            lambda.createAuthChallenge(ARN + "create-" + create);
        }
        if (verify != null) {
            lambda.verifyAuthChallengeResponse(ARN + "verify-" + verify);
        }
        return cognito.createUserPool(r -> r.poolName("test").lambdaConfig(lambda.build()))
                .userPool()
                .id();
    }

    String pool() {
        return pool("normal", "normal", "normal");
    }

    String client(String poolId, boolean preventExistenceErrors) {
        return cognito.createUserPoolClient(r -> r.userPoolId(poolId)
                        .clientName("test")
                        .explicitAuthFlows(
                                ExplicitAuthFlowsType.ALLOW_CUSTOM_AUTH,
                                ExplicitAuthFlowsType.ALLOW_USER_SRP_AUTH,
                                ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)
                        .preventUserExistenceErrors(
                                preventExistenceErrors
                                        ? PreventUserExistenceErrorTypes.ENABLED
                                        : PreventUserExistenceErrorTypes.LEGACY))
                .userPoolClient()
                .clientId();
    }

    void user(String poolId, String username) {
        cognito.adminCreateUser(r -> r.userPoolId(poolId)
                .username(username)
                .messageAction(MessageActionType.SUPPRESS)
                .userAttributes(
                        AttributeType.builder()
                                .name("email")
                                .value(username + "@example.com")
                                .build(),
                        AttributeType.builder()
                                .name("email_verified")
                                .value("true")
                                .build()));
        cognito.adminSetUserPassword(
                r -> r.userPoolId(poolId).username(username).password(PASSWORD).permanent(true));
    }

    @Override
    public void close() {
        cognito.close();
        emulator.close();
    }
}
