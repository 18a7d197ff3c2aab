package dev.stepwise.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.RemovalPolicy;
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
                        .stateTable(StepwiseStateTable.create(stack, "State", RemovalPolicy.DESTROY))
                        .environment(Map.of("STEPWISE_MAX_ATTEMPTS", "3"))
                        .build());
        triggers.allowInvokeFrom("arn:aws:cognito-idp:eu-west-1:111122223333:userpool/eu-west-1_AbC");
        template = Template.fromStack(stack);
    }

    @Test
    void construct_withStateTable_createsFiveJava21Arm64FunctionsWithCognitosTimeoutAndSnapStart() {
        for (String handler : List.of(
                StepwiseTriggers.DEFINE_HANDLER,
                StepwiseTriggers.CREATE_HANDLER,
                StepwiseTriggers.VERIFY_HANDLER,
                StepwiseTriggers.TOKEN_GENERATION_HANDLER,
                StepwiseTriggers.POST_CONFIRMATION_HANDLER)) {
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
        template.resourceCountIs("AWS::Lambda::Function", 5);
    }

    @Test
    void construct_always_publishesAVersionPerFunctionBehindALiveAlias() {
        template.resourceCountIs("AWS::Lambda::Version", 5);
        template.resourceCountIs("AWS::Lambda::Alias", 5);
        template.allResourcesProperties(
                "AWS::Lambda::Alias",
                Map.of("Name", "live", "FunctionVersion", Map.of("Fn::GetAtt", List.of(Match.anyValue(), "Version"))));
    }

    @Test
    void construct_withPolicy_passesPolicySecretArnAndSettingsToEveryFunction() {
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
                                                        "STEPWISE_SECRET_ARN",
                                                        Map.of("Ref", Match.stringLikeRegexp("TriggersSecret.*")),
                                                        "STEPWISE_STATE_TABLE",
                                                        Match.anyValue(),
                                                        "JAVA_TOOL_OPTIONS",
                                                        Match.anyValue())))))))
                .hasSize(5);
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
    void construct_always_keepsTheKeyOutOfTemplateAndEnvironment() {
        String json = template.toJSON().toString();
        assertThat(json).doesNotContain("resolve:secretsmanager").doesNotContain("{{resolve");
        template.allResourcesProperties(
                "AWS::Lambda::Function",
                Map.of(
                        "Environment",
                        Map.of("Variables", Match.not(Match.objectLike(Map.of("STEPWISE_SECRET", Match.anyValue()))))));
    }

    @Test
    void construct_always_letsOnlyTheFourRolesGetTheSecretValue() {
        List<Map<String, Object>> reads = statements(template).stream()
                .filter(statement -> statement.toString().contains("secretsmanager:"))
                .toList();
        assertThat(reads).hasSize(4).allSatisfy(statement -> {
            assertThat(statement.get("Action")).isEqualTo("secretsmanager:GetSecretValue");
            assertThat(statement.get("Resource")).isEqualTo(Map.of("Ref", secretId()));
        });
        template.hasResourceProperties(
                "AWS::SecretsManager::ResourcePolicy",
                Map.of(
                        "SecretId",
                        Map.of("Ref", secretId()),
                        "ResourcePolicy",
                        Map.of(
                                "Statement",
                                List.of(Map.of(
                                        "Sid", "OnlyTheStepwiseTriggersReadTheKey",
                                        "Effect", "Deny",
                                        "Principal", Map.of("AWS", "*"),
                                        "Action", "secretsmanager:GetSecretValue",
                                        "Resource", "*",
                                        "Condition",
                                                Map.of(
                                                        "StringNotEquals",
                                                        Map.of(
                                                                "aws:PrincipalArn",
                                                                List.of(
                                                                        roleArn("TriggersDefineRole"),
                                                                        roleArn("TriggersCreateRole"),
                                                                        roleArn("TriggersVerifyRole"),
                                                                        roleArn("TriggersTokenGenerationRole")))))))));
    }

    @Test
    void construct_always_grantsEachFunctionExactlyTheTableActionsItsCodeCalls() {
        Map<String, List<String>> expected = Map.of(
                "Define",
                        List.of(
                                "dynamodb:GetItem",
                                "dynamodb:PutItem",
                                "dynamodb:UpdateItem",
                                "dynamodb:DeleteItem",
                                "dynamodb:Query"),
                "Create",
                        List.of(
                                "dynamodb:GetItem",
                                "dynamodb:PutItem",
                                "dynamodb:UpdateItem",
                                "dynamodb:DeleteItem",
                                "dynamodb:Query"),
                "Verify",
                        List.of(
                                "dynamodb:GetItem",
                                "dynamodb:PutItem",
                                "dynamodb:UpdateItem",
                                "dynamodb:DeleteItem",
                                "dynamodb:Query"));
        expected.forEach((function, actions) -> {
            List<Object> granted = template.findResources("AWS::IAM::Policy").entrySet().stream()
                    .filter(entry -> entry.getKey().startsWith("Triggers" + function + "Role"))
                    .flatMap(entry -> statements(entry.getValue()).stream())
                    .filter(statement -> statement.toString().contains("dynamodb:"))
                    .map(statement -> statement.get("Action"))
                    .toList();
            assertThat(granted).as(function).containsExactly(actions);
        });
    }

    @Test
    void tableActions_always_coverExactlyTheCallsOfTheDynamoDbStateStore() throws Exception {
        String store =
                Files.readString(Path.of("../functions/src/main/java/dev/stepwise/lambda/aws/DynamoDbStateStore.java"));
        Set<String> called = new TreeSet<>();
        Matcher calls = Pattern.compile("call\\(\\s*\"(\\w+)\"").matcher(store);
        while (calls.find()) {
            called.add("dynamodb:" + calls.group(1));
        }
        Set<String> granted = new TreeSet<>(StepwiseTriggers.DEFINE_TABLE_ACTIONS);
        granted.addAll(StepwiseTriggers.CREATE_TABLE_ACTIONS);
        granted.addAll(StepwiseTriggers.VERIFY_TABLE_ACTIONS);
        assertThat(called).isNotEmpty().isEqualTo(granted);
    }

    @Test
    void construct_always_writesJsonLogsWithTheRequestId() {
        template.allResourcesProperties(
                "AWS::Lambda::Function", Map.of("LoggingConfig", Match.objectLike(Map.of("LogFormat", "JSON"))));
    }

    private static String secretId() {
        return template.findResources("AWS::SecretsManager::Secret")
                .keySet()
                .iterator()
                .next();
    }

    private static Map<String, Object> roleArn(String prefix) {
        String id = template.findResources("AWS::IAM::Role").keySet().stream()
                .filter(key -> key.startsWith(prefix))
                .findFirst()
                .orElseThrow();
        return Map.of("Fn::GetAtt", List.of(id, "Arn"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> statements(Template template) {
        return template.findResources("AWS::IAM::Policy").values().stream()
                .flatMap(policy -> statements(policy).stream())
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> statements(Map<String, Object> policy) {
        Map<String, Object> document =
                (Map<String, Object>) Synth.properties(policy).get("PolicyDocument");
        return (List<Map<String, Object>>) document.get("Statement");
    }

    @Test
    void construct_always_keepsLogsForAMonth() {
        template.resourceCountIs("AWS::Logs::LogGroup", 5);
        template.allResourcesProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 30));
    }

    @Test
    void construct_withoutSenderOrSms_grantsNoSesOrSns() {
        assertThat(template.toJSON().toString()).doesNotContain("ses:").doesNotContain("sns:");
    }

    @Test
    void construct_withTotpSetUpOn_letsVerifySendTheEnrolmentNoticeToo() {
        Map<String, Set<String>> senders = new TreeMap<>();
        for (String setUp : List.of("off", "on")) {
            senders.put(
                    setUp,
                    functionsThatSend("TotpSetUp" + setUp, "email_code > totp", Map.of("STEPWISE_TOTP_SETUP", setUp)));
        }

        assertThat(senders).containsEntry("off", Set.of("Create")).containsEntry("on", Set.of("Create", "Verify"));
    }

    @Test
    void construct_withPasskeySetUpOn_letsVerifySendTheNoticeToo() {
        Map<String, Set<String>> senders = new TreeMap<>();
        for (String setUp : List.of("off", "on")) {
            senders.put(
                    setUp,
                    functionsThatSend(
                            "PasskeySetUp" + setUp,
                            "email_code > passkey",
                            Map.of(
                                    "STEPWISE_PASSKEY_SETUP", setUp,
                                    "STEPWISE_WEBAUTHN_RP_ID", "example.com",
                                    "STEPWISE_WEBAUTHN_ORIGINS", "https://app.example.com")));
        }

        assertThat(senders).containsEntry("off", Set.of("Create")).containsEntry("on", Set.of("Create", "Verify"));
    }

    /** The functions of a new pool's triggers whose roles may send email and SMS, by their short names. */
    private static Set<String> functionsThatSend(String stackName, String policy, Map<String, String> environment) {
        Stack stack = new Stack(new App(), stackName);
        new StepwiseTriggers(
                stack,
                "Triggers",
                StepwiseTriggersProps.builder()
                        .functionsJar(JAR)
                        .policy(policy)
                        .senderAddress("no-reply@example.com")
                        .smsEnabled(true)
                        .stateTable(StepwiseStateTable.create(stack, "State", RemovalPolicy.DESTROY))
                        .environment(environment)
                        .build());
        Set<String> functions = new TreeSet<>();
        Template.fromStack(stack).findResources("AWS::IAM::Policy").forEach((name, role) -> {
            String actions = statements(role).toString();
            if (actions.contains("ses:SendEmail") && actions.contains("sns:Publish")) {
                functions.add(name.replaceAll("^Triggers(\\w+?)Role.*$", "$1"));
            }
        });
        return functions;
    }

    private static List<Map<String, Object>> tableStatements(String role) {
        List<Map<String, Object>> table = new java.util.ArrayList<>();
        template.findResources("AWS::IAM::Policy").forEach((name, policy) -> {
            if (name.startsWith(role)) {
                statements(policy).stream()
                        .filter(statement -> statement.toString().contains("dynamodb:"))
                        .forEach(table::add);
            }
        });
        return table;
    }

    @Test
    void construct_always_letsTokenGenerationOnlyQueryAndDeleteInUsersPartitions() {
        assertThat(tableStatements("TriggersTokenGenerationRole"))
                .singleElement()
                .satisfies(statement -> {
                    assertThat(statement.get("Action")).isEqualTo(List.of("dynamodb:Query", "dynamodb:DeleteItem"));
                    assertThat(statement.get("Condition"))
                            .isEqualTo(Map.of(
                                    "ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", List.of("user#*"))));
                });
    }

    @Test
    void construct_withStateTable_letsPostConfirmationOnlyQueryAndDeleteInUsersPartitionsAndReadNoSecret() {
        List<String> postConfirmationPolicy = new java.util.ArrayList<>();
        template.findResources("AWS::IAM::Policy").forEach((name, policy) -> {
            if (name.startsWith("TriggersPostConfirmationRole")) {
                postConfirmationPolicy.add(statements(policy).toString());
            }
        });

        assertThat(tableStatements("TriggersPostConfirmationRole"))
                .singleElement()
                .satisfies(statement -> {
                    assertThat(statement.get("Action")).isEqualTo(List.of("dynamodb:Query", "dynamodb:DeleteItem"));
                    assertThat(statement.get("Condition"))
                            .isEqualTo(Map.of(
                                    "ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", List.of("user#*"))));
                });
        assertThat(postConfirmationPolicy)
                .singleElement()
                .asString()
                .doesNotContain("secretsmanager:")
                .doesNotContain("kms:")
                .doesNotContain("ses:")
                .doesNotContain("sns:");
    }

    @Test
    void construct_withoutStateTable_noPostConfirmation() {
        Stack stack = new Stack(new App(), "NoTable");
        StepwiseTriggers triggers = new StepwiseTriggers(
                stack,
                "Triggers",
                StepwiseTriggersProps.builder()
                        .functionsJar(JAR)
                        .policy("totp")
                        .environment(Map.of("STEPWISE_ABUSE_CONTROLS", "off"))
                        .tokenGuard(false)
                        .build());

        assertThat(triggers.postConfirmationFunction()).isNull();
        assertThatThrownBy(triggers::postConfirmation).hasMessageContaining("without a state table");
    }

    @Test
    void construct_tokenGuardOff_buildsNoPreTokenGeneration() {
        Stack stack = new Stack(new App(), "NoGuard");
        StepwiseTriggers triggers = new StepwiseTriggers(
                stack,
                "Triggers",
                StepwiseTriggersProps.builder()
                        .functionsJar(JAR)
                        .policy("totp")
                        .stateTable(StepwiseStateTable.create(stack, "State", RemovalPolicy.DESTROY))
                        .tokenGuard(false)
                        .build());

        Template.fromStack(stack).resourceCountIs("AWS::Lambda::Function", 4);
        assertThat(triggers.tokenGenerationFunction()).isNull();
        assertThatThrownBy(triggers::preTokenGeneration).hasMessageContaining("tokenGuard(false)");
    }

    @Test
    void props_tokenGuardWithoutStateTable_refused() {
        assertThatThrownBy(() -> StepwiseTriggersProps.builder()
                        .functionsJar(JAR)
                        .policy("totp")
                        .environment(Map.of("STEPWISE_ABUSE_CONTROLS", "off"))
                        .build())
                .hasMessageContaining("token guard");
        assertThatThrownBy(() -> StepwiseTriggersProps.of(JAR, "totp")).hasMessageContaining("abuse controls");
    }

    @Test
    void allowInvokeFrom_pool_addsOnePermissionPerAliasWithSourceArnAndAccount() {
        template.resourceCountIs("AWS::Lambda::Permission", 5);
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

    @Test
    void props_withoutStateTable_isRejectedUnlessAbuseControlsAreOff() {
        assertThatThrownBy(() -> StepwiseTriggersProps.of(JAR, "password > totp"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stateTable is not set, but the functions' abuse controls");

        assertThat(StepwiseTriggersProps.builder()
                        .functionsJar(JAR)
                        .policy("password > totp")
                        .environment(Map.of("STEPWISE_ABUSE_CONTROLS", "off"))
                        .tokenGuard(false)
                        .build()
                        .stateTable())
                .isNull();
    }
}
