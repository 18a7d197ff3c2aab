package dev.stepwise.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepwise.core.AbuseLimits;
import dev.stepwise.core.ConfigurationException;
import dev.stepwise.core.Limits;
import dev.stepwise.core.Range;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FunctionConfigTest {
    private static Map<String, String> environment(String... keyValues) {
        Map<String, String> environment = new HashMap<>();
        environment.put("STEPWISE_SECRET", HandlerRig.SECRET);
        environment.put("STEPWISE_ABUSE_CONTROLS", "off");
        for (int i = 0; i < keyValues.length; i += 2) {
            environment.put(keyValues[i], keyValues[i + 1]);
        }
        return environment;
    }

    @Test
    void from_onlySecret_documentedDefaults() {
        FunctionConfig config = FunctionConfig.from(environment());

        assertThat(config.policies().defaultPolicy()).hasToString("email_code");
        assertThat(config.policies().defaultPolicy().limits()).isEqualTo(Limits.DEFAULT);
        assertThat(config.templates().emailSubject()).isEqualTo("Your sign-in code");
        assertThat(config.emailFrom()).isNull();
        assertThat(config.awsEndpoint()).isNull();
        assertThat(config.credentials()).isNull();
        assertThat(config.kmsKeyId()).isNull();
    }

    @Test
    void from_allSettings_parsed() {
        FunctionConfig config = FunctionConfig.from(environment(
                "STEPWISE_POLICY", "password > email_code",
                "STEPWISE_CLIENT_POLICIES", "app=phone_code",
                "STEPWISE_MAX_ATTEMPTS", "5",
                "STEPWISE_CODE_LENGTH", "8",
                "STEPWISE_CODE_TTL_SECONDS", "600",
                "STEPWISE_EMAIL_FROM", "Stepwise <no-reply@example.com>",
                "STEPWISE_AWS_ENDPOINT", "http://127.0.0.1:9229",
                "AWS_REGION", "eu-west-1",
                "AWS_ACCESS_KEY_ID", "AKID",
                "AWS_SECRET_ACCESS_KEY", "SECRETKEY",
                "STEPWISE_KMS_KEY_ID", "arn:aws:kms:eu-west-1:111122223333:alias/stepwise"));

        assertThat(config.policies().forClient("app")).hasToString("phone_code");
        assertThat(config.policies().forClient("app").limits().maxAttempts()).isEqualTo(5);
        assertThat(config.policies().defaultPolicy().limits().codeLength()).isEqualTo(8);
        assertThat(config.policies().defaultPolicy().limits().codeTtl().toSeconds())
                .isEqualTo(600);
        assertThat(config.emailFrom()).isEqualTo("Stepwise <no-reply@example.com>");
        assertThat(config.awsEndpoint()).hasToString("http://127.0.0.1:9229");
        assertThat(config.region()).isEqualTo("eu-west-1");
        assertThat(config.credentials().toString()).contains("AKID").doesNotContain("SECRETKEY");
        assertThat(config.kmsKeyId()).isEqualTo("arn:aws:kms:eu-west-1:111122223333:alias/stepwise");
    }

    static Stream<Arguments> from_invalidSetting_actionableMessage() {
        return Stream.of(
                Arguments.of(new String[] {"STEPWISE_SECRET", ""}, "STEPWISE_SECRET_ARN is not set"),
                Arguments.of(new String[] {"STEPWISE_MAX_ATTEMPTS", "three"}, "STEPWISE_MAX_ATTEMPTS is \"three\""),
                Arguments.of(new String[] {"STEPWISE_CODE_LENGTH", "12"}, "STEPWISE_CODE_LENGTH is 12"),
                Arguments.of(
                        new String[] {"STEPWISE_MAX_ATTEMPTS", "0"},
                        "STEPWISE_MAX_ATTEMPTS is 0: set it to a whole number from 1 to 10 (default 3)"),
                Arguments.of(new String[] {"STEPWISE_MAX_ATTEMPTS", "11"}, "STEPWISE_MAX_ATTEMPTS is 11"),
                Arguments.of(new String[] {"STEPWISE_CODE_LENGTH", "3"}, "STEPWISE_CODE_LENGTH is 3"),
                Arguments.of(new String[] {"STEPWISE_CODE_TTL_SECONDS", "3601"}, "STEPWISE_CODE_TTL_SECONDS is 3601"),
                Arguments.of(new String[] {"STEPWISE_CODE_TTL_SECONDS", "5"}, "STEPWISE_CODE_TTL_SECONDS is 5"),
                Arguments.of(new String[] {"STEPWISE_POLICY", "email_code > sms"}, "unknown factor 'sms'"),
                Arguments.of(new String[] {"STEPWISE_CLIENT_POLICIES", "app"}, "has no '='"),
                Arguments.of(
                        new String[] {"STEPWISE_CLIENT_POLICIES", "web"},
                        "STEPWISE_CLIENT_POLICIES entry \"web\" has no '='"),
                Arguments.of(
                        new String[] {"STEPWISE_CLIENT_POLICIES", "web=sms"},
                        "STEPWISE_CLIENT_POLICIES for client web \"sms\": unknown factor 'sms'"),
                Arguments.of(new String[] {"STEPWISE_POLICY", "sms"}, "STEPWISE_POLICY \"sms\": unknown factor 'sms'"),
                Arguments.of(
                        new String[] {"STEPWISE_UNLISTED_CLIENTS", "refuse"},
                        "STEPWISE_UNLISTED_CLIENTS=refuse refuses every client not named in STEPWISE_CLIENT_POLICIES"),
                Arguments.of(new String[] {"STEPWISE_TOTP_ISSUER", "a:b"}, "STEPWISE_TOTP_ISSUER is empty or contains"),
                Arguments.of(
                        new String[] {"STEPWISE_EMAIL_LINK_BODY", "no link"},
                        "STEPWISE_EMAIL_LINK_BODY does not contain {link}"),
                Arguments.of(new String[] {"STEPWISE_EMAIL_BODY", "no code here"}, "STEPWISE_EMAIL_BODY does not"),
                Arguments.of(new String[] {"STEPWISE_SMS_BODY", "Code"}, "STEPWISE_SMS_BODY does not contain {code}"),
                Arguments.of(new String[] {"STEPWISE_EMAIL_FROM", "nobody"}, "STEPWISE_EMAIL_FROM \"nobody\" is not"),
                Arguments.of(new String[] {"STEPWISE_AWS_ENDPOINT", "localhost:9229"}, "is not an http(s) URL"),
                Arguments.of(new String[] {"STEPWISE_KMS_KEY_ID", "my key"}, "is not a KMS key reference"));
    }

    @ParameterizedTest
    @MethodSource
    void from_invalidSetting_actionableMessage(String[] setting, String message) {
        Map<String, String> environment = environment(setting);

        assertThatThrownBy(() -> FunctionConfig.from(environment))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(message);
    }

    static Stream<Function<Map<String, String>, Object>> handlers() {
        return Stream.of(
                DefineAuthChallengeHandler::new, CreateAuthChallengeHandler::new, VerifyAuthChallengeHandler::new);
    }

    @ParameterizedTest
    @MethodSource("handlers")
    void constructor_noSecret_throwsIllegalArgument(Function<Map<String, String>, Object> handler) {
        assertThatThrownBy(() -> handler.apply(Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("STEPWISE_SECRET_ARN is not set")
                .hasMessageContaining("set STEPWISE_SECRET to base64 of at least 32 random bytes");
    }

    @Test
    void createConstructor_emailPolicyWithoutSender_saysWhatToSet() {
        Map<String, String> environment = environment("AWS_REGION", "us-east-1");

        assertThatThrownBy(() -> new CreateAuthChallengeHandler(environment))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("STEPWISE_EMAIL_FROM is not set, but a policy sends email (email_code");
    }

    @Test
    void createConstructor_noRegion_saysWhatToSet() {
        Map<String, String> environment = environment("STEPWISE_EMAIL_FROM", "no-reply@example.com");

        assertThatThrownBy(() -> new CreateAuthChallengeHandler(environment))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("AWS_REGION is not set");
    }

    @Test
    void constructors_validEnvironment_build() {
        Map<String, String> environment = environment(
                "STEPWISE_EMAIL_FROM", "no-reply@example.com",
                "STEPWISE_POLICY", "email_code|phone_code",
                "STEPWISE_STATE_TABLE", "stepwise-state",
                "AWS_REGION", "us-east-1");

        assertThatCode(() -> {
                    new DefineAuthChallengeHandler(environment);
                    new CreateAuthChallengeHandler(environment);
                    new VerifyAuthChallengeHandler(environment);
                })
                .doesNotThrowAnyException();
    }

    @Test
    void functionSetting_everyEntry_hasMeaningForTheReadme() {
        assertThat(Arrays.stream(FunctionSetting.values()))
                .allSatisfy(s -> assertThat(s.meaning()).isNotBlank());
        assertThat(FunctionSetting.STEPWISE_MAX_ATTEMPTS.read(Map.of("STEPWISE_MAX_ATTEMPTS", " 4 ")))
                .isEqualTo("4");
        assertThat(FunctionSetting.STEPWISE_POLICY.read(Map.of("STEPWISE_POLICY", "  ")))
                .isEqualTo("email_code");
    }

    @Test
    void from_statefulPolicyWithoutTable_saysWhatToSet() {
        Map<String, String> environment = environment("STEPWISE_POLICY", "email_code > totp");

        assertThatThrownBy(() -> FunctionConfig.from(environment))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(
                        "STEPWISE_STATE_TABLE is not set, but a policy has a step with alternatives or" + " uses totp");
    }

    @Test
    void from_codeOnlyPolicyWithoutTable_needsNoTable() {
        FunctionConfig config = FunctionConfig.from(environment("STEPWISE_POLICY", "password > email_code"));

        assertThat(config.stateTable()).isNull();
    }

    @Test
    void from_linkUrlWithoutToken_saysWhatToSet() {
        Map<String, String> environment = environment(
                "STEPWISE_EMAIL_LINK_URL", "https://app.example.com/sign-in", "STEPWISE_STATE_TABLE", "t1x");

        assertThatThrownBy(() -> FunctionConfig.from(environment))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("STEPWISE_EMAIL_LINK_URL must be an http(s) URL containing {token}");
    }

    @Test
    void from_abuseControlsByDefault_onWithDocumentedLimits() {
        Map<String, String> environment = environment("STEPWISE_STATE_TABLE", "stepwise-state");
        environment.remove("STEPWISE_ABUSE_CONTROLS");

        assertThat(FunctionConfig.from(environment).abuseLimits()).isEqualTo(AbuseLimits.DEFAULT);
    }

    @Test
    void from_abuseControlsOnWithoutStateTable_saysWhatToSet() {
        Map<String, String> environment = environment();
        environment.remove("STEPWISE_ABUSE_CONTROLS");

        assertThatThrownBy(() -> FunctionConfig.from(environment))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("STEPWISE_STATE_TABLE is not set, but the abuse controls (lockout, send limits)"
                        + " keep their counts there");
    }

    @Test
    void from_abuseLimitsSet_parsed() {
        FunctionConfig config = FunctionConfig.from(environment(
                "STEPWISE_ABUSE_CONTROLS", "on",
                "STEPWISE_STATE_TABLE", "t1x",
                "STEPWISE_LOCKOUT_MAX_FAILURES", "8",
                "STEPWISE_LOCKOUT_SECONDS", "3600",
                "STEPWISE_SEND_COOLDOWN_SECONDS", "0",
                "STEPWISE_SENDS_PER_HOUR", "4",
                "STEPWISE_SMS_PER_HOUR", "50"));

        assertThat(config.abuseLimits())
                .isEqualTo(new AbuseLimits(true, 8, java.time.Duration.ofHours(1), java.time.Duration.ZERO, 4, 50));
    }

    @ParameterizedTest
    @MethodSource
    void from_badAbuseSetting_namesItAndTheRange(String name, String value, String message) {
        assertThatThrownBy(() -> FunctionConfig.from(environment(name, value, "STEPWISE_STATE_TABLE", "t1x")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(message);
    }

    static Stream<Arguments> from_badAbuseSetting_namesItAndTheRange() {
        return Stream.of(
                Arguments.of("STEPWISE_ABUSE_CONTROLS", "maybe", "set it to on (the default) or off"),
                Arguments.of(
                        "STEPWISE_LOCKOUT_MAX_FAILURES",
                        "0",
                        "STEPWISE_LOCKOUT_MAX_FAILURES is 0: set it to a whole number from 1 to 100 (default 5)"),
                Arguments.of(
                        "STEPWISE_LOCKOUT_SECONDS",
                        "10",
                        "STEPWISE_LOCKOUT_SECONDS is 10: set it to a whole number from 60 to 86400 (default 900)"),
                Arguments.of(
                        "STEPWISE_SEND_COOLDOWN_SECONDS",
                        "-1",
                        "STEPWISE_SEND_COOLDOWN_SECONDS is -1: set it to a whole number from 0 to 3600 (default 30)"),
                Arguments.of(
                        "STEPWISE_SENDS_PER_HOUR", "x", "STEPWISE_SENDS_PER_HOUR is \"x\": set it to a whole number"),
                Arguments.of(
                        "STEPWISE_SMS_PER_HOUR",
                        "0",
                        "STEPWISE_SMS_PER_HOUR is 0: set it to a whole number from 1 to 1000000 (default 1000)"));
    }

    @Test
    void from_nothingSet_takesEveryLimitFromTheCoreRecords() {
        Map<String, String> environment = environment("STEPWISE_STATE_TABLE", "t1x");
        environment.remove("STEPWISE_ABUSE_CONTROLS");

        FunctionConfig config = FunctionConfig.from(environment);

        assertThat(config.policies().defaultPolicy().limits()).isEqualTo(Limits.DEFAULT);
        assertThat(config.abuseLimits()).isEqualTo(AbuseLimits.DEFAULT);
    }

    static Stream<Arguments> rangedSettings() {
        return Stream.of(
                Arguments.of(FunctionSetting.STEPWISE_MAX_ATTEMPTS, Limits.ATTEMPTS),
                Arguments.of(FunctionSetting.STEPWISE_CODE_LENGTH, Limits.CODE_LENGTH),
                Arguments.of(FunctionSetting.STEPWISE_CODE_TTL_SECONDS, Limits.CODE_TTL_SECONDS),
                Arguments.of(FunctionSetting.STEPWISE_LOCKOUT_MAX_FAILURES, AbuseLimits.MAX_FAILURES),
                Arguments.of(FunctionSetting.STEPWISE_LOCKOUT_SECONDS, AbuseLimits.LOCKOUT_SECONDS),
                Arguments.of(FunctionSetting.STEPWISE_SEND_COOLDOWN_SECONDS, AbuseLimits.SEND_COOLDOWN_SECONDS),
                Arguments.of(FunctionSetting.STEPWISE_SENDS_PER_HOUR, AbuseLimits.SENDS_PER_HOUR),
                Arguments.of(FunctionSetting.STEPWISE_SMS_PER_HOUR, AbuseLimits.SMS_PER_HOUR),
                Arguments.of(FunctionSetting.STEPWISE_MAX_OPEN_SIGN_INS, AbuseLimits.MAX_OPEN_SIGN_INS));
    }

    @ParameterizedTest
    @MethodSource("rangedSettings")
    void from_rangedSettingAtEachEndAndBeyond_acceptsTheRangeOfTheCoreRecord(FunctionSetting setting, Range range) {
        assertThat(setting.range()).isEqualTo(range);
        assertThat(setting.meaning()).endsWith("(" + range.min() + ".." + range.max() + ")");
        for (long inside : new long[] {range.min(), range.max()}) {
            assertThat(FunctionConfig.from(
                            environment(setting.name(), Long.toString(inside), "STEPWISE_STATE_TABLE", "t1x")))
                    .isNotNull();
        }
        for (long outside : new long[] {range.min() - 1, range.max() + 1}) {
            assertThatThrownBy(() -> FunctionConfig.from(
                            environment(setting.name(), Long.toString(outside), "STEPWISE_STATE_TABLE", "t1x")))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage(setting.name() + " is " + outside + ": set it to a whole number from " + range
                            + " (default " + setting.defaultValue() + ")");
        }
    }

    @Test
    void named_coreRefusalWithSubject_rewrittenWithTheSettingOfTheSubject() {
        assertThatThrownBy(() -> SettingErrors.named(
                        () -> {
                            throw new ConfigurationException("smsBody", "the SMS text has no {code}");
                        },
                        FunctionSetting.STEPWISE_EMAIL_BODY,
                        FunctionSetting.STEPWISE_SMS_BODY))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("STEPWISE_SMS_BODY: the SMS text has no {code}");
    }

    @Test
    void named_coreRefusalWithoutSubject_rewrittenWithTheSettingsItWasBuiltFrom() {
        assertThatThrownBy(() -> SettingErrors.named(
                        () -> {
                            throw new ConfigurationException("unknown factor 'sms'");
                        },
                        FunctionSetting.STEPWISE_POLICY,
                        FunctionSetting.STEPWISE_CLIENT_POLICIES))
                .hasMessage("STEPWISE_POLICY or STEPWISE_CLIENT_POLICIES: unknown factor 'sms'");
    }
}
