package dev.stepwise.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.kms.KeySpec;
import software.amazon.awscdk.services.kms.KeyUsage;
import software.constructs.Construct;

/**
 * The customer-managed KMS key that encrypts TOTP secrets at rest ({@code STEPWISE_KMS_KEY_ID}): symmetric, with
 * yearly automatic rotation, which keeps the key id, so earlier secrets still open.
 *
 * <p>Its key policy lets the account administer the key but not use it: only the roles given to
 * {@link #allowUse} may encrypt and decrypt, and only when their own IAM policy allows it too. The administrative
 * actions leave out {@code kms:CreateGrant}, which would let an administrator hand the use of the key to anyone
 * without changing the key policy.
 *
 * <p>The key must live as long as the state table whose secrets it sealed: without it those secrets never open again
 * and every enrolled user must set up TOTP anew. So it follows the table's removal policy: kept by default; with
 * {@code destroy}, scheduled for deletion after KMS's longest waiting period, 30 days, during which a deletion can
 * still be cancelled.
 */
public final class StepwiseSecretsKey {

    /** How long a key scheduled for deletion waits before KMS deletes it. */
    static final Duration PENDING_WINDOW = Duration.days(30);

    /** What the account may do with the key: administer it, never encrypt, decrypt or grant. */
    static final List<String> ADMIN_ACTIONS = List.of(
            "kms:CancelKeyDeletion",
            "kms:CreateAlias",
            "kms:DeleteAlias",
            "kms:DescribeKey",
            "kms:DisableKey",
            "kms:DisableKeyRotation",
            "kms:EnableKey",
            "kms:EnableKeyRotation",
            "kms:GetKeyPolicy",
            "kms:GetKeyRotationStatus",
            "kms:ListGrants",
            "kms:ListKeyPolicies",
            "kms:ListKeyRotations",
            "kms:ListResourceTags",
            "kms:PutKeyPolicy",
            "kms:RevokeGrant",
            "kms:RotateKeyOnDemand",
            "kms:ScheduleKeyDeletion",
            "kms:TagResource",
            "kms:UntagResource",
            "kms:UpdateAlias",
            "kms:UpdateKeyDescription");

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
                .policy(PolicyDocument.Builder.create()
                        .statements(List.of(PolicyStatement.Builder.create()
                                .sid("AccountAdministersTheKey")
                                .effect(Effect.ALLOW)
                                .principals(List.of(new AccountRootPrincipal()))
                                .actions(ADMIN_ACTIONS)
                                .resources(List.of("*"))
                                .build()))
                        .build())
                .build();
    }

    /**
     * Lets exactly {@code roles} encrypt and decrypt with the key (their IAM policy must allow it as well). The
     * principal is the account with an {@code aws:PrincipalArn} condition rather than the roles themselves, so the
     * statement still names them after a role is replaced under the same name.
     *
     * @param key a key made by {@link #create}
     * @param roles the roles that seal and open TOTP secrets
     */
    public static void allowUse(Key key, List<IRole> roles) {
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("OnlyTheTriggersUseTheKey")
                .effect(Effect.ALLOW)
                .principals(List.of(new AccountRootPrincipal()))
                .actions(List.of("kms:Encrypt", "kms:Decrypt"))
                .resources(List.of("*"))
                .conditions(Map.of(
                        "ArnEquals",
                        Map.of(
                                "aws:PrincipalArn",
                                roles.stream().map(IRole::getRoleArn).toList())))
                .build());
    }
}
