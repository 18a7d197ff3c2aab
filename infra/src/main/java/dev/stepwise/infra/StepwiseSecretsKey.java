package dev.stepwise.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.kms.KeySpec;
import software.amazon.awscdk.services.kms.KeyUsage;
import software.constructs.Construct;

/**
 * The customer-managed KMS key that encrypts TOTP secrets at rest ({@code STEPWISE_KMS_KEY_ID}): symmetric, with
 * yearly automatic rotation, which keeps the key id, so earlier secrets still open.
 *
 * <p>The key must live as long as the state table whose secrets it sealed: without it those secrets never open again
 * and every enrolled user must set up TOTP anew. So it follows the table's removal policy: kept by default; with
 * {@code destroy}, scheduled for deletion after KMS's longest waiting period, 30 days, during which a deletion can
 * still be cancelled.
 */
public final class StepwiseSecretsKey {

    /** How long a key scheduled for deletion waits before KMS deletes it. */
    static final Duration PENDING_WINDOW = Duration.days(30);

    private StepwiseSecretsKey() {}

    /**
     * Creates the key.
     *
     * @param scope the parent construct
     * @param id the key's id
     * @param removalPolicy the state table's removal policy ({@code RETAIN} or {@code DESTROY})
     * @return the key
     */
    public static Key create(Construct scope, String id, RemovalPolicy removalPolicy) {
        return Key.Builder.create(scope, id)
                .description("Stepwise: encrypts TOTP secrets at rest in the state table (STEPWISE_KMS_KEY_ID)")
                .keySpec(KeySpec.SYMMETRIC_DEFAULT)
                .keyUsage(KeyUsage.ENCRYPT_DECRYPT)
                .enableKeyRotation(true)
                .pendingWindow(PENDING_WINDOW)
                .removalPolicy(removalPolicy == RemovalPolicy.DESTROY ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN)
                .build();
    }
}
