package dev.stepwise.harness.scenario;

import dev.stepwise.harness.client.MessageSource;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * What a target set up for one scenario.
 *
 * @param endpoint the Cognito endpoint, or null for AWS's regional endpoint
 * @param region the region
 * @param userPoolId the pool
 * @param clientId the app client (no secret)
 * @param mailbox where sent codes and links can be read back, or null when the target has none
 * @param backupCodes the backup codes provisioned for the user, in the order answers use them
 * @param factorClaims whether the pool runs Stepwise's pre token generation, so that tokens carry
 *     {@code stepwise:amr} and a scenario's {@code amr} is checked
 */
public record ScenarioEnvironment(
        URI endpoint,
        String region,
        String userPoolId,
        String clientId,
        MessageSource mailbox,
        List<String> backupCodes,
        boolean factorClaims) {

    /** Validates and copies. */
    public ScenarioEnvironment {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(userPoolId, "userPoolId");
        Objects.requireNonNull(clientId, "clientId");
        backupCodes = List.copyOf(backupCodes);
    }

    @Override
    public String toString() {
        return "ScenarioEnvironment[" + endpoint + ", " + userPoolId + ", " + clientId + ", backupCodes=<"
                + backupCodes.size() + ">]";
    }
}
