package dev.stepwise.harness.scenario;

import dev.stepwise.harness.client.MessageSource;
import java.net.URI;
import java.util.Objects;

/**
 * What a target set up for one scenario.
 *
 * @param endpoint the Cognito endpoint, or null for AWS's regional endpoint
 * @param region the region
 * @param userPoolId the pool
 * @param clientId the app client (no secret)
 * @param mailbox where sent codes and links can be read back, or null when the target has none
 */
public record ScenarioEnvironment(
        URI endpoint, String region, String userPoolId, String clientId, MessageSource mailbox) {

    /** Validates. */
    public ScenarioEnvironment {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(userPoolId, "userPoolId");
        Objects.requireNonNull(clientId, "clientId");
    }
}
