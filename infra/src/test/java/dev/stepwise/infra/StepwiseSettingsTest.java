package dev.stepwise.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.RemovalPolicy;

class StepwiseSettingsTest {

    static Stream<Arguments> fromContext_withInvalidValue_failsNamingTheKey() {
        return Stream.of(
                Arguments.of(Map.of("mode", "both"), "mode"),
                Arguments.of(Map.of("mode", "existing"), "userPoolId"),
                Arguments.of(Map.of("mode", "existing", "userPoolId", "not a pool"), "userPoolId"),
                Arguments.of(Map.of("policy", "email_code"), "senderAddress"),
                Arguments.of(Map.of("policy", "totp", "senderAddress", "nobody"), "senderAddress"),
                Arguments.of(Map.of("policy", "phone_code"), "sms=true"),
                Arguments.of(Map.of("policy", "totp", "sms", "maybe"), "sms"),
                Arguments.of(Map.of("policy", "totp", "removalPolicy", "snapshot"), "removalPolicy"),
                Arguments.of(Map.of("policy", "totp", "authSessionMinutes", "20"), "authSessionMinutes"),
                Arguments.of(Map.of("policy", "totp", "authSessionMinutes", "five"), "authSessionMinutes"));
    }

    @Test
    void fromContext_withOnlyASender_usesTheDocumentedDefaults() {
        StepwiseSettings settings =
                StepwiseSettings.fromContext(Map.<String, Object>of("senderAddress", "no-reply@example.com")::get);

        assertThat(settings.mode()).isEqualTo(StepwiseSettings.Mode.NEW);
        assertThat(settings.policy()).isEqualTo("email_code");
        assertThat(settings.smsEnabled()).isFalse();
        assertThat(settings.removalPolicy()).isEqualTo(RemovalPolicy.RETAIN);
        assertThat(settings.authSessionMinutes()).isEqualTo(3);
        assertThat(settings.replaceExistingTriggers()).isFalse();
        assertThat(settings.functionsJar()).isEqualTo(StepwiseSettings.DEFAULT_FUNCTIONS_JAR);
    }

    @Test
    void fromContext_existingMode_readsEveryKey() {
        StepwiseSettings settings = StepwiseSettings.fromContext(Map.<String, Object>of(
                "mode", "existing",
                "userPoolId", "eu-west-1_AbC123",
                "policy", "password > phone_code",
                "sms", "true",
                "removalPolicy", "destroy",
                "authSessionMinutes", "15",
                "replaceExistingTriggers", "true")::get);

        assertThat(settings)
                .extracting(
                        StepwiseSettings::mode,
                        StepwiseSettings::userPoolId,
                        StepwiseSettings::smsEnabled,
                        StepwiseSettings::removalPolicy,
                        StepwiseSettings::authSessionMinutes,
                        StepwiseSettings::replaceExistingTriggers)
                .containsExactly(
                        StepwiseSettings.Mode.EXISTING, "eu-west-1_AbC123", true, RemovalPolicy.DESTROY, 15, true);
    }

    @ParameterizedTest
    @MethodSource
    void fromContext_withInvalidValue_failsNamingTheKey(Map<String, Object> context, String key) {
        assertThatThrownBy(() -> StepwiseSettings.fromContext(context::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(key);
    }
}
