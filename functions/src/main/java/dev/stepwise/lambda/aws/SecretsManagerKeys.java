package dev.stepwise.lambda.aws;

import dev.stepwise.core.ConfigurationException;
import dev.stepwise.core.StepwiseKeys;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

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
     * @param calls the signed calls to Secrets Manager; thread-safe
     * @throws ConfigurationException when the secret cannot be read or is not base64 of at least 32 bytes
     */
    static StepwiseKeys fetch(SignedCalls calls, String secretArn) {
        FutureTask<String> previous = new FutureTask<>(() -> value(calls, secretArn, PREVIOUS));
        Thread thread = new Thread(previous, "stepwise-secret-" + PREVIOUS);
        thread.setDaemon(true);
        thread.start();
        String current = value(calls, secretArn, CURRENT);
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

    private static String value(SignedCalls calls, String secretArn, String stage) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("SecretId", secretArn);
        request.put("VersionStage", stage);
        Object response;
        try {
            response = calls.json("secretsmanager", "secretsmanager.GetSecretValue", "1.1", Json.write(request));
        } catch (AwsCallException e) {
            if ("ResourceNotFoundException".equals(e.code())) {
                if (PREVIOUS.equals(stage)) {
                    return null;
                }
                throw new ConfigurationException("STEPWISE_SECRET_ARN " + secretArn + ": GetSecretValue (" + stage
                        + ") found no such secret or version (" + e.describe() + "); check the ARN");
            }
            throw new ConfigurationException("STEPWISE_SECRET_ARN " + secretArn + ": GetSecretValue (" + stage
                    + ") failed (" + e.describe() + "); check that the function's role may call"
                    + " secretsmanager:GetSecretValue on it and that Secrets Manager is reachable");
        } catch (RuntimeException malformed) {
            throw new ConfigurationException("STEPWISE_SECRET_ARN " + secretArn + ": GetSecretValue (" + stage
                    + ") answered no JSON (" + malformed.getClass().getSimpleName() + ")");
        }
        if (!(response instanceof Map<?, ?> fields) || !(fields.get("SecretString") instanceof String value)) {
            throw new ConfigurationException("STEPWISE_SECRET_ARN " + secretArn + " (" + stage + ") holds binary data:"
                    + " store the secret as a string, base64 of at least 32 random bytes");
        }
        return value;
    }
}
