package dev.stepwise.lambda.aws;

import dev.stepwise.core.ConfigurationException;
import dev.stepwise.core.StepwiseKeys;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Reads the Stepwise secret from AWS Secrets Manager at init, by ARN ({@code STEPWISE_SECRET_ARN}): the version staged
 * {@code AWSCURRENT} and, during a rotation, the one staged {@code AWSPREVIOUS}, so that sign-ins in flight, enrolled
 * TOTP apps and issued backup codes keep working while the secret changes. The handlers read it in their constructor
 * (through {@link AwsClients#secretKeys}), so on SnapStart the values are in the snapshot and no call is made per
 * invocation. The two stages are read at once, on two threads, so the init waits for one round trip, not two.
 *
 * <p>Fails closed: an unreachable service, a denied call, a missing or malformed current version all throw a
 * {@link ConfigurationException} naming the ARN, the stage and the service's error code, never the value.
 */
final class SecretsManagerKeys {
    private static final String CURRENT = "AWSCURRENT";
    private static final String PREVIOUS = "AWSPREVIOUS";

    private SecretsManagerKeys() {}

    /**
     * The keys from the secret at {@code secretArn}.
     *
     * @param client the Secrets Manager client; thread-safe, as the SDK's clients are
     * @throws ConfigurationException when the secret cannot be read or is not base64 of at least 32 bytes
     */
    static StepwiseKeys fetch(SecretsManagerClient client, String secretArn) {
        FutureTask<String> previous = new FutureTask<>(() -> value(client, secretArn, PREVIOUS));
        Thread thread = new Thread(previous, "stepwise-secret-" + PREVIOUS);
        thread.setDaemon(true);
        thread.start();
        String current = value(client, secretArn, CURRENT);
        if (current == null) {
            throw new ConfigurationException("STEPWISE_SECRET_ARN " + secretArn + " has no version staged " + CURRENT
                    + ": put a value (base64 of at least 32 random bytes) into the secret");
        }
        return StepwiseKeys.fromBase64("the secret " + secretArn, current, await(previous));
    }

    private static String await(FutureTask<String> stage) {
        try {
            return stage.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigurationException("STEPWISE_SECRET_ARN: interrupted while reading " + PREVIOUS);
        }
    }

    private static String value(SecretsManagerClient client, String secretArn, String stage) {
        GetSecretValueResponse response;
        try {
            response = client.getSecretValue(r -> r.secretId(secretArn).versionStage(stage));
        } catch (ResourceNotFoundException e) {
            if (PREVIOUS.equals(stage)) {
                return null;
            }
            throw new ConfigurationException("STEPWISE_SECRET_ARN " + secretArn + ": GetSecretValue (" + stage
                    + ") found no such secret or version (" + AwsErrors.describe(e) + "); check the ARN");
        } catch (SdkException e) {
            throw new ConfigurationException("STEPWISE_SECRET_ARN " + secretArn + ": GetSecretValue (" + stage
                    + ") failed (" + AwsErrors.describe(e) + "); check that the function's role may call"
                    + " secretsmanager:GetSecretValue on it and that Secrets Manager is reachable");
        }
        if (response.secretString() == null) {
            throw new ConfigurationException("STEPWISE_SECRET_ARN " + secretArn + " (" + stage + ") holds binary data:"
                    + " store the secret as a string, base64 of at least 32 random bytes");
        }
        return response.secretString();
    }
}
