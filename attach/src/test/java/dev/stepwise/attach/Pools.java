package dev.stepwise.attach;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AccountRecoverySettingType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminCreateUserConfigType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdvancedSecurityAdditionalFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdvancedSecurityEnabledModeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdvancedSecurityModeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CustomEmailLambdaVersionConfigType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CustomSMSLambdaVersionConfigType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DefaultEmailOptionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DeletionProtectionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DeviceConfigurationType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.EmailConfigurationType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.EmailSendingAccountType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.EncryptionKeyType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.IssuerConfigurationType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.IssuerType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.KeyConfigurationType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LambdaConfigType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageTemplateType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PasswordPolicyType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PreTokenGenerationLambdaVersionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PreTokenGenerationVersionConfigType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RecoveryOptionNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RecoveryOptionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SmsConfigurationType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserAttributeUpdateSettingsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolAddOnsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolMfaType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolPolicyType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolTierType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerificationMessageTemplateType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;

final class Pools {

    static final String ACCOUNT_ARN = "arn:aws:lambda:eu-west-1:111122223333:function:";
    static final CustomAuthTriggers STEPWISE = new CustomAuthTriggers(
            ACCOUNT_ARN + "stepwise-define:live",
            ACCOUNT_ARN + "stepwise-create:live",
            ACCOUNT_ARN + "stepwise-verify:live");
    static final CustomAuthTriggers FOREIGN = new CustomAuthTriggers(
            ACCOUNT_ARN + "legacy-define", ACCOUNT_ARN + "legacy-create", ACCOUNT_ARN + "legacy-verify");

    private Pools() {}

    static LambdaConfigType otherTriggers() {
        return LambdaConfigType.builder()
                .preSignUp(ACCOUNT_ARN + "pre-sign-up")
                .customMessage(ACCOUNT_ARN + "custom-message")
                .postConfirmation(ACCOUNT_ARN + "post-confirmation")
                .preAuthentication(ACCOUNT_ARN + "pre-authentication")
                .postAuthentication(ACCOUNT_ARN + "post-authentication")
                .preTokenGeneration(ACCOUNT_ARN + "pre-token")
                .preTokenGenerationConfig(PreTokenGenerationVersionConfigType.builder()
                        .lambdaArn(ACCOUNT_ARN + "pre-token")
                        .lambdaVersion(PreTokenGenerationLambdaVersionType.V2_0)
                        .build())
                .userMigration(ACCOUNT_ARN + "user-migration")
                .customSMSSender(CustomSMSLambdaVersionConfigType.builder()
                        .lambdaArn(ACCOUNT_ARN + "sms-sender")
                        .lambdaVersion("V1_0")
                        .build())
                .customEmailSender(CustomEmailLambdaVersionConfigType.builder()
                        .lambdaArn(ACCOUNT_ARN + "email-sender")
                        .lambdaVersion("V1_0")
                        .build())
                .kmsKeyID("arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")
                .build();
    }

    static UserPoolType fullyConfigured(String id, CustomAuthTriggers customAuth) {
        return UserPoolType.builder()
                .id(id)
                .name("customers")
                .arn("arn:aws:cognito-idp:eu-west-1:111122223333:userpool/" + id)
                .policies(UserPoolPolicyType.builder()
                        .passwordPolicy(PasswordPolicyType.builder()
                                .minimumLength(12)
                                .requireUppercase(true)
                                .requireLowercase(false)
                                .requireNumbers(true)
                                .requireSymbols(false)
                                .passwordHistorySize(5)
                                .temporaryPasswordValidityDays(3)
                                .build())
                        .build())
                .deletionProtection(DeletionProtectionType.ACTIVE)
                .lambdaConfig(customAuth.applyTo(otherTriggers()))
                .autoVerifiedAttributes(VerifiedAttributeType.EMAIL, VerifiedAttributeType.PHONE_NUMBER)
                .smsVerificationMessage("Your code is {####}")
                .emailVerificationMessage("Verify with {####}")
                .emailVerificationSubject("Verify your email")
                .verificationMessageTemplate(VerificationMessageTemplateType.builder()
                        .smsMessage("Your code is {####}")
                        .emailMessage("Verify with {####}")
                        .emailSubject("Verify your email")
                        .emailMessageByLink("Click {##Verify##}")
                        .emailSubjectByLink("Verify by link")
                        .defaultEmailOption(DefaultEmailOptionType.CONFIRM_WITH_CODE)
                        .build())
                .smsAuthenticationMessage("Your MFA code is {####}")
                .userAttributeUpdateSettings(UserAttributeUpdateSettingsType.builder()
                        .attributesRequireVerificationBeforeUpdate(VerifiedAttributeType.EMAIL)
                        .build())
                .mfaConfiguration(UserPoolMfaType.OPTIONAL)
                .deviceConfiguration(DeviceConfigurationType.builder()
                        .challengeRequiredOnNewDevice(true)
                        .deviceOnlyRememberedOnUserPrompt(true)
                        .build())
                .emailConfiguration(EmailConfigurationType.builder()
                        .emailSendingAccount(EmailSendingAccountType.DEVELOPER)
                        .sourceArn("arn:aws:ses:eu-west-1:111122223333:identity/example.com")
                        .from("Example <no-reply@example.com>")
                        .replyToEmailAddress("help@example.com")
                        .configurationSet("auth")
                        .build())
                .smsConfiguration(SmsConfigurationType.builder()
                        .snsCallerArn("arn:aws:iam::111122223333:role/cognito-sms")
                        .externalId("b5c2f7a0")
                        .snsRegion("eu-west-1")
                        .build())
                .userPoolTags(Map.of("team", "identity", "cost-centre", "42"))
                .adminCreateUserConfig(AdminCreateUserConfigType.builder()
                        .allowAdminCreateUserOnly(true)
                        .unusedAccountValidityDays(3)
                        .inviteMessageTemplate(MessageTemplateType.builder()
                                .emailMessage("Hello {username}, your password is {####}")
                                .emailSubject("Welcome")
                                .smsMessage("Hello {username}: {####}")
                                .build())
                        .build())
                .userPoolAddOns(UserPoolAddOnsType.builder()
                        .advancedSecurityMode(AdvancedSecurityModeType.AUDIT)
                        .advancedSecurityAdditionalFlows(AdvancedSecurityAdditionalFlowsType.builder()
                                .customAuthMode(AdvancedSecurityEnabledModeType.AUDIT)
                                .build())
                        .build())
                .accountRecoverySetting(AccountRecoverySettingType.builder()
                        .recoveryMechanisms(List.of(
                                RecoveryOptionType.builder()
                                        .name(RecoveryOptionNameType.VERIFIED_EMAIL)
                                        .priority(1)
                                        .build(),
                                RecoveryOptionType.builder()
                                        .name(RecoveryOptionNameType.VERIFIED_PHONE_NUMBER)
                                        .priority(2)
                                        .build()))
                        .build())
                .userPoolTier(UserPoolTierType.ESSENTIALS)
                .keyConfiguration(KeyConfigurationType.builder()
                        .keyType(EncryptionKeyType.AWS_OWNED_KEY)
                        .build())
                .issuerConfiguration(IssuerConfigurationType.builder()
                        .type(IssuerType.UPDATED)
                        .build())
                .build();
    }
}
