package dev.stepwise.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;

/**
 * What both stacks deploy around a user pool, built the same way in each: the state table, the key for TOTP secrets,
 * the three triggers over both, and the outputs every stack has. A table, key or secret kept from an earlier deployment
 * ({@code existing...Arn} settings) is adopted instead of created. The construct ids are the stack-level ones the stacks
 * used before, so logical ids, and with them deployed resources, stay as they were.
 */
final class StepwiseBackend {

    /** Output: the user pool id. */
    static final String USER_POOL_ID_OUTPUT = "UserPoolId";
    /** Output: the region. */
    static final String REGION_OUTPUT = "Region";

    private final Stack stack;
    private final ITable stateTable;
    private final IKey secretsKey;
    private final StepwiseTriggers triggers;

    /**
     * Creates the table, the key and the triggers in {@code stack}.
     *
     * @param stack the stack
     * @param settings the app settings (mode and pool id are not read)
     * @param tokenGuard whether to build pre token generation, the token guard
     */
    StepwiseBackend(Stack stack, StepwiseSettings settings, boolean tokenGuard) {
        this.stack = Objects.requireNonNull(stack, "stack");
        Objects.requireNonNull(settings, "settings");
        stateTable = settings.existingStateTableArn() != null
                ? Table.fromTableArn(stack, "StateTable", settings.existingStateTableArn())
                : StepwiseStateTable.create(stack, "StateTable", settings.removalPolicy());
        secretsKey = settings.existingSecretsKeyArn() != null
                ? Key.fromKeyArn(stack, "SecretsKey", settings.existingSecretsKeyArn())
                : StepwiseSecretsKey.create(stack, "SecretsKey", settings.removalPolicy());
        ISecret secret = settings.existingSecretArn() != null
                ? Secret.fromSecretCompleteArn(stack, "AdoptedSecret", settings.existingSecretArn())
                : null;
        FunctionSettingsCheck.check(settings.functionsJar(), settings.functionSettings(), standIns(settings));
        triggers = new StepwiseTriggers(
                stack,
                "Triggers",
                StepwiseTriggersProps.builder()
                        .functionsJar(settings.functionsJar())
                        .policy(settings.policy())
                        .environment(settings.functionSettings())
                        .senderAddress(settings.senderAddress())
                        .smsEnabled(settings.smsEnabled())
                        .stateTable(stateTable)
                        .secretsKey(secretsKey)
                        .secret(secret)
                        .removalPolicy(settings.removalPolicy())
                        .tokenGuard(tokenGuard)
                        .build());
        if (secretsKey instanceof Key created) {
            StepwiseSecretsKey.allowUse(
                    created,
                    List.of(
                            triggers.functions().get(1).getRole(),
                            triggers.functions().get(2).getRole()));
        }
    }

    /* What the functions will find in their environment, with stand-ins for values that exist only after deploy. */
    private static Map<String, String> standIns(StepwiseSettings settings) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("STEPWISE_POLICY", settings.policy());
        environment.put(
                StepwiseTriggers.SECRET_ARN_VARIABLE,
                "arn:aws:secretsmanager:us-east-1:111122223333:secret:stepwise-AbCdEf");
        environment.put(StepwiseTriggers.STATE_TABLE_VARIABLE, "stepwise-state");
        environment.put(
                StepwiseTriggers.KMS_KEY_VARIABLE,
                "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab");
        environment.put("AWS_REGION", "us-east-1");
        if (settings.senderAddress() != null) {
            environment.put("STEPWISE_EMAIL_FROM", settings.senderAddress());
        }
        return environment;
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

    ITable stateTable() {
        return stateTable;
    }

    IKey secretsKey() {
        return secretsKey;
    }

    StepwiseTriggers triggers() {
        return triggers;
    }
}
