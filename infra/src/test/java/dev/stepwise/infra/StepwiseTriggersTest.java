package dev.stepwise.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class StepwiseTriggersTest {

    private static final Path JAR =
            Path.of(System.getProperty("stepwise.functionsJar", "target/lambda/stepwise-functions.jar"));

    private static Template template;

    @BeforeAll
    static void synth() {
        App app = new App();
        Stack stack = new Stack(app, "TriggersTest");
        new StepwiseTriggers(
                stack,
                "Triggers",
                new StepwiseTriggersProps(JAR, "password > email_code", Map.of("STEPWISE_MAX_ATTEMPTS", "3"), 1024));
        template = Template.fromStack(stack);
    }

    @Test
    void construct_always_createsThreeJava21Arm64FunctionsWithCognitosTimeout() {
        for (String handler : List.of(
                StepwiseTriggers.DEFINE_HANDLER, StepwiseTriggers.CREATE_HANDLER, StepwiseTriggers.VERIFY_HANDLER)) {
            template.hasResourceProperties(
                    "AWS::Lambda::Function",
                    Map.of(
                            "Handler",
                            handler,
                            "Runtime",
                            "java21",
                            "Architectures",
                            List.of("arm64"),
                            "Timeout",
                            5,
                            "MemorySize",
                            1024));
        }
        template.resourceCountIs("AWS::Lambda::Function", 3);
    }

    @Test
    void construct_withPolicy_passesPolicyAndSettingsToEveryFunction() {
        assertThat(template.findResources(
                        "AWS::Lambda::Function",
                        Map.of(
                                "Properties",
                                Map.of(
                                        "Environment",
                                        Map.of(
                                                "Variables",
                                                Match.objectEquals(Map.of(
                                                        "STEPWISE_POLICY", "password > email_code",
                                                        "STEPWISE_MAX_ATTEMPTS", "3")))))))
                .hasSize(3);
    }

    @Test
    void construct_always_keepsLogsForAMonth() {
        template.resourceCountIs("AWS::Logs::LogGroup", 3);
        template.allResourcesProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 30));
    }

    @Test
    void props_withMissingJar_failsWithTheBuildCommand() {
        assertThatThrownBy(() -> StepwiseTriggersProps.of(Path.of("no/such.jar"), "email_code"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("./mvnw -pl functions package");
    }

    @Test
    void props_withPolicyInEnvironment_isRejected() {
        assertThatThrownBy(() -> new StepwiseTriggersProps(JAR, "email_code", Map.of("STEPWISE_POLICY", "x"), 1024))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("through 'policy'");
    }
}
