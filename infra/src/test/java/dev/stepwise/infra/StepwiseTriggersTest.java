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

    private static final Path JAR = StepwiseSettings.DEFAULT_FUNCTIONS_JAR;

    private static Template template;

    @BeforeAll
    static void synth() {
        App app = new App();
        Stack stack = new Stack(app, "TriggersTest");
        StepwiseTriggers triggers = new StepwiseTriggers(
                stack,
                "Triggers",
                StepwiseTriggersProps.builder()
                        .functionsJar(JAR)
                        .policy("password > totp")
                        .environment(Map.of("STEPWISE_MAX_ATTEMPTS", "3"))
                        .build());
        triggers.allowInvokeFrom("arn:aws:cognito-idp:eu-west-1:111122223333:userpool/eu-west-1_AbC");
        template = Template.fromStack(stack);
    }

    @Test
    void construct_always_createsThreeJava21Arm64FunctionsWithCognitosTimeoutAndSnapStart() {
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
                            1024,
                            "SnapStart",
                            Map.of("ApplyOn", "PublishedVersions")));
        }
        template.resourceCountIs("AWS::Lambda::Function", 3);
    }

    @Test
    void construct_always_publishesAVersionPerFunctionBehindALiveAlias() {
        template.resourceCountIs("AWS::Lambda::Version", 3);
        template.resourceCountIs("AWS::Lambda::Alias", 3);
        template.allResourcesProperties(
                "AWS::Lambda::Alias",
                Map.of("Name", "live", "FunctionVersion", Map.of("Fn::GetAtt", List.of(Match.anyValue(), "Version"))));
    }

    @Test
    void construct_withPolicy_passesPolicySecretAndSettingsToEveryFunction() {
        assertThat(template.findResources(
                        "AWS::Lambda::Function",
                        Map.of(
                                "Properties",
                                Map.of(
                                        "Environment",
                                        Map.of(
                                                "Variables",
                                                Match.objectEquals(Map.of(
                                                        "STEPWISE_POLICY",
                                                        "password > totp",
                                                        "STEPWISE_MAX_ATTEMPTS",
                                                        "3",
                                                        "STEPWISE_SECRET",
                                                        Match.anyValue(),
                                                        "JAVA_TOOL_OPTIONS",
                                                        Match.anyValue())))))))
                .hasSize(3);
    }

    @Test
    void construct_always_generatesTheSecretAsSixtyFourAlphanumerics() {
        template.hasResourceProperties(
                "AWS::SecretsManager::Secret",
                Map.of(
                        "GenerateSecretString",
                        Map.of("PasswordLength", 64, "ExcludePunctuation", true, "IncludeSpace", false)));
    }

    @Test
    void construct_always_keepsLogsForAMonth() {
        template.resourceCountIs("AWS::Logs::LogGroup", 3);
        template.allResourcesProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 30));
    }

    @Test
    void construct_withoutSenderOrSms_grantsNoSesOrSns() {
        assertThat(template.toJSON().toString()).doesNotContain("ses:").doesNotContain("sns:");
    }

    @Test
    void allowInvokeFrom_pool_addsOnePermissionPerAliasWithSourceArnAndAccount() {
        template.resourceCountIs("AWS::Lambda::Permission", 3);
        template.allResourcesProperties(
                "AWS::Lambda::Permission",
                Map.of(
                        "Action", "lambda:InvokeFunction",
                        "Principal", "cognito-idp.amazonaws.com",
                        "SourceArn", "arn:aws:cognito-idp:eu-west-1:111122223333:userpool/eu-west-1_AbC",
                        "SourceAccount", Map.of("Ref", "AWS::AccountId"),
                        "FunctionName", Map.of("Ref", Match.stringLikeRegexp("Triggers.*Live.*"))));
    }

    @Test
    void props_withMissingJar_failsWithTheBuildCommand() {
        assertThatThrownBy(() -> StepwiseTriggersProps.of(Path.of("no/such.jar"), "email_code"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("./mvnw -pl functions package");
    }

    @Test
    void props_withManagedVariableInEnvironment_isRejected() {
        assertThatThrownBy(() -> StepwiseTriggersProps.builder()
                        .functionsJar(JAR)
                        .policy("totp")
                        .environment(Map.of("STEPWISE_SECRET", "x"))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("STEPWISE_SECRET");
    }

    @Test
    void construct_withoutSecretsKey_setsNoKeyAndGrantsNoKms() {
        assertThat(template.toJSON().toString()).doesNotContain("kms:").doesNotContain("STEPWISE_KMS_KEY_ID");
    }

    @Test
    void props_withKmsKeyVariableInEnvironment_isRejectedNamingSecretsKey() {
        assertThatThrownBy(() -> StepwiseTriggersProps.builder()
                        .functionsJar(JAR)
                        .policy("totp")
                        .environment(Map.of("STEPWISE_KMS_KEY_ID", "alias/mine"))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("STEPWISE_KMS_KEY_ID")
                .hasMessageContaining("secretsKey");
    }

    @Test
    void props_withEmailPolicyAndNoSender_isRejected() {
        assertThatThrownBy(() -> StepwiseTriggersProps.of(JAR, "password > email_code"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("senderAddress");
    }
}
