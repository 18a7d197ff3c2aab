package dev.stepwise.harness.scenario;

import dev.stepwise.harness.client.MessageSource;
import java.net.URI;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClientBuilder;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

/**
 * Runs scenarios against a pool and app client that are already deployed with the Stepwise triggers (real Cognito,
 * or LocalStack after {@code cdklocal deploy}). Each scenario's user is recreated in that pool with the Admin API
 * (AWS: the default credential chain; with an endpoint: dummy credentials). The deployed triggers' policy is fixed,
 * so scenarios with another policy or their own trigger environment are skipped, with the reason.
 *
 * <p>Codes are read from {@code mailbox} (e.g. LocalStack's {@code /_aws/ses}); without one, scenarios that read
 * the mailbox fail at that step.
 */
public final class DeployedPoolTarget implements ScenarioTarget {

    private final String name;
    private final URI endpoint;
    private final String region;
    private final String userPoolId;
    private final String clientId;
    private final String policy;
    private final MessageSource mailbox;
    private final Runnable clearMailbox;
    private final CognitoIdentityProviderClient cognito;

    /**
     * A deployed pool.
     *
     * @param name the target's name in reports ({@code aws}, {@code localstack})
     * @param endpoint null for AWS
     * @param policy the policy the pool's triggers were deployed with
     * @param mailbox where codes can be read, or null
     * @param clearMailbox empties the mailbox before each scenario (may do nothing)
     */
    public DeployedPoolTarget(
            String name,
            URI endpoint,
            String region,
            String userPoolId,
            String clientId,
            String policy,
            MessageSource mailbox,
            Runnable clearMailbox) {
        this.name = Objects.requireNonNull(name, "name");
        this.endpoint = endpoint;
        this.region = Objects.requireNonNull(region, "region");
        this.userPoolId = Objects.requireNonNull(userPoolId, "userPoolId");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.mailbox = mailbox;
        this.clearMailbox = clearMailbox == null ? () -> {} : clearMailbox;
        CognitoIdentityProviderClientBuilder builder = CognitoIdentityProviderClient.builder()
                .region(Region.of(region))
                .httpClient(UrlConnectionHttpClient.create());
        if (endpoint != null) {
            builder.endpointOverride(endpoint)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        this.cognito = builder.build();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ScenarioEnvironment prepare(Scenario scenario) {
        if (!normalized(scenario.policy()).equals(normalized(policy))) {
            throw new ScenarioSkippedException(
                    "the deployed policy is \"" + policy + "\", this scenario needs \"" + scenario.policy() + "\"");
        }
        if (!scenario.environment().isEmpty()) {
            throw new ScenarioSkippedException("the scenario sets trigger environment "
                    + scenario.environment().keySet() + ", which a deployed pool cannot change");
        }
        if (scenario.user().backupCodes() > 0) {
            throw new ScenarioSkippedException("provisioning backup codes needs the triggers' STEPWISE_SECRET; only the"
                    + " emulator target does it");
        }
        try {
            cognito.adminDeleteUser(
                    r -> r.userPoolId(userPoolId).username(scenario.user().username()));
        } catch (UserNotFoundException absent) {
            // Nothing left from an earlier run.
        }
        new PoolProvisioner(cognito).user(userPoolId, scenario.user());
        clearMailbox.run();
        return new ScenarioEnvironment(endpoint, region, userPoolId, clientId, mailbox, java.util.List.of(), false);
    }

    static String normalized(String policy) {
        return policy.replaceAll("\\s+", "");
    }

    @Override
    public void close() {
        cognito.close();
    }
}
