package dev.stepwise.attach;

import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminCreateUserConfigType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UpdateUserPoolRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;

/**
 * Turns a pool's current configuration (from {@code DescribeUserPool}) into an {@code UpdateUserPool} request that
 * changes only the three custom-auth triggers.
 *
 * <p>{@code UpdateUserPool} is a full replace: every member left out of the request is reset to its default, Lambda
 * triggers included (Cognito developer guide, "Updating user pool configuration"). So every member of the request is
 * copied from the description; {@link #UPDATE_MEMBERS} lists them, and a test fails when an SDK upgrade adds one that
 * is not copied here.
 *
 * @see <a href="https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-updating.html">Updating
 *     user pool configuration</a>
 */
public final class UserPoolMerge {

    /** Every {@code UpdateUserPool} request member (SDK field names) that {@link #updateRequest} copies. */
    public static final List<String> UPDATE_MEMBERS = List.of(
            "UserPoolId",
            "Policies",
            "DeletionProtection",
            "LambdaConfig",
            "AutoVerifiedAttributes",
            "SmsVerificationMessage",
            "EmailVerificationMessage",
            "EmailVerificationSubject",
            "VerificationMessageTemplate",
            "SmsAuthenticationMessage",
            "UserAttributeUpdateSettings",
            "MfaConfiguration",
            "DeviceConfiguration",
            "EmailConfiguration",
            "SmsConfiguration",
            "UserPoolTags",
            "AdminCreateUserConfig",
            "UserPoolAddOns",
            "AccountRecoverySetting",
            "PoolName",
            "UserPoolTier",
            "KeyConfiguration",
            "IssuerConfiguration");

    private UserPoolMerge() {}

    /**
     * The request that writes {@code pool} back unchanged except for its custom-auth triggers.
     *
     * @param pool the pool as {@code DescribeUserPool} returned it
     * @param triggers the custom-auth triggers the pool gets; {@link CustomAuthTriggers#none()} removes them
     * @return the full {@code UpdateUserPool} request
     */
    public static UpdateUserPoolRequest updateRequest(UserPoolType pool, CustomAuthTriggers triggers) {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(triggers, "triggers");
        UpdateUserPoolRequest.Builder request = UpdateUserPoolRequest.builder()
                .userPoolId(pool.id())
                .policies(pool.policies())
                .deletionProtection(pool.deletionProtectionAsString())
                .lambdaConfig(triggers.applyTo(pool.lambdaConfig()))
                .smsVerificationMessage(pool.smsVerificationMessage())
                .emailVerificationMessage(pool.emailVerificationMessage())
                .emailVerificationSubject(pool.emailVerificationSubject())
                .verificationMessageTemplate(pool.verificationMessageTemplate())
                .smsAuthenticationMessage(pool.smsAuthenticationMessage())
                .userAttributeUpdateSettings(pool.userAttributeUpdateSettings())
                .mfaConfiguration(pool.mfaConfigurationAsString())
                .deviceConfiguration(pool.deviceConfiguration())
                .emailConfiguration(pool.emailConfiguration())
                .smsConfiguration(pool.smsConfiguration())
                .adminCreateUserConfig(adminCreateUserConfig(pool))
                .userPoolAddOns(pool.userPoolAddOns())
                .accountRecoverySetting(pool.accountRecoverySetting())
                .poolName(pool.name())
                .userPoolTier(pool.userPoolTierAsString())
                .keyConfiguration(pool.keyConfiguration())
                .issuerConfiguration(pool.issuerConfiguration());
        if (pool.hasAutoVerifiedAttributes()) {
            request.autoVerifiedAttributesWithStrings(pool.autoVerifiedAttributesAsStrings());
        }
        if (pool.hasUserPoolTags()) {
            request.userPoolTags(pool.userPoolTags());
        }
        return request.build();
    }

    /*
     * DescribeUserPool still returns the deprecated UnusedAccountValidityDays beside
     * PasswordPolicy.TemporaryPasswordValidityDays, and UpdateUserPool rejects a request that carries both
     * ("Please use TemporaryPasswordValidityDays in PasswordPolicy instead of UnusedAccountValidityDays").
     */
    private static AdminCreateUserConfigType adminCreateUserConfig(UserPoolType pool) {
        AdminCreateUserConfigType config = pool.adminCreateUserConfig();
        boolean hasTemporaryPasswordValidity = pool.policies() != null
                && pool.policies().passwordPolicy() != null
                && pool.policies().passwordPolicy().temporaryPasswordValidityDays() != null;
        if (config == null || config.unusedAccountValidityDays() == null || !hasTemporaryPasswordValidity) {
            return config;
        }
        return config.toBuilder().unusedAccountValidityDays(null).build();
    }
}
