package dev.stepwise.infra;

import java.util.Objects;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.kms.Key;

/**
 * What both stacks deploy around a user pool, built the same way in each: the state table, the key for TOTP secrets,
 * the three triggers over both, and the outputs every stack has. The construct ids are the stack-level ones the stacks
 * used before, so logical ids, and with them deployed resources, stay as they were.
 */
final class StepwiseBackend {

    /** Output: the user pool id. */
    static final String USER_POOL_ID_OUTPUT = "UserPoolId";
    /** Output: the region. */
    static final String REGION_OUTPUT = "Region";

    private final Stack stack;
    private final Table stateTable;
    private final Key secretsKey;
    private final StepwiseTriggers triggers;

    /**
     * Creates the table, the key and the triggers in {@code stack}.
     *
     * @param stack the stack
     * @param settings the app settings (mode and pool id are not read)
     */
    StepwiseBackend(Stack stack, StepwiseSettings settings) {
        this.stack = Objects.requireNonNull(stack, "stack");
        Objects.requireNonNull(settings, "settings");
        stateTable = StepwiseStateTable.create(stack, "StateTable", settings.removalPolicy());
        secretsKey = StepwiseSecretsKey.create(stack, "SecretsKey", settings.removalPolicy());
        triggers = new StepwiseTriggers(
                stack,
                "Triggers",
                StepwiseTriggersProps.builder()
                        .functionsJar(settings.functionsJar())
                        .policy(settings.policy())
                        .senderAddress(settings.senderAddress())
                        .smsEnabled(settings.smsEnabled())
                        .stateTable(stateTable)
                        .secretsKey(secretsKey)
                        .removalPolicy(settings.removalPolicy())
                        .build());
    }

    /**
     * Adds the {@value #USER_POOL_ID_OUTPUT} and {@value #REGION_OUTPUT} outputs.
     *
     * @param userPoolId the pool id, a token for a pool of this stack
     * @param description what the pool id output says about the pool
     */
    void addOutputs(String userPoolId, String description) {
        CfnOutput.Builder.create(stack, USER_POOL_ID_OUTPUT)
                .value(userPoolId)
                .description(description)
                .build();
        CfnOutput.Builder.create(stack, REGION_OUTPUT)
                .value(stack.getRegion())
                .description("The region of the user pool")
                .build();
    }

    Table stateTable() {
        return stateTable;
    }

    Key secretsKey() {
        return secretsKey;
    }

    StepwiseTriggers triggers() {
        return triggers;
    }
}
