package dev.stepwise.harness.client;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;

/**
 * A user pool for the account operations (sign-up, confirmation, password reset, temporary passwords) on an emulator:
 * email verified on sign-up, an app client for SRP and refresh only, and the SDK client that made them for admin calls.
 *
 * @param cognito the SDK client, closed with this
 * @param poolId the pool
 * @param clientId the app client
 */
public record AccountPool(CognitoIdentityProviderClient cognito, String poolId, String clientId)
        implements AutoCloseable {

    /** The password users made by {@link #confirmedUser} and {@link #userWithTemporaryPassword} have. */
    public static final String PASSWORD = "Passw0rd!";

    /** Makes the pool and its client on the emulator at {@code endpoint}. */
    public static AccountPool create(URI endpoint, String name) {
        CognitoIdentityProviderClient cognito = CognitoIdentityProviderClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        String poolId = cognito.createUserPool(
                        r -> r.poolName(name).autoVerifiedAttributes(VerifiedAttributeType.EMAIL))
                .userPool()
                .id();
        String clientId = cognito.createUserPoolClient(r -> r.userPoolId(poolId)
                        .clientName(name)
                        .explicitAuthFlows(
                                ExplicitAuthFlowsType.ALLOW_USER_SRP_AUTH,
                                ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                .userPoolClient()
                .clientId();
        return new AccountPool(cognito, poolId, clientId);
    }

    /** A confirmed user with a verified {@code <username>@example.com} and the permanent password {@link #PASSWORD}. */
    public void confirmedUser(String username) {
        cognito.adminCreateUser(r -> r.userPoolId(poolId)
                .username(username)
                .messageAction(MessageActionType.SUPPRESS)
                .userAttributes(a -> a.name("email").value(username + "@example.com"), a -> a.name("email_verified")
                        .value("true")));
        cognito.adminSetUserPassword(
                r -> r.userPoolId(poolId).username(username).password(PASSWORD).permanent(true));
    }

    /** A user made by an administrator, who must choose a new password after signing in with {@link #PASSWORD}. */
    public void userWithTemporaryPassword(String username) {
        cognito.adminCreateUser(r -> r.userPoolId(poolId)
                .username(username)
                .temporaryPassword(PASSWORD)
                .messageAction(MessageActionType.SUPPRESS)
                .userAttributes(a -> a.name("email").value(username + "@example.com")));
    }

    @Override
    public void close() {
        cognito.close();
    }
}
