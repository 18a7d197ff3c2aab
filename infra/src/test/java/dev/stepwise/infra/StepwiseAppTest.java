package dev.stepwise.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.assertions.Match;

class StepwiseAppTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cdkJsonContext() throws IOException {
        return (Map<String, Object>) new ObjectMapper()
                .readValue(Path.of("cdk.json").toFile(), Map.class)
                .get("context");
    }

    @Test
    @SuppressWarnings("unchecked")
    void app_withOnlyCdkJsonContext_synthesisesTheExampleThatRefusesToDeploy() throws IOException {
        Synth synth = Synth.app(cdkJsonContext());

        assertThat(synth.stack().getStackName()).isEqualTo(StepwiseApp.NEW_POOL_STACK);
        Map<String, Object> rule = (Map<String, Object>)
                ((Map<String, Object>) synth.template().toJSON().get("Rules")).get("NotTheExampleSettings");
        List<Map<String, Object>> assertions = (List<Map<String, Object>>) rule.get("Assertions");
        assertThat(assertions).hasSize(1);
        assertThat(assertions.get(0).get("Assert"))
                .isEqualTo(Map.of("Fn::Equals", List.of("example-settings", "deployable")));
        assertThat((String) assertions.get(0).get("AssertDescription"))
                .contains("copy them to infra/settings/<environment>.json");
        assertThat(synth.nagErrors()).isEmpty();
        assertThat(synth.nagWarnings()).isEmpty();
    }

    @Test
    void app_withOwnSettings_hasNoExampleRule() {
        Synth synth = Synth.app(Map.of("policy", "totp"));

        assertThat(synth.template().toJSON().get("Rules").toString()).doesNotContain("NotTheExampleSettings");
    }

    static Stream<Path> committedSettingsFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("settings"))) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("committedSettingsFiles")
    void app_withEachCommittedSettingsFile_synthesisesWithoutFindings(Path file) {
        Synth synth = Synth.app(Map.of("settings", file.toString()));

        assertThat(synth.nagErrors()).isEmpty();
        assertThat(synth.nagWarnings()).isEmpty();
        assertThat(synth.template().toJSON().toString()).doesNotContain("resolve:secretsmanager");
    }

    @Test
    void committedSettingsFiles_includeTheExampleAndLocalStack() throws IOException {
        assertThat(committedSettingsFiles().map(Path::toString))
                .contains(
                        Path.of("settings/example.json").toString(),
                        Path.of("settings/localstack.json").toString());
    }

    @Test
    void cdkJson_setsNoSettingButTheSettingsFile() throws IOException {
        assertThat(cdkJsonContext()).containsOnlyKeys("settings");
    }

    @Test
    void app_withUnknownFunctionSetting_failsNamingTheKnownOnes() {
        assertThatThrownBy(() ->
                        Synth.app(Map.of("policy", "totp", "settings", "src/test/resources/unknown-setting.json")))
                .hasMessageContaining("Unknown function setting STEPWISE_MAX_ATTEMPT")
                .hasMessageContaining("STEPWISE_MAX_ATTEMPTS");
    }

    @Test
    void app_withFunctionSettingTheFunctionsRefuse_failsWithTheirMessage() {
        assertThatThrownBy(() -> Synth.app(Map.of("policy", "totp", "settings", "src/test/resources/bad-value.json")))
                .hasMessageContaining("refused by the functions")
                .hasMessageContaining("STEPWISE_CODE_LENGTH");
    }

    @Test
    void app_withEveryFunctionSettingInTheFile_passesThemToTheFunctions() {
        Synth synth = Synth.app(Map.of("settings", "src/test/resources/many-settings.json"));

        synth.template()
                .allResourcesProperties(
                        "AWS::Lambda::Function",
                        Map.of(
                                "Environment",
                                Map.of(
                                        "Variables",
                                        Match.objectLike(Map.of(
                                                "STEPWISE_EMAIL_LINK_URL", "https://app.example.com/link?token={token}",
                                                "STEPWISE_LOCKOUT_MAX_FAILURES", "7",
                                                "STEPWISE_EMAIL_SUBJECT", "Sign in to Example")))));
    }
}
