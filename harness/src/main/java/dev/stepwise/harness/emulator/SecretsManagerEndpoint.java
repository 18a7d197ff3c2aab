package dev.stepwise.harness.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Secrets Manager for the bundled triggers: the subset of its JSON 1.1 protocol ({@code X-Amz-Target: secretsmanager.*})
 * that Stepwise's {@code SecretsManagerKeys} sends ({@code GetSecretValue} by stage) plus what a test or a rotation
 * needs ({@code CreateSecret}, {@code PutSecretValue}), in memory. Each put makes a new version staged
 * {@code AWSCURRENT} and moves {@code AWSPREVIOUS} to the version that was current, as Secrets Manager does; older
 * versions lose their stages. Strings only; no rotation Lambdas, no binary secrets, no policies. Secrets are not kept
 * in the state file. Thread-safe.
 */
final class SecretsManagerEndpoint {
    static final String TARGET_PREFIX = "secretsmanager.";
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    private static final String ACCOUNT = "000000000000";
    private static final String DEFAULT_REGION = "us-east-1";
    private static final String CURRENT = "AWSCURRENT";
    private static final String PREVIOUS = "AWSPREVIOUS";
    private static final String SUFFIX_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private record Version(String id, String value, long created) {}

    private static final class Secret {
        final String name;
        final String arn;
        final List<Version> versions = new ArrayList<>();
        String current;
        String previous;

        Secret(String name, String arn) {
            this.name = name;
            this.arn = arn;
        }
    }

    private final Map<String, Secret> byName = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /**
     * Serves one operation; throws {@link CognitoException} with Secrets Manager's error type on a client error.
     *
     * @param region the region of the request's credential scope, or {@code null}
     */
    synchronized JsonNode handle(String operation, JsonNode request, String region) {
        if (request == null || !request.isObject()) {
            throw error("SerializationException", "The request body must be a JSON object");
        }
        return switch (operation) {
            case "CreateSecret" -> create(request, region == null ? DEFAULT_REGION : region);
            case "PutSecretValue" -> put(request);
            case "GetSecretValue" -> get(request);
            default -> throw error(
                    "InvalidRequestException",
                    "The Stepwise emulator's Secrets Manager implements CreateSecret, PutSecretValue and"
                            + " GetSecretValue, not " + operation);
        };
    }

    private JsonNode create(JsonNode request, String region) {
        String name = required(request, "Name");
        if (byName.containsKey(name)) {
            throw error(
                    "ResourceExistsException", "The operation failed because the secret " + name + " already exists.");
        }
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            suffix.append(SUFFIX_CHARS.charAt(random.nextInt(SUFFIX_CHARS.length())));
        }
        Secret secret =
                new Secret(name, "arn:aws:secretsmanager:" + region + ":" + ACCOUNT + ":secret:" + name + "-" + suffix);
        byName.put(name, secret);
        ObjectNode response = JsonCodec.object();
        response.put("ARN", secret.arn);
        response.put("Name", name);
        if (request.path("SecretString").isTextual()) {
            response.put(
                    "VersionId", addVersion(secret, request.path("SecretString").textValue()));
        }
        return response;
    }

    private JsonNode put(JsonNode request) {
        Secret secret = find(required(request, "SecretId"));
        String version = addVersion(secret, required(request, "SecretString"));
        ObjectNode response = JsonCodec.object();
        response.put("ARN", secret.arn);
        response.put("Name", secret.name);
        response.put("VersionId", version);
        response.putArray("VersionStages").add(CURRENT);
        return response;
    }

    private JsonNode get(JsonNode request) {
        Secret secret = find(required(request, "SecretId"));
        String stage = request.path("VersionStage").asText(null);
        String versionId = request.path("VersionId").asText(null);
        boolean knownStage = stage == null || stage.equals(CURRENT) || stage.equals(PREVIOUS);
        String wanted = !knownStage
                ? null
                : versionId != null ? versionId : PREVIOUS.equals(stage) ? secret.previous : secret.current;
        Version version = secret.versions.stream()
                .filter(v -> v.id().equals(wanted))
                .findFirst()
                .orElseThrow(() -> error(
                        "ResourceNotFoundException",
                        "Secrets Manager can't find the specified secret value for staging label: "
                                + (stage == null ? CURRENT : stage)));
        ObjectNode response = JsonCodec.object();
        response.put("ARN", secret.arn);
        response.put("Name", secret.name);
        response.put("VersionId", version.id());
        response.put("SecretString", version.value());
        var stages = response.putArray("VersionStages");
        if (version.id().equals(secret.current)) {
            stages.add(CURRENT);
        }
        if (version.id().equals(secret.previous)) {
            stages.add(PREVIOUS);
        }
        response.put("CreatedDate", version.created());
        return response;
    }

    private String addVersion(Secret secret, String value) {
        String id = UUID.randomUUID().toString();
        secret.versions.add(new Version(id, value, System.currentTimeMillis() / 1000));
        secret.previous = secret.current;
        secret.current = id;
        return id;
    }

    /** By name, full ARN, or partial ARN (without the random suffix), as Secrets Manager resolves a secret id. */
    private Secret find(String secretId) {
        Secret secret = byName.get(secretId);
        if (secret == null) {
            secret = byName.values().stream()
                    .filter(s -> s.arn.equals(secretId)
                            || s.arn.startsWith(secretId + "-") && s.arn.length() == secretId.length() + 7)
                    .findFirst()
                    .orElse(null);
        }
        if (secret == null) {
            throw error("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
        }
        return secret;
    }

    private static String required(JsonNode request, String member) {
        JsonNode value = request.path(member);
        if (!value.isTextual() || value.textValue().isEmpty()) {
            throw error("InvalidParameterException", member + " is required");
        }
        return value.textValue();
    }

    private static CognitoException error(String type, String message) {
        return new CognitoException(type, message, 400);
    }
}
