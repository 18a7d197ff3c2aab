package dev.stepwise.lambda;

import dev.stepwise.core.AbuseLimits;
import dev.stepwise.core.CodeDelivery;
import dev.stepwise.core.CodeGenerator;
import dev.stepwise.core.ConfigurationException;
import dev.stepwise.core.CustomAuthFlow;
import dev.stepwise.core.DeliveryMedium;
import dev.stepwise.core.Factor;
import dev.stepwise.core.FactorHandler;
import dev.stepwise.core.FactorRegistry;
import dev.stepwise.core.FactorSettings;
import dev.stepwise.core.Limits;
import dev.stepwise.core.MessageTemplates;
import dev.stepwise.core.PolicySet;
import dev.stepwise.core.SecretBox;
import dev.stepwise.core.Sleeper;
import dev.stepwise.core.StateStore;
import dev.stepwise.core.StepwiseKeys;
import dev.stepwise.core.passkey.PasskeyFactor;
import dev.stepwise.lambda.aws.AwsSettings;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The parsed and validated {@link FunctionSetting}s of one function. Built once, at handler construction.
 * {@link #toString()} shows no secret.
 *
 * @param policies the default and per client policies
 * @param keys keys derived from the Stepwise secret ({@code STEPWISE_SECRET}, or the current and previous version of
 *     the Secrets Manager secret {@code STEPWISE_SECRET_ARN}, read at init)
 * @param templates message texts
 * @param emailFrom the SES sender, or {@code null}
 * @param awsEndpoint the SES/SNS endpoint override, or {@code null}
 * @param region the SES/SNS region, or {@code null} (then the SDK's region chain decides)
 * @param credentials static AWS credentials, or {@code null} (then the SDK's default chain decides)
 * @param stateTable the DynamoDB state table, or {@code null}
 * @param factorSettings TOTP and email-link settings
 * @param abuseLimits the abuse controls' limits
 * @param kmsKeyId the KMS key that encrypts TOTP secrets at rest, or {@code null} (then AES-GCM under a key derived
 *     from {@code STEPWISE_SECRET})
 * @param refuseLegacyTotp whether TOTP secrets sealed with the Stepwise secret ({@code v1:}) are refused once KMS
 *     seals them ({@code STEPWISE_LEGACY_TOTP_SECRETS=refuse})
 * @param customFactors the factors registered by class name ({@code STEPWISE_CUSTOM_FACTORS}), one instance each
 * @param passkey the {@code passkey} factor with its settings, or {@code null} when no policy uses it
 */
public record FunctionConfig(
        PolicySet policies,
        StepwiseKeys keys,
        MessageTemplates templates,
        String emailFrom,
        URI awsEndpoint,
        String region,
        AwsSettings.Credentials credentials,
        String stateTable,
        FactorSettings factorSettings,
        AbuseLimits abuseLimits,
        String kmsKeyId,
        boolean refuseLegacyTotp,
        List<FactorHandler> customFactors,
        PasskeyFactor passkey) {
    /** Copies the custom factors. */
    public FunctionConfig {
        customFactors = List.copyOf(customFactors);
    }

    /** The factors beside the built-in ones that the flow registers: the custom factors, then {@code passkey}. */
    public List<FactorHandler> factors() {
        List<FactorHandler> factors = new ArrayList<>(customFactors);
        if (passkey != null) {
            factors.add(passkey);
        }
        return List.copyOf(factors);
    }

    /**
     * Reads and validates every setting from {@code environment}.
     *
     * @throws ConfigurationException (an {@link IllegalArgumentException}) naming the setting, what is wrong and how to
     *     fix it
     */
    public static FunctionConfig from(Map<String, String> environment) {
        return FunctionWiring.from(environment).config();
    }

    /**
     * Validates every setting of {@code environment} as {@link #from} does, without reading the secret from Secrets
     * Manager: what a deploy-time check can run before the secret exists.
     *
     * @throws ConfigurationException as {@link #from} does for any setting but the secret's value
     */
    public static void check(Map<String, String> environment) {
        parse(environment);
    }

    /** Every setting but the secret's value, which {@link FunctionWiring} reads when only its ARN is set. */
    static FunctionConfig parse(Map<String, String> environment) {
        Limits limits = SettingErrors.named(
                () -> new Limits(
                        SettingValues.integer(environment, FunctionSetting.STEPWISE_MAX_ATTEMPTS),
                        SettingValues.integer(environment, FunctionSetting.STEPWISE_CODE_LENGTH),
                        Duration.ofSeconds(
                                SettingValues.integer(environment, FunctionSetting.STEPWISE_CODE_TTL_SECONDS))),
                FunctionSetting.STEPWISE_MAX_ATTEMPTS,
                FunctionSetting.STEPWISE_CODE_LENGTH,
                FunctionSetting.STEPWISE_CODE_TTL_SECONDS);
        MessageTemplates templates = SettingErrors.named(
                () -> new MessageTemplates(
                        FunctionSetting.STEPWISE_EMAIL_SUBJECT.read(environment),
                        FunctionSetting.STEPWISE_EMAIL_BODY.read(environment),
                        FunctionSetting.STEPWISE_SMS_BODY.read(environment)),
                Map.of(
                        "the email subject", FunctionSetting.STEPWISE_EMAIL_SUBJECT,
                        "the email body", FunctionSetting.STEPWISE_EMAIL_BODY,
                        "the SMS body", FunctionSetting.STEPWISE_SMS_BODY));
        FactorSettings factorSettings = factorSettings(environment);
        List<FactorHandler> customFactors = CustomFactors.load(
                FunctionSetting.STEPWISE_CUSTOM_FACTORS.read(environment), FunctionConfig.class.getClassLoader());
        FactorRegistry factors =
                FactorRegistry.builtIns(templates, factorSettings).with(customFactors);
        boolean refuseUnlisted =
                SettingValues.choice(environment, FunctionSetting.STEPWISE_UNLISTED_CLIENTS, "default", "refuse");
        String clientPolicies = FunctionSetting.STEPWISE_CLIENT_POLICIES.read(environment);
        if (refuseUnlisted && (clientPolicies == null || clientPolicies.isBlank())) {
            throw new ConfigurationException("STEPWISE_UNLISTED_CLIENTS=refuse refuses every client not named in"
                    + " STEPWISE_CLIENT_POLICIES, and it names none: list your clients there, or set"
                    + " STEPWISE_UNLISTED_CLIENTS=default");
        }
        PolicySet policies = PolicySet.parse(
                new PolicySet.Text(
                        FunctionSetting.STEPWISE_POLICY.name(), FunctionSetting.STEPWISE_POLICY.read(environment)),
                new PolicySet.Text(FunctionSetting.STEPWISE_CLIENT_POLICIES.name(), clientPolicies),
                limits,
                refuseUnlisted,
                PasskeyConfig.known(factors));
        PasskeyFactor passkey = factors.find(PasskeyFactor.PASSKEY.id()).isPresent()
                ? null
                : PasskeyConfig.passkey(environment, policies);
        if (passkey != null) {
            factors = factors.with(List.of(passkey));
        }
        String emailFrom = FunctionSetting.STEPWISE_EMAIL_FROM.read(environment);
        if (emailFrom != null && !emailFrom.matches("(.*<)?[^@\\s<>]+@[^@\\s<>]+(>)?")) {
            throw new ConfigurationException("STEPWISE_EMAIL_FROM \"" + emailFrom
                    + "\" is not an email address: set it to an SES-verified sender, e.g. no-reply@example.com");
        }
        String accessKeyId = FunctionSetting.AWS_ACCESS_KEY_ID.read(environment);
        String secretAccessKey = FunctionSetting.AWS_SECRET_ACCESS_KEY.read(environment);
        AwsSettings.Credentials credentials = accessKeyId != null && secretAccessKey != null
                ? new AwsSettings.Credentials(
                        accessKeyId, secretAccessKey, FunctionSetting.AWS_SESSION_TOKEN.read(environment))
                : null;
        String secret = FunctionSetting.STEPWISE_SECRET.read(environment);
        SecretSettings.secretArn(environment, secret);
        boolean refuseLegacyTotp =
                SettingValues.choice(environment, FunctionSetting.STEPWISE_LEGACY_TOTP_SECRETS, "accept", "refuse");
        FunctionConfig config = new FunctionConfig(
                policies,
                secret == null ? null : StepwiseKeys.fromBase64(FunctionSetting.STEPWISE_SECRET.name(), secret),
                templates,
                emailFrom,
                SettingValues.endpoint(FunctionSetting.STEPWISE_AWS_ENDPOINT.read(environment)),
                FunctionSetting.AWS_REGION.read(environment),
                credentials,
                stateTable(environment, policies, factors),
                factorSettings,
                abuseLimits(environment),
                SecretSettings.kmsKeyId(environment, refuseLegacyTotp),
                refuseLegacyTotp,
                customFactors,
                passkey);
        return config;
    }

    private static FactorSettings factorSettings(Map<String, String> environment) {
        boolean totpSetup = SettingValues.choice(environment, FunctionSetting.STEPWISE_TOTP_SETUP, "off", "on");
        int trustDays = SettingValues.integer(environment, FunctionSetting.STEPWISE_DEVICE_TRUST_DAYS);
        return SettingErrors.named(
                () -> new FactorSettings(
                        FunctionSetting.STEPWISE_TOTP_ISSUER.read(environment),
                        FunctionSetting.STEPWISE_TOTP_ACCOUNT.read(environment),
                        FunctionSetting.STEPWISE_EMAIL_LINK_URL.read(environment),
                        FunctionSetting.STEPWISE_EMAIL_LINK_SUBJECT.read(environment),
                        FunctionSetting.STEPWISE_EMAIL_LINK_BODY.read(environment),
                        totpSetup,
                        java.time.Duration.ofDays(trustDays)),
                Map.of(
                        "the TOTP issuer", FunctionSetting.STEPWISE_TOTP_ISSUER,
                        "the TOTP account name", FunctionSetting.STEPWISE_TOTP_ACCOUNT,
                        "the email link URL", FunctionSetting.STEPWISE_EMAIL_LINK_URL,
                        "the email link subject", FunctionSetting.STEPWISE_EMAIL_LINK_SUBJECT,
                        "the email link body", FunctionSetting.STEPWISE_EMAIL_LINK_BODY));
    }

    /** These settings with the keys read from Secrets Manager. */
    FunctionConfig withKeys(StepwiseKeys fetched) {
        return new FunctionConfig(
                policies,
                fetched,
                templates,
                emailFrom,
                awsEndpoint,
                region,
                credentials,
                stateTable,
                factorSettings,
                abuseLimits,
                kmsKeyId,
                refuseLegacyTotp,
                customFactors,
                passkey);
    }

    private static AbuseLimits abuseLimits(Map<String, String> environment) {
        String enabled = FunctionSetting.STEPWISE_ABUSE_CONTROLS.read(environment);
        if (!enabled.equals("on") && !enabled.equals("off")) {
            throw new ConfigurationException(
                    "STEPWISE_ABUSE_CONTROLS is \"" + enabled + "\": set it to on (the default) or off");
        }
        if (enabled.equals("on") && FunctionSetting.STEPWISE_STATE_TABLE.read(environment) == null) {
            throw new ConfigurationException("STEPWISE_STATE_TABLE is not set, but the abuse controls (lockout, send"
                    + " limits) keep their counts there: set it to the DynamoDB state table's name (the CDK app passes"
                    + " it; the emulator sets it itself), or set STEPWISE_ABUSE_CONTROLS=off (not recommended)");
        }
        return SettingErrors.named(() -> new AbuseLimits(
                enabled.equals("on"),
                SettingValues.integer(environment, FunctionSetting.STEPWISE_LOCKOUT_MAX_FAILURES),
                Duration.ofSeconds(SettingValues.integer(environment, FunctionSetting.STEPWISE_LOCKOUT_SECONDS)),
                Duration.ofSeconds(SettingValues.integer(environment, FunctionSetting.STEPWISE_SEND_COOLDOWN_SECONDS)),
                SettingValues.integer(environment, FunctionSetting.STEPWISE_SENDS_PER_HOUR),
                SettingValues.integer(environment, FunctionSetting.STEPWISE_SMS_PER_HOUR),
                SettingValues.integer(environment, FunctionSetting.STEPWISE_MAX_OPEN_SIGN_INS)));
    }

    private static String stateTable(Map<String, String> environment, PolicySet policies, FactorRegistry factors) {
        String table = FunctionSetting.STEPWISE_STATE_TABLE.read(environment);
        if (table == null && factors.needsState(policies)) {
            throw new ConfigurationException("STEPWISE_STATE_TABLE is not set, but a policy has a step with"
                    + " alternatives or uses totp, backup_code, email_link, passkey or a factor of STEPWISE_CUSTOM_FACTORS"
                    + " that keeps state: set it to the DynamoDB state table's name"
                    + " (the CDK app passes it; the emulator sets it itself)");
        }
        if (table != null && !table.matches("[a-zA-Z0-9_.-]{3,255}")) {
            throw new ConfigurationException("STEPWISE_STATE_TABLE \"" + table
                    + "\" is not a DynamoDB table name: 3 to 255 letters, digits, '_', '-' or '.'");
        }
        return table;
    }

    /**
     * The sign-in flow over these settings and the given ports.
     *
     * @param deliveries a sender per medium
     * @param state the state table, or {@code null}
     * @param secrets seals TOTP secrets and passkeys at rest
     */
    CustomAuthFlow flow(Map<DeliveryMedium, CodeDelivery> deliveries, StateStore state, SecretBox secrets) {
        return CustomAuthFlow.builder()
                .policies(policies)
                .keys(keys)
                .codes(new CodeGenerator(new SecureRandom()))
                .templates(templates)
                .deliveries(deliveries)
                .sleeper(Sleeper.system())
                .stateStore(state)
                .secrets(secrets)
                .factorSettings(factorSettings)
                .abuseLimits(abuseLimits)
                .factors(factors())
                .build();
    }

    /**
     * What seals TOTP secrets without KMS, and opens those sealed before KMS was turned on: AES-GCM under a key derived
     * from the Stepwise secret, or, with {@code STEPWISE_LEGACY_TOTP_SECRETS=refuse}, a box that opens nothing.
     */
    SecretBox localSecrets() {
        return SecretSettings.local(keys, refuseLegacyTotp);
    }

    /**
     * The sender address, checked to be present when a policy sends email codes.
     *
     * @throws ConfigurationException when a policy uses {@code email_code} and {@code STEPWISE_EMAIL_FROM} is unset
     */
    public String requireEmailFrom() {
        if (emailFrom == null && (policies.uses(Factor.EMAIL_CODE) || policies.uses(Factor.EMAIL_LINK))) {
            throw new ConfigurationException("STEPWISE_EMAIL_FROM is not set, but a policy sends email (email_code or"
                    + " email_link): set it to"
                    + " an SES-verified sender address, e.g. no-reply@example.com");
        }
        return emailFrom;
    }

    /** The settings of this function's AWS clients. */
    public AwsSettings awsSettings() {
        return AwsSettings.forFunctions(region, awsEndpoint, credentials);
    }
}
