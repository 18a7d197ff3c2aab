package dev.stepwise.harness.cli;

import dev.stepwise.core.BackupCodes;
import dev.stepwise.core.ConfigurationException;
import dev.stepwise.core.StateStore;
import dev.stepwise.core.StepwiseKeys;
import dev.stepwise.lambda.aws.DynamoDbStateStore;
import java.io.PrintWriter;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * {@code stepwise backup-codes}: replaces a user's backup codes with a new set in the state table and prints them once.
 * Only keyed hashes are stored (key derived from {@code STEPWISE_SECRET}, read from the environment only, so it never
 * appears on a command line).
 */
@Command(
        name = "backup-codes",
        mixinStandardHelpOptions = true,
        description = {
            "Generate a new set of backup codes for a user, replacing the old set, and print them once.",
            "Needs STEPWISE_SECRET in the environment (the triggers' value) and the state table's name."
        })
final class BackupCodesCommand extends UserStateCommand {

    @Option(
            names = "--count",
            defaultValue = "10",
            description = "How many codes (1 to 50). Default: ${DEFAULT-VALUE}.")
    int count;

    private StepwiseKeys keys;

    @Override
    void checkArguments() {
        target.requireTable();
        if (count < 1 || count > 50) {
            throw new CliException(ExitStatus.USAGE, "--count must be 1 to 50");
        }
        try {
            keys = StepwiseKeys.fromBase64("STEPWISE_SECRET", target.environment.get("STEPWISE_SECRET"));
        } catch (ConfigurationException e) {
            throw new CliException(ExitStatus.USAGE, e.getMessage());
        }
    }

    @Override
    void run(StateStore store, PrintWriter out) {
        List<String> codes = new BackupCodes(store, keys, new SecureRandom())
                .generate(target.userPoolId, target.username, count, Instant.now());
        out.printf(
                "%d backup codes for %s (shown once; each works once; the previous set no longer works):%n",
                codes.size(), target.username);
        codes.forEach(out::println);
    }

    /** Replaces the user's backup codes in {@code table} and returns the new ones. */
    static List<String> generate(
            DynamoDbClient client, String table, StepwiseKeys keys, String userPoolId, String username, int count) {
        return new BackupCodes(new DynamoDbStateStore(client, table), keys, new SecureRandom())
                .generate(userPoolId, username, count, Instant.now());
    }

    /** A DynamoDB client for {@code endpoint} (dummy credentials there unless the environment has some), else AWS. */
    static DynamoDbClient client(URI endpoint, String region, Map<String, String> environment) {
        DynamoDbClientBuilder builder =
                DynamoDbClient.builder().region(Region.of(region)).httpClientBuilder(UrlConnectionHttpClient.builder());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
            builder.credentialsProvider(
                    environment.get("AWS_ACCESS_KEY_ID") == null
                            ? StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))
                            : DefaultCredentialsProvider.builder().build());
        }
        return builder.build();
    }
}
