package dev.stepwise.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
                Arguments.of(Map.of("policy", "totp", "authSessionMinutes", "five"), "authSessionMinutes"),
                Arguments.of(
                        Map.of("policy", "password > email_link", "senderAddress", "a@example.com"),
                        "STEPWISE_EMAIL_LINK_URL"),
                Arguments.of(Map.of("policy", "totp", "existingStateTableArn", "kept-state"), "existingStateTableArn"),
                Arguments.of(
                        Map.of(
                                "policy",
                                "totp",
                                "existingSecretArn",
                                "arn:aws:secretsmanager:eu-west-1:111122223333:secret:kept"),
                        "existingSecretArn"),
                Arguments.of(Map.of("policy", "totp", "allowBypassFlows", "perhaps"), "allowBypassFlows"));
    }

    @Test
    void fromContext_withPolicyAndSender_usesTheDocumentedDefaults() {
        StepwiseSettings settings = StepwiseSettings.fromContext(
                Map.<String, Object>of("policy", "email_code", "senderAddress", "no-reply@example.com")::get);

        assertThat(settings.mode()).isEqualTo(StepwiseSettings.Mode.NEW);
        assertThat(settings.policy()).isEqualTo("email_code");
        assertThat(settings.smsEnabled()).isFalse();
        assertThat(settings.removalPolicy()).isEqualTo(RemovalPolicy.RETAIN);
        assertThat(settings.authSessionMinutes()).isEqualTo(3);
        assertThat(settings.replaceExistingTriggers()).isFalse();
        assertThat(settings.allowBypassFlows()).isFalse();
        assertThat(settings.functionSettings()).isEmpty();
        assertThat(settings.example()).isFalse();
        assertThat(settings.functionsJar()).isEqualTo(StepwiseSettings.DEFAULT_FUNCTIONS_JAR);
    }

    @Test
    void fromContext_withoutPolicy_failsInsteadOfDefaulting() {
        assertThatThrownBy(() -> StepwiseSettings.fromContext(
                        Map.<String, Object>of("senderAddress", "no-reply@example.com")::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No policy")
                .hasMessageContaining("no default");
    }

    @Test
    void fromContext_withSettingsFile_readsItAndLetsContextOverrideIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("prod.json");
        Files.writeString(
                file,
                """
                {"policy": "password > email_link", "senderAddress": "no-reply@example.com", "sms": true,
                 "authSessionMinutes": 5,
                 "functions": {"STEPWISE_EMAIL_LINK_URL": "https://app.example.com/link?token={token}",
                               "STEPWISE_MAX_ATTEMPTS": "2"}}
                """);

        StepwiseSettings settings = StepwiseSettings.fromContext(
                Map.<String, Object>of("settings", file.toString(), "authSessionMinutes", "7")::get);

        assertThat(settings.policy()).isEqualTo("password > email_link");
        assertThat(settings.smsEnabled()).isTrue();
        assertThat(settings.authSessionMinutes()).isEqualTo(7);
        assertThat(settings.functionSettings())
                .containsOnly(
                        Map.entry("STEPWISE_EMAIL_LINK_URL", "https://app.example.com/link?token={token}"),
                        Map.entry("STEPWISE_MAX_ATTEMPTS", "2"));
    }

    @Test
    void fromContext_withUnknownKeyInFile_failsNamingIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("typo.json");
        Files.writeString(file, "{\"policy\": \"totp\", \"polcy\": \"email_code\"}");

        assertThatThrownBy(() -> StepwiseSettings.fromContext(Map.<String, Object>of("settings", file.toString())::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown key \"polcy\"");
    }

    @Test
    void fromContext_committedExample_isValidAndMarkedAsExample() {
        StepwiseSettings settings =
                StepwiseSettings.fromContext(Map.<String, Object>of("settings", "settings/example.json")::get);

        assertThat(settings.example()).isTrue();
        assertThat(settings.policy()).isEqualTo("password > email_code");
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
