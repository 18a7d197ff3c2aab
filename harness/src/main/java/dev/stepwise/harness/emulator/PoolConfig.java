package dev.stepwise.harness.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A user pool's settings as the API stores them (the request members of CreateUserPool / UpdateUserPool), plus what
 * the emulator derives from them. Immutable; an update replaces it.
 */
record PoolConfig(String name, ObjectNode settings, Instant lastModified) {

    PoolConfig {
        settings = settings.deepCopy();
    }

    Map<String, String> lambdaConfig() {
        Map<String, String> config = new TreeMap<>();
        JsonNode lambda = settings.get("LambdaConfig");
        if (lambda != null && lambda.isObject()) {
            lambda.fields().forEachRemaining(e -> {
                if (e.getValue().isTextual()) {
                    config.put(e.getKey(), e.getValue().textValue());
                }
            });
        }
        return config;
    }

    String triggerArn(String key) {
        JsonNode lambda = settings.get("LambdaConfig");
        JsonNode arn = lambda == null ? null : lambda.get(key);
        return arn == null || !arn.isTextual() ? null : arn.textValue();
    }

    Set<String> usernameAttributes() {
        return strings("UsernameAttributes");
    }

    Set<String> aliasAttributes() {
        return strings("AliasAttributes");
    }

    boolean caseSensitive() {
        JsonNode config = settings.get("UsernameConfiguration");
        JsonNode flag = config == null ? null : config.get("CaseSensitive");
        return flag == null || !flag.isBoolean() || flag.booleanValue();
    }

    JsonNode passwordPolicy() {
        JsonNode policies = settings.get("Policies");
        JsonNode policy = policies == null ? null : policies.get("PasswordPolicy");
        return policy == null ? JsonCodec.object() : policy;
    }

    private Set<String> strings(String member) {
        Set<String> values = new HashSet<>();
        JsonNode node = settings.get(member);
        if (node != null && node.isArray()) {
            node.forEach(v -> values.add(v.asText()));
        }
        return values;
    }
}
