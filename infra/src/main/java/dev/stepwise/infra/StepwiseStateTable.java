package dev.stepwise.infra;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.constructs.Construct;

/**
 * The DynamoDB table for state that spans sign-ins (lockout counters, send cooldowns, single-use links, TOTP secrets,
 * backup-code hashes): on demand, items expire through TTL, point-in-time recovery on, encrypted with the AWS managed
 * key.
 */
public final class StepwiseStateTable {

    /** Partition key (string). */
    public static final String PARTITION_KEY = "pk";
    /** Sort key (string). */
    public static final String SORT_KEY = "sk";
    /** TTL attribute: epoch seconds after which DynamoDB deletes the item. */
    public static final String TTL_ATTRIBUTE = "expiresAt";

    private StepwiseStateTable() {}

    /**
     * Creates the table.
     *
     * @param scope the parent construct
     * @param id the table's id
     * @param removalPolicy what happens to the table when the stack is deleted
     * @return the table
     */
    public static Table create(Construct scope, String id, RemovalPolicy removalPolicy) {
        return Table.Builder.create(scope, id)
                .partitionKey(Attribute.builder()
                        .name(PARTITION_KEY)
                        .type(AttributeType.STRING)
                        .build())
                .sortKey(Attribute.builder()
                        .name(SORT_KEY)
                        .type(AttributeType.STRING)
                        .build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .timeToLiveAttribute(TTL_ATTRIBUTE)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true)
                        .build())
                .encryption(TableEncryption.AWS_MANAGED)
                .deletionProtection(removalPolicy == RemovalPolicy.RETAIN)
                .removalPolicy(removalPolicy)
                .build();
    }
}
