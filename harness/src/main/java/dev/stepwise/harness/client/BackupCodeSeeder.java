package dev.stepwise.harness.client;

import dev.stepwise.core.BackupCodes;
import dev.stepwise.core.StepwiseKeys;
import dev.stepwise.harness.emulator.Seeded;
import dev.stepwise.lambda.aws.DynamoDbStateStore;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Hands a user a new set of backup codes in a test, the way {@code stepwise backup-codes} does for an administrator:
 * the old set stops working, only keyed hashes are stored (under the key derived from the triggers'
 * {@code STEPWISE_SECRET}), and the codes come back once. With {@code @StepwiseEmulator}, take one as a test parameter;
 * it is bound to that class's emulator and secret.
 *
 * <p>Thread-safe; close it to release its DynamoDB client.
 */
public final class BackupCodeSeeder implements AutoCloseable {

    /** The state table's name in the emulator (the bundled triggers' default there). */
    public static final String EMULATOR_STATE_TABLE = "stepwise-state";

    private final DynamoDbClient dynamo;
    private final BackupCodes codes;

    private BackupCodeSeeder(DynamoDbClient dynamo, String table, String secret) {
        this.dynamo = dynamo;
        this.codes = new BackupCodes(
                new DynamoDbStateStore(dynamo, Objects.requireNonNull(table, "table")),
                StepwiseKeys.fromBase64(secret),
                new SecureRandom());
    }

    /**
     * A seeder for an emulator's state table.
     *
     * @param endpoint the emulator, e.g. {@code http://127.0.0.1:9229}
     * @param region the emulator's region, e.g. {@code us-east-1}
     * @param secret the triggers' {@code STEPWISE_SECRET} (base64)
     * @throws IllegalArgumentException if the secret is not base64 of at least 32 bytes
     */
    public static BackupCodeSeeder forEmulator(URI endpoint, String region, String secret) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(region, "region");
        StepwiseKeys.fromBase64(secret);
        DynamoDbClient dynamo = DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
        return new BackupCodeSeeder(dynamo, EMULATOR_STATE_TABLE, secret);
    }

    /**
     * A seeder over your own DynamoDB client and state table (LocalStack, a deployed stack). Closing the seeder closes
     * the client.
     *
     * @param secret the triggers' {@code STEPWISE_SECRET} (base64)
     * @throws IllegalArgumentException if the secret is not base64 of at least 32 bytes
     */
    public static BackupCodeSeeder of(DynamoDbClient dynamo, String table, String secret) {
        return new BackupCodeSeeder(Objects.requireNonNull(dynamo, "dynamo"), table, secret);
    }

    /**
     * Replaces the user's backup codes with {@code count} new ones and returns them.
     *
     * @throws IllegalArgumentException if {@code count} is not 1 to 50
     */
    public List<String> seed(String userPoolId, String username, int count) {
        Objects.requireNonNull(userPoolId, "userPoolId");
        Objects.requireNonNull(username, "username");
        if (count < 1 || count > 50) {
            throw new IllegalArgumentException("count must be 1 to 50, was " + count);
        }
        return codes.generate(userPoolId, username, count, Instant.now());
    }

    /** Replaces the seeded demo user's backup codes with {@code count} new ones and returns them. */
    public List<String> seed(Seeded user, int count) {
        return seed(user.userPoolId(), user.username(), count);
    }

    /** How many of the user's backup codes are still unused. */
    public int remaining(String userPoolId, String username) {
        return codes.remaining(userPoolId, username, Instant.now());
    }

    @Override
    public void close() {
        dynamo.close();
    }
}
