package dev.stepwise.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepwise.core.ConfigurationException;
import dev.stepwise.core.Limits;
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
        environment.put("STEPWISE_SECRET", Triggers.SECRET);
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
                "AWS_SECRET_ACCESS_KEY", "SECRETKEY"));

        assertThat(config.policies().forClient("app")).hasToString("phone_code");
        assertThat(config.policies().forClient("app").limits().maxAttempts()).isEqualTo(5);
        assertThat(config.policies().defaultPolicy().limits().codeLength()).isEqualTo(8);
        assertThat(config.policies().defaultPolicy().limits().codeTtl().toSeconds())
                .isEqualTo(600);
        assertThat(config.emailFrom()).isEqualTo("Stepwise <no-reply@example.com>");
        assertThat(config.awsEndpoint()).hasToString("http://127.0.0.1:9229");
        assertThat(config.region()).isEqualTo("eu-west-1");
        assertThat(config.credentials().toString()).contains("AKID").doesNotContain("SECRETKEY");
    }

    static Stream<Arguments> from_invalidSetting_actionableMessage() {
        return Stream.of(
                Arguments.of(new String[] {"STEPWISE_SECRET", ""}, "STEPWISE_SECRET is not set"),
                Arguments.of(new String[] {"STEPWISE_MAX_ATTEMPTS", "three"}, "STEPWISE_MAX_ATTEMPTS is \"three\""),
                Arguments.of(new String[] {"STEPWISE_CODE_LENGTH", "12"}, "STEPWISE_CODE_LENGTH is 12"),
                Arguments.of(new String[] {"STEPWISE_CODE_TTL_SECONDS", "5"}, "STEPWISE_CODE_TTL_SECONDS is 5"),
                Arguments.of(new String[] {"STEPWISE_POLICY", "email_code > sms"}, "unknown factor 'sms'"),
                Arguments.of(new String[] {"STEPWISE_CLIENT_POLICIES", "app"}, "has no '='"),
                Arguments.of(new String[] {"STEPWISE_EMAIL_BODY", "no code here"}, "STEPWISE_EMAIL_BODY does not"),
                Arguments.of(new String[] {"STEPWISE_SMS_BODY", "Code"}, "STEPWISE_SMS_BODY does not contain {code}"),
                Arguments.of(new String[] {"STEPWISE_EMAIL_FROM", "nobody"}, "STEPWISE_EMAIL_FROM \"nobody\" is not"),
                Arguments.of(new String[] {"STEPWISE_AWS_ENDPOINT", "localhost:9229"}, "is not an http(s) URL"));
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
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("STEPWISE_SECRET is not set: set it to base64 of at least 32 random bytes");
    }

    @Test
    void createConstructor_emailPolicyWithoutSender_saysWhatToSet() {
        Map<String, String> environment = environment("AWS_REGION", "us-east-1");

        assertThatThrownBy(() -> new CreateAuthChallengeHandler(environment))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("STEPWISE_EMAIL_FROM is not set, but a policy sends email (email_code");
    }

    @Test
    void createConstructor_noRegion_saysWhatToSet() {
        Map<String, String> environment = environment("STEPWISE_EMAIL_FROM", "no-reply@example.com");

        assertThatThrownBy(() -> new CreateAuthChallengeHandler(environment))
                .isInstanceOf(IllegalArgumentException.class)
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
                .isInstanceOf(IllegalArgumentException.class)
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
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("STEPWISE_EMAIL_LINK_URL must be an http(s) URL containing {token}");
    }
}
