package dev.stepwise.lambda.aws;

import dev.stepwise.core.StateStore;
import dev.stepwise.lambda.FunctionConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds the state table's adapter: a DynamoDB client configured like the SES and SNS clients (region, endpoint
 * override, credentials, timeouts inside Cognito's 5-second budget) over {@code STEPWISE_STATE_TABLE}.
 */
public final class AwsStateStores {
    private AwsStateStores() {}

    /** The store for {@code config}'s table, built once per container. */
    public static StateStore forConfig(FunctionConfig config) {
        DynamoDbClient client = AwsCodeDeliveries.configured(DynamoDbClient.builder(), config)
                .httpClientBuilder(AwsCodeDeliveries.sharedHttpClient())
                .build();
        return new DynamoDbStateStore(client, config.stateTable());
    }
}
