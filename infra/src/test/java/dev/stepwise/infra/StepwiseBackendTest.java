package dev.stepwise.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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

    @Test
    void bothStacks_always_outputThePoolIdAndRegion() {
        assertThat(newPool.template().findOutputs("*")).containsKeys("UserPoolId", "Region");
        assertThat(existingPool.template().findOutputs("*")).containsKeys("UserPoolId", "Region");
        assertThat(existingPool.template().findOutputs("*").get("UserPoolId"))
                .containsEntry("Value", "eu-west-1_AbCdEf123");
    }
}
