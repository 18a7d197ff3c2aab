package dev.stepwise.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.lambda.aws.KmsSecretBox;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.assertions.Match;

class StepwiseBackendTest {

    private static final Set<Object> SHARED_TYPES = Set.of(
            "AWS::DynamoDB::Table",
            "AWS::KMS::Key",
            "AWS::SecretsManager::Secret",
            "AWS::Logs::LogGroup",
            "AWS::Lambda::Function",
            "AWS::IAM::Role");

    private static Synth newPool;
    private static Synth existingPool;

    @BeforeAll
    static void synth() {
        Map<String, Object> shared = Map.of("policy", "email_code > totp", "senderAddress", "no-reply@example.com");
        Map<String, Object> newContext = new TreeMap<>(shared);
        newContext.put("mode", "new");
        Map<String, Object> existingContext = new TreeMap<>(shared);
        existingContext.put("mode", "existing");
        existingContext.put("userPoolId", "eu-west-1_AbCdEf123");
        newPool = Synth.app(newContext);
        existingPool = Synth.app(existingContext);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> backend(Synth synth) {
        Map<String, Object> resources = new TreeMap<>();
        ((Map<String, Map<String, Object>>) synth.template().toJSON().get("Resources")).forEach((id, resource) -> {
            if (SHARED_TYPES.contains(resource.get("Type"))
                    && (id.startsWith("StateTable") || id.startsWith("SecretsKey") || id.startsWith("Triggers"))) {
                Map<String, Object> properties = new TreeMap<>(Synth.properties(resource));
                properties.remove("Code");
                resources.put(id, List.of(resource.get("Type"), properties));
            }
        });
        return resources;
    }

    @Test
    void bothStacks_sameSettings_deployTheSameTableAndTriggers() {
        assertThat(backend(newPool)).isNotEmpty().isEqualTo(backend(existingPool));
    }

    static Stream<Synth> bothStacks() {
        return Stream.of(newPool, existingPool);
    }

    @ParameterizedTest
    @MethodSource("bothStacks")
    void stack_always_createsOneRotatingRetainedSymmetricKeyForTotpSecrets(Synth synth) {
        synth.template().resourceCountIs("AWS::KMS::Key", 1);
        synth.template()
                .hasResource(
                        "AWS::KMS::Key",
                        Map.of(
                                "DeletionPolicy",
                                "Retain",
                                "UpdateReplacePolicy",
                                "Retain",
                                "Properties",
                                Match.objectLike(Map.of(
                                        "EnableKeyRotation",
                                        true,
                                        "KeySpec",
                                        "SYMMETRIC_DEFAULT",
                                        "KeyUsage",
                                        "ENCRYPT_DECRYPT",
                                        "PendingWindowInDays",
                                        30))));
    }

    @ParameterizedTest
    @MethodSource("bothStacks")
    void stack_always_givesEveryTriggerTheKeyArn(Synth synth) {
        long triggers = synth.template().findResources("AWS::Lambda::Function").keySet().stream()
                .filter(id -> id.startsWith("Triggers"))
                .count();
        assertThat(triggers).isEqualTo(5L);
        assertThat(synth.template()
                        .findResources(
                                "AWS::Lambda::Function",
                                Map.of(
                                        "Properties",
                                        Map.of(
                                                "Environment",
                                                Map.of(
                                                        "Variables",
                                                        Match.objectLike(Map.of(
                                                                "STEPWISE_KMS_KEY_ID",
                                                                Map.of(
                                                                        "Fn::GetAtt",
                                                                        List.of(keyId(synth), "Arn")))))))))
                .hasSize((int) triggers)
                .allSatisfy((id, function) -> assertThat(id).startsWith("Triggers"));
    }

    @ParameterizedTest
    @MethodSource("bothStacks")
    void stack_always_letsOnlyCreateAndVerifyEncryptAndDecryptWithStepwisesContext(Synth synth) {
        List<Synth.Statement> kms = synth.statements().stream()
                .filter(statement -> statement.actions().stream().anyMatch(action -> action.startsWith("kms:")))
                .toList();

        assertThat(kms).extracting(Synth.Statement::policyId).hasSize(2).allSatisfy(id -> assertThat(id)
                .containsAnyOf("Create", "Verify"));
        assertThat(kms).allSatisfy(statement -> {
            assertThat(statement.actions()).containsExactly("kms:Encrypt", "kms:Decrypt");
            assertThat(statement.body().get("Resource")).isEqualTo(Map.of("Fn::GetAtt", List.of(keyId(synth), "Arn")));
            assertThat(statement.body().get("Condition"))
                    .isEqualTo(Map.of(
                            "ForAllValues:StringEquals",
                            Map.of("kms:EncryptionContextKeys", List.of(KmsSecretBox.CONTEXT_KEY)),
                            "Null",
                            Map.of("kms:EncryptionContextKeys", "false")));
        });
    }

    @ParameterizedTest
    @MethodSource("bothStacks")
    @SuppressWarnings("unchecked")
    void stack_always_letsTheAccountAdministerButOnlyCreateAndVerifyUseTheKey(Synth synth) {
        Map<String, Object> policy = (Map<String, Object>)
                Synth.properties(synth.resource(keyId(synth))).get("KeyPolicy");
        List<Map<String, Object>> statements = (List<Map<String, Object>>) policy.get("Statement");

        assertThat(statements).hasSize(2);
        Map<String, Object> admin = statements.get(0);
        assertThat((List<String>) admin.get("Action"))
                .containsExactlyInAnyOrderElementsOf(StepwiseSecretsKey.ADMIN_ACTIONS)
                .noneMatch(action -> action.contains("*"))
                .doesNotContain(
                        "kms:Encrypt", "kms:Decrypt", "kms:CreateGrant", "kms:ReEncryptFrom", "kms:GenerateDataKey");
        Map<String, Object> use = statements.get(1);
        assertThat(use.get("Action")).isEqualTo(List.of("kms:Encrypt", "kms:Decrypt"));
        Map<String, Object> condition =
                (Map<String, Object>) ((Map<String, Object>) use.get("Condition")).get("ArnEquals");
        List<Object> principals = (List<Object>) condition.get("aws:PrincipalArn");
        assertThat(principals).hasSize(2);
        assertThat(principals.toString())
                .contains("TriggersCreateRole")
                .contains("TriggersVerifyRole")
                .doesNotContain("Define");
    }

    @Test
    void stack_withExistingArns_adoptsTableKeyAndSecretInsteadOfCreatingThem() {
        Synth adopted = Synth.app(Map.of(
                "mode", "new",
                "policy", "totp",
                "existingStateTableArn", "arn:aws:dynamodb:eu-west-1:111122223333:table/kept-state",
                "existingSecretsKeyArn", "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                "existingSecretArn", "arn:aws:secretsmanager:eu-west-1:111122223333:secret:kept-key-AbCdEf"));

        adopted.template().resourceCountIs("AWS::DynamoDB::Table", 0);
        adopted.template().resourceCountIs("AWS::KMS::Key", 0);
        adopted.template().resourceCountIs("AWS::SecretsManager::Secret", 0);
        adopted.template()
                .allResourcesProperties(
                        "AWS::Lambda::Function",
                        Map.of(
                                "Environment",
                                Map.of(
                                        "Variables",
                                        Match.objectLike(
                                                Map.of(
                                                        "STEPWISE_STATE_TABLE", "kept-state",
                                                        "STEPWISE_KMS_KEY_ID",
                                                                "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                                                        "STEPWISE_SECRET_ARN",
                                                                "arn:aws:secretsmanager:eu-west-1:111122223333:secret:kept-key-AbCdEf")))));
        adopted.template()
                .hasResourceProperties(
                        "AWS::SecretsManager::ResourcePolicy",
                        Map.of("SecretId", "arn:aws:secretsmanager:eu-west-1:111122223333:secret:kept-key-AbCdEf"));
        assertThat(adopted.statements())
                .filteredOn(statement -> statement.actions().contains("dynamodb:GetItem"))
                .hasSize(3)
                .allSatisfy(statement -> assertThat(statement.body().get("Resource"))
                        .isEqualTo("arn:aws:dynamodb:eu-west-1:111122223333:table/kept-state"));
        assertThat(adopted.nagErrors()).isEmpty();
        assertThat(adopted.nagWarnings()).isEmpty();
    }

    @Test
    void stack_withDestroy_schedulesTheKeyForDeletionAfterThirtyDays() {
        Synth destroy = Synth.app(Map.of("mode", "new", "policy", "totp", "removalPolicy", "destroy"));

        destroy.template()
                .hasResource(
                        "AWS::KMS::Key",
                        Map.of(
                                "DeletionPolicy",
                                "Delete",
                                "Properties",
                                Match.objectLike(Map.of("PendingWindowInDays", 30))));
    }

    private static String keyId(Synth synth) {
        return synth.template()
                .findResources("AWS::KMS::Key")
                .keySet()
                .iterator()
                .next();
    }

    @Test
    void bothStacks_always_outputThePoolIdAndRegion() {
        assertThat(newPool.template().findOutputs("*")).containsKeys("UserPoolId", "Region");
        assertThat(existingPool.template().findOutputs("*")).containsKeys("UserPoolId", "Region");
        assertThat(existingPool.template().findOutputs("*").get("UserPoolId"))
                .containsEntry("Value", "eu-west-1_AbCdEf123");
    }
}
