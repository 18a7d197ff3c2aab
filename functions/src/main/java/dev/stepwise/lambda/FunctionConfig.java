package dev.stepwise.lambda;

import dev.stepwise.core.AbuseLimits;
import dev.stepwise.core.AesGcmSecretBox;
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
import dev.stepwise.core.Policy;
import dev.stepwise.core.PolicySet;
import dev.stepwise.core.Range;
import dev.stepwise.core.SecretBox;
import dev.stepwise.core.Sleeper;
import dev.stepwise.core.StateStore;
import dev.stepwise.core.StepwiseKeys;
import dev.stepwise.core.passkey.PasskeyFactor;
import dev.stepwise.core.passkey.PasskeySettings;
import dev.stepwise.lambda.aws.AwsSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

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

    private static final SecretBox REFUSE_LEGACY = new SecretBox() {
        @Override
        public String seal(byte[] plaintext, String context) {
            throw new IllegalStateException("new TOTP secrets are sealed by KMS");
        }

        @Override
        public byte[] open(String sealed, String context) {
            throw new IllegalArgumentException("a TOTP secret sealed before KMS was turned on is refused"
                    + " (STEPWISE_LEGACY_TOTP_SECRETS=refuse): the user enrols again");
        }
    };

    /**
     * Static AWS credentials. {@link #toString()} redacts the secret parts.
     *
     * @param accessKeyId the access key id
     * @param secretAccessKey the secret key
     * @param sessionToken the session token, or {@code null}
     */
    public record StaticCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {
        @Override
        public String toString() {
            return "StaticCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=redacted, sessionToken="
                    + (sessionToken == null ? "none" : "redacted") + "]";
        }
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
        Limits limits = named(
                () -> new Limits(
                        integer(environment, FunctionSetting.STEPWISE_MAX_ATTEMPTS),
                        integer(environment, FunctionSetting.STEPWISE_CODE_LENGTH),
                        Duration.ofSeconds(integer(environment, FunctionSetting.STEPWISE_CODE_TTL_SECONDS))),
                FunctionSetting.STEPWISE_MAX_ATTEMPTS,
                FunctionSetting.STEPWISE_CODE_LENGTH,
                FunctionSetting.STEPWISE_CODE_TTL_SECONDS);
        MessageTemplates templates = named(
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
        boolean refuseUnlisted = choice(environment, FunctionSetting.STEPWISE_UNLISTED_CLIENTS, "default", "refuse");
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
                known(factors));
        PasskeyFactor passkey =
                factors.find(PasskeyFactor.PASSKEY.id()).isPresent() ? null : passkey(environment, policies);
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
        secretArn(environment, secret);
        boolean refuseLegacyTotp =
                choice(environment, FunctionSetting.STEPWISE_LEGACY_TOTP_SECRETS, "accept", "refuse");
        FunctionConfig config = new FunctionConfig(
                policies,
                secret == null ? null : StepwiseKeys.fromBase64(FunctionSetting.STEPWISE_SECRET.name(), secret),
                templates,
                emailFrom,
                endpoint(FunctionSetting.STEPWISE_AWS_ENDPOINT.read(environment)),
                FunctionSetting.AWS_REGION.read(environment),
                credentials,
                stateTable(environment, policies, factors),
                factorSettings,
                abuseLimits(environment),
                kmsKeyId(environment, refuseLegacyTotp),
                refuseLegacyTotp,
                customFactors,
                passkey);
        return config;
    }

    /** The factors policies may name: the registered ones and {@code passkey}, which is built once a policy uses it. */
    private static List<Factor> known(FactorRegistry factors) {
        List<Factor> known = new ArrayList<>(factors.factors());
        if (!known.contains(PasskeyFactor.PASSKEY)) {
            known.add(PasskeyFactor.PASSKEY);
        }
        return List.copyOf(known);
    }

    /** The {@code passkey} factor with its settings when a policy uses it, else {@code null}. */
    private static PasskeyFactor passkey(Map<String, String> environment, PolicySet policies) {
        boolean setup = choice(environment, FunctionSetting.STEPWISE_PASSKEY_SETUP, "off", "on");
        String userVerification = FunctionSetting.STEPWISE_WEBAUTHN_USER_VERIFICATION.read(environment);
        if (!userVerification.equals("required") && !userVerification.equals("preferred")) {
            throw new ConfigurationException("STEPWISE_WEBAUTHN_USER_VERIFICATION is \"" + userVerification
                    + "\": set it to required (the default) or preferred");
        }
        if (!policies.uses(PasskeyFactor.PASSKEY)) {
            return null;
        }
        String rpId = FunctionSetting.STEPWISE_WEBAUTHN_RP_ID.read(environment);
        String origins = FunctionSetting.STEPWISE_WEBAUTHN_ORIGINS.read(environment);
        if (rpId == null || origins == null) {
            throw new ConfigurationException("a policy uses passkey, and "
                    + (rpId == null ? "STEPWISE_WEBAUTHN_RP_ID" : "STEPWISE_WEBAUTHN_ORIGINS")
                    + " is not set: set STEPWISE_WEBAUTHN_RP_ID to the site's domain (e.g. example.com) and"
                    + " STEPWISE_WEBAUTHN_ORIGINS to the exact origins of the sign-in pages (e.g."
                    + " https://app.example.com)");
        }
        PasskeySettings settings = named(
                () -> new PasskeySettings(
                        rpId,
                        FunctionSetting.STEPWISE_WEBAUTHN_RP_NAME.read(environment),
                        Arrays.stream(origins.split(","))
                                .map(String::strip)
                                .filter(o -> !o.isEmpty())
                                .toList(),
                        userVerification.equals("required"),
                        Duration.ofMinutes(5)),
                Map.of(
                        "the passkey relying party id", FunctionSetting.STEPWISE_WEBAUTHN_RP_ID,
                        "the passkey relying party name", FunctionSetting.STEPWISE_WEBAUTHN_RP_NAME,
                        "the passkey origin", FunctionSetting.STEPWISE_WEBAUTHN_ORIGINS,
                        "no web origin", FunctionSetting.STEPWISE_WEBAUTHN_ORIGINS));
        if (setup) {
            requirePossessionBeforePasskey(policies);
        }
        return new PasskeyFactor(settings, setup);
    }

    /**
     * Passkey set-up during sign-in trusts the earlier steps to have proved the user: a password alone, which may be
     * phished, is not enough. Every policy that uses {@code passkey} needs, before it, a step whose every alternative
     * proves possession of something the user has (an inbox, a phone, an authenticator app, a backup-code sheet).
     */
    private static void requirePossessionBeforePasskey(PolicySet policies) {
        List<Factor> possession =
                List.of(Factor.EMAIL_CODE, Factor.PHONE_CODE, Factor.EMAIL_LINK, Factor.TOTP, Factor.BACKUP_CODE);
        for (Policy policy : policies.all()) {
            boolean proved = false;
            for (Policy.Step step : policy.steps()) {
                if (step.factors().contains(PasskeyFactor.PASSKEY) && !proved) {
                    throw new ConfigurationException(
                            "STEPWISE_PASSKEY_SETUP=on registers passkeys only after a step"
                                    + " that proves possession (email_code, phone_code, email_link, totp or backup_code, with"
                                    + " no other alternative), and the policy \"" + policy
                                    + "\" has none before passkey:"
                                    + " put such a step first, e.g. \"email_code > passkey\", or set STEPWISE_PASSKEY_SETUP=off");
                }
                proved |= possession.containsAll(step.factors());
            }
        }
    }

    private static FactorSettings factorSettings(Map<String, String> environment) {
        boolean totpSetup = choice(environment, FunctionSetting.STEPWISE_TOTP_SETUP, "off", "on");
        int trustDays = integer(environment, FunctionSetting.STEPWISE_DEVICE_TRUST_DAYS);
        return named(
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

    /**
     * Builds a core value, rewriting a {@link ConfigurationException} whose message starts with one of
     * {@code subjects}' keys (the core's name for a text, e.g. "the email body") to start with the setting's name.
     */
    private static <T> T named(Supplier<T> build, Map<String, FunctionSetting> subjects) {
        try {
            return build.get();
        } catch (ConfigurationException e) {
            String message = e.getMessage();
            for (Map.Entry<String, FunctionSetting> subject : subjects.entrySet()) {
                if (message.startsWith(subject.getKey() + " ")) {
                    throw new ConfigurationException(subject.getValue().name()
                            + message.substring(subject.getKey().length()));
                }
            }
            throw e;
        }
    }

    /**
     * The core's names for the values it validates ({@link ConfigurationException#subject()}), each with the setting
     * the value comes from.
     */
    private static final Map<String, FunctionSetting> SUBJECTS = Map.ofEntries(
            Map.entry("maxAttempts", FunctionSetting.STEPWISE_MAX_ATTEMPTS),
            Map.entry("codeLength", FunctionSetting.STEPWISE_CODE_LENGTH),
            Map.entry("codeTtl", FunctionSetting.STEPWISE_CODE_TTL_SECONDS),
            Map.entry("policy", FunctionSetting.STEPWISE_POLICY),
            Map.entry("clientPolicies", FunctionSetting.STEPWISE_CLIENT_POLICIES),
            Map.entry("unlistedClients", FunctionSetting.STEPWISE_UNLISTED_CLIENTS),
            Map.entry("emailSubject", FunctionSetting.STEPWISE_EMAIL_SUBJECT),
            Map.entry("emailBody", FunctionSetting.STEPWISE_EMAIL_BODY),
            Map.entry("smsBody", FunctionSetting.STEPWISE_SMS_BODY),
            Map.entry("totpIssuer", FunctionSetting.STEPWISE_TOTP_ISSUER),
            Map.entry("totpAccount", FunctionSetting.STEPWISE_TOTP_ACCOUNT),
            Map.entry("linkUrl", FunctionSetting.STEPWISE_EMAIL_LINK_URL),
            Map.entry("linkSubject", FunctionSetting.STEPWISE_EMAIL_LINK_SUBJECT),
            Map.entry("linkBody", FunctionSetting.STEPWISE_EMAIL_LINK_BODY),
            Map.entry("secret", FunctionSetting.STEPWISE_SECRET),
            Map.entry("maxFailures", FunctionSetting.STEPWISE_LOCKOUT_MAX_FAILURES),
            Map.entry("lockout", FunctionSetting.STEPWISE_LOCKOUT_SECONDS),
            Map.entry("sendCooldown", FunctionSetting.STEPWISE_SEND_COOLDOWN_SECONDS),
            Map.entry("sendsPerHour", FunctionSetting.STEPWISE_SENDS_PER_HOUR),
            Map.entry("smsPerHour", FunctionSetting.STEPWISE_SMS_PER_HOUR),
            Map.entry("maxOpenSignIns", FunctionSetting.STEPWISE_MAX_OPEN_SIGN_INS));

    /**
     * Builds a core value from {@code settings}, rewriting a refusal of the core with the setting's name: the one of
     * the exception's subject, else the settings the value is built from. A message that names a setting already is
     * kept as it is.
     */
    static <T> T named(Supplier<T> build, FunctionSetting... settings) {
        try {
            return build.get();
        } catch (ConfigurationException e) {
            throw rewritten(e, settings);
        }
    }

    static ConfigurationException rewritten(ConfigurationException e, FunctionSetting... settings) {
        String message = e.getMessage();
        if (Arrays.stream(FunctionSetting.values()).anyMatch(s -> message.contains(s.name()))) {
            return e;
        }
        FunctionSetting subject = e.subject() == null ? null : SUBJECTS.get(e.subject());
        String names = subject != null
                ? subject.name()
                : String.join(
                        " or ",
                        Arrays.stream(settings).map(FunctionSetting::name).toList());
        return new ConfigurationException(e.subject(), names + ": " + message);
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

    private static String secretArn(Map<String, String> environment, String secret) {
        String arn = FunctionSetting.STEPWISE_SECRET_ARN.read(environment);
        if (arn != null && secret != null) {
            throw new ConfigurationException("both STEPWISE_SECRET_ARN and STEPWISE_SECRET are set: deployed functions"
                    + " read the secret from Secrets Manager (STEPWISE_SECRET_ARN) and must not carry it in their"
                    + " environment; remove STEPWISE_SECRET");
        }
        if (arn == null && secret == null) {
            throw new ConfigurationException("STEPWISE_SECRET_ARN is not set: set it to the ARN of the Secrets Manager"
                    + " secret that holds the Stepwise secret (the CDK app does), or, locally, set STEPWISE_SECRET to"
                    + " base64 of at least 32 random bytes, e.g. the output of `openssl rand -base64 32`");
        }
        if (arn != null && !arn.matches("arn:aws[\\w-]*:secretsmanager:[\\w-]+:\\d{12}:secret:[\\w/+=.@-]{1,512}")) {
            throw new ConfigurationException("STEPWISE_SECRET_ARN \"" + arn + "\" is not a Secrets Manager secret ARN:"
                    + " set it to e.g. arn:aws:secretsmanager:us-east-1:123456789012:secret:stepwise-AbCdEf");
        }
        return arn;
    }

    /** Whether a two-valued setting has its second value; any other value is a configuration error. */
    private static boolean choice(Map<String, String> environment, FunctionSetting setting, String off, String on) {
        String value = setting.read(environment);
        if (!value.equals(off) && !value.equals(on)) {
            throw new ConfigurationException(
                    setting.name() + " is \"" + value + "\": set it to " + off + " (the default) or " + on);
        }
        return value.equals(on);
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
        return named(() -> new AbuseLimits(
                enabled.equals("on"),
                integer(environment, FunctionSetting.STEPWISE_LOCKOUT_MAX_FAILURES),
                Duration.ofSeconds(integer(environment, FunctionSetting.STEPWISE_LOCKOUT_SECONDS)),
                Duration.ofSeconds(integer(environment, FunctionSetting.STEPWISE_SEND_COOLDOWN_SECONDS)),
                integer(environment, FunctionSetting.STEPWISE_SENDS_PER_HOUR),
                integer(environment, FunctionSetting.STEPWISE_SMS_PER_HOUR),
                integer(environment, FunctionSetting.STEPWISE_MAX_OPEN_SIGN_INS)));
    }

    private static String kmsKeyId(Map<String, String> environment, boolean refuseLegacyTotp) {
        String keyId = FunctionSetting.STEPWISE_KMS_KEY_ID.read(environment);
        if (keyId == null && refuseLegacyTotp) {
            throw new ConfigurationException("STEPWISE_LEGACY_TOTP_SECRETS=refuse refuses TOTP secrets sealed with the"
                    + " Stepwise secret, but STEPWISE_KMS_KEY_ID is not set, so every TOTP secret is sealed that way:"
                    + " set STEPWISE_KMS_KEY_ID, or STEPWISE_LEGACY_TOTP_SECRETS=accept");
        }
        if (keyId != null && !keyId.matches("[a-zA-Z0-9:/_+=,.@-]{1,2048}")) {
            throw new ConfigurationException("STEPWISE_KMS_KEY_ID \"" + keyId + "\" is not a KMS key reference: set it"
                    + " to a key id, key ARN, alias name (alias/...) or alias ARN, or remove it to encrypt with"
                    + " STEPWISE_SECRET");
        }
        return keyId;
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
        return refuseLegacyTotp ? REFUSE_LEGACY : new AesGcmSecretBox(keys, new SecureRandom());
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

    /** A whole-number setting, inside its range (written in the core's record it feeds). */
    private static int integer(Map<String, String> environment, FunctionSetting setting) {
        String value = setting.read(environment);
        Range range = setting.range();
        int number;
        try {
            number = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConfigurationException(setting.name() + " is \"" + value + "\": set it to a whole number from "
                    + range + " (default " + setting.defaultValue() + ")");
        }
        if (!range.contains(number)) {
            throw new ConfigurationException(setting.name() + " is " + number + ": set it to a whole number from "
                    + range + " (default " + setting.defaultValue() + ")");
        }
        return number;
    }

    /** The settings of this function's AWS clients. */
    public AwsSettings awsSettings() {
        return AwsSettings.forFunctions(region, awsEndpoint, credentials);
    }

    private static URI endpoint(String value) {
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new URISyntaxException(value, "not an http(s) URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigurationException("STEPWISE_AWS_ENDPOINT \"" + value
                    + "\" is not an http(s) URL: set it to e.g. http://127.0.0.1:9229, or remove it to use AWS");
        }
    }
}
