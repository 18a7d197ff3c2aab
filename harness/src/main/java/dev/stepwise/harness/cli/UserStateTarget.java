package dev.stepwise.harness.cli;

import dev.stepwise.core.StateStore;
import dev.stepwise.core.StateStoreException;
import dev.stepwise.lambda.aws.DynamoDbStateStore;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Map;
import java.util.function.BiConsumer;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The options that name one user's items in the state table (endpoint, region, table, pool and username), shared as a
 * picocli mixin by the commands that read or remove them straight from the table.
 */
class UserStateTarget {
    @Option(
            names = "--endpoint",
            defaultValue = "${env:STEPWISE_ENDPOINT}",
            description = "DynamoDB endpoint, e.g. http://127.0.0.1:9229 (the emulator); unset = AWS.")
    URI endpoint;

    @Option(
            names = "--region",
            defaultValue = "${env:AWS_REGION}",
            description = "Region; default: the pool id's prefix.")
    String region;

    @Option(
            names = "--table",
            defaultValue = "${env:STEPWISE_STATE_TABLE}",
            description = "The state table (STEPWISE_STATE_TABLE); the emulator's is stepwise-state.")
    String table;

    @Option(
            names = "--user-pool-id",
            required = true,
            defaultValue = "${env:STEPWISE_USER_POOL_ID}",
            description = "The user pool id.")
    String userPoolId;

    @Option(names = "--username", required = true, description = "The user's username (not an alias).")
    String username;

    Map<String, String> environment = System.getenv();

    /**
     * A DynamoDB client for the endpoint and the region (the pool id's prefix unless given).
     *
     * @throws CliException when no table is named
     */
    DynamoDbClient client() {
        requireTable();
        String resolved = region != null && !region.isBlank()
                ? region
                : userPoolId.contains("_") ? userPoolId.substring(0, userPoolId.indexOf('_')) : "us-east-1";
        return BackupCodesCommand.client(endpoint, resolved, environment);
    }

    /**
     * Checks that a table is named, before any other work.
     *
     * @throws CliException when no table is named
     */
    void requireTable() {
        if (table == null || table.isBlank()) {
            throw new CliException(ExitStatus.USAGE, "--table (or STEPWISE_STATE_TABLE) is required");
        }
    }

    /** The state table through {@code client}. */
    DynamoDbStateStore store(DynamoDbClient client) {
        return new DynamoDbStateStore(client, table);
    }

    /**
     * Runs one command's {@code work} on the state table, with a client closed after it, and flushes {@code out}.
     *
     * @return the exit status for success
     * @throws CliException the work's own, or {@link ExitStatus#UNREACHABLE} when the table cannot be reached
     */
    int onTable(PrintWriter out, BiConsumer<StateStore, PrintWriter> work) {
        try (DynamoDbClient client = client()) {
            work.accept(store(client), out);
            out.flush();
            return ExitStatus.OK.code;
        } catch (StateStoreException e) {
            throw new CliException(ExitStatus.UNREACHABLE, e.getMessage());
        }
    }
}
