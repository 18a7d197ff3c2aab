package dev.stepwise.harness.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * KMS for the bundled triggers: the subset of KMS's JSON 1.1 protocol ({@code X-Amz-Target: TrentService.*}) that
 * Stepwise's {@code KmsSecretBox} sends ({@code Encrypt}, {@code Decrypt}) plus {@code DescribeKey}, in memory. Each
 * key is a random AES-256 key held here; the encryption context is bound as additional authenticated data, so a
 * ciphertext opens only under the same context, as in KMS. An alias ({@code alias/...}) names a new key the first time
 * it is used, as the state table accepts any table name; key ids and key ARNs must exist. Errors carry KMS's error
 * types. Keys are not kept in the state file. Thread-safe.
 *
 * <p>Blob: {@code 0x01 | key id (16 bytes) | nonce (12) | AES-GCM ciphertext and tag}. KMS's own blobs are longer
 * (about 150 bytes of overhead) and opaque.
 */
final class KmsEndpoint {
    static final String TARGET_PREFIX = "TrentService.";
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    private static final String ACCOUNT = "000000000000";
    private static final String DEFAULT_REGION = "us-east-1";
    private static final String ALGORITHM = "SYMMETRIC_DEFAULT";
    private static final byte VERSION = 1;
    private static final int ID_BYTES = 16;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int MAX_PLAINTEXT = 4096;
    private static final Pattern KEY_ARN = Pattern.compile("arn:aws[\\w-]*:kms:[\\w-]+:\\d{12}:key/(.+)");
    private static final Pattern ALIAS_ARN = Pattern.compile("arn:aws[\\w-]*:kms:[\\w-]+:\\d{12}:(alias/.+)");
    private static final Pattern ALIAS = Pattern.compile("alias/[a-zA-Z0-9/_-]{1,250}");

    private record Key(UUID id, byte[] material, Instant created) {}

    private final Map<UUID, Key> keys = new ConcurrentHashMap<>();
    private final Map<String, UUID> aliases = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /**
     * Serves one operation; throws {@link CognitoException} with KMS's error type on a client error.
     *
     * @param region the region of the request's credential scope, or {@code null}
     */
    JsonNode handle(String operation, JsonNode request, String region) {
        if (request == null || !request.isObject()) {
            throw error("SerializationException", "The request body must be a JSON object");
        }
        String arnPrefix = "arn:aws:kms:" + (region == null ? DEFAULT_REGION : region) + ":" + ACCOUNT + ":key/";
        return switch (operation) {
            case "Encrypt" -> encrypt(request, arnPrefix);
            case "Decrypt" -> decrypt(request, arnPrefix);
            case "DescribeKey" -> describeKey(request, arnPrefix);
            default -> throw error(
                    "UnsupportedOperationException",
                    "The Stepwise emulator's KMS implements Encrypt, Decrypt and DescribeKey, not " + operation);
        };
    }

    private JsonNode encrypt(JsonNode request, String arnPrefix) {
        Key key = resolve(required(request, "KeyId"), true);
        algorithm(request);
        byte[] plaintext = base64(required(request, "Plaintext"), "Plaintext");
        if (plaintext.length == 0 || plaintext.length > MAX_PLAINTEXT) {
            throw error("ValidationException", "Plaintext must be 1 to " + MAX_PLAINTEXT + " bytes");
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = gcm(Cipher.ENCRYPT_MODE, key, nonce, aad(request), plaintext);
        byte[] blob = ByteBuffer.allocate(1 + ID_BYTES + NONCE_BYTES + sealed.length)
                .put(VERSION)
                .putLong(key.id().getMostSignificantBits())
                .putLong(key.id().getLeastSignificantBits())
                .put(nonce)
                .put(sealed)
                .array();
        ObjectNode response = JsonCodec.object();
        response.put("CiphertextBlob", Base64.getEncoder().encodeToString(blob));
        response.put("KeyId", arnPrefix + key.id());
        response.put("EncryptionAlgorithm", ALGORITHM);
        return response;
    }

    private JsonNode decrypt(JsonNode request, String arnPrefix) {
        algorithm(request);
        ByteBuffer blob = ByteBuffer.wrap(base64(required(request, "CiphertextBlob"), "CiphertextBlob"));
        if (blob.remaining() <= 1 + ID_BYTES + NONCE_BYTES + TAG_BITS / 8 || blob.get() != VERSION) {
            throw invalidCiphertext();
        }
        Key key = keys.get(new UUID(blob.getLong(), blob.getLong()));
        if (key == null) {
            throw invalidCiphertext();
        }
        String keyId = request.path("KeyId").asText(null);
        if (keyId != null && !resolve(keyId, false).id().equals(key.id())) {
            throw error(
                    "IncorrectKeyException",
                    "The key ID in the request does not identify a KMS key that can perform this operation.");
        }
        byte[] nonce = new byte[NONCE_BYTES];
        blob.get(nonce);
        byte[] sealed = new byte[blob.remaining()];
        blob.get(sealed);
        byte[] plaintext = gcm(Cipher.DECRYPT_MODE, key, nonce, aad(request), sealed);
        ObjectNode response = JsonCodec.object();
        response.put("Plaintext", Base64.getEncoder().encodeToString(plaintext));
        response.put("KeyId", arnPrefix + key.id());
        response.put("EncryptionAlgorithm", ALGORITHM);
        return response;
    }

    private JsonNode describeKey(JsonNode request, String arnPrefix) {
        Key key = resolve(required(request, "KeyId"), false);
        ObjectNode metadata = JsonCodec.object();
        metadata.put("AWSAccountId", ACCOUNT);
        metadata.put("KeyId", key.id().toString());
        metadata.put("Arn", arnPrefix + key.id());
        metadata.put("CreationDate", key.created().getEpochSecond());
        metadata.put("Enabled", true);
        metadata.put("Description", "Stepwise emulator key");
        metadata.put("KeyUsage", "ENCRYPT_DECRYPT");
        metadata.put("KeyState", "Enabled");
        metadata.put("Origin", "AWS_KMS");
        metadata.put("KeyManager", "CUSTOMER");
        metadata.put("KeySpec", ALGORITHM);
        metadata.put("CustomerMasterKeySpec", ALGORITHM);
        metadata.putArray("EncryptionAlgorithms").add(ALGORITHM);
        metadata.put("MultiRegion", false);
        ObjectNode response = JsonCodec.object();
        response.set("KeyMetadata", metadata);
        return response;
    }

    /** The key a KeyId names: a key id, key ARN, alias name or alias ARN. Aliases are created on first Encrypt. */
    private Key resolve(String keyId, boolean createAlias) {
        Matcher aliasArn = ALIAS_ARN.matcher(keyId);
        String alias = aliasArn.matches() ? aliasArn.group(1) : keyId;
        if (ALIAS.matcher(alias).matches()) {
            UUID id = createAlias ? aliases.computeIfAbsent(alias, name -> newKey()) : aliases.get(alias);
            if (id == null) {
                throw error("NotFoundException", "Alias " + keyId + " is not found.");
            }
            return keys.get(id);
        }
        Matcher keyArn = KEY_ARN.matcher(keyId);
        String id = keyArn.matches() ? keyArn.group(1) : keyId;
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw error("NotFoundException", "Invalid keyId " + keyId);
        }
        Key key = keys.get(uuid);
        if (key == null || !uuid.toString().equals(id)) {
            throw error("NotFoundException", "Key '" + keyId + "' does not exist");
        }
        return key;
    }

    private UUID newKey() {
        byte[] material = new byte[32];
        random.nextBytes(material);
        UUID id = UUID.randomUUID();
        keys.put(id, new Key(id, material, Instant.now()));
        return id;
    }

    private static void algorithm(JsonNode request) {
        String algorithm = request.path("EncryptionAlgorithm").asText(ALGORITHM);
        if (!ALGORITHM.equals(algorithm)) {
            throw error("InvalidKeyUsageException", "The emulator's keys are symmetric: use " + ALGORITHM);
        }
    }

    /** The encryption context as AAD: entries sorted by key, each length-prefixed, so order does not matter. */
    private static byte[] aad(JsonNode request) {
        JsonNode context = request.path("EncryptionContext");
        if (!context.isMissingNode() && !context.isNull() && !context.isObject()) {
            throw error("SerializationException", "EncryptionContext must be a map of strings");
        }
        Map<String, String> sorted = new TreeMap<>();
        context.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                throw error("SerializationException", "EncryptionContext must be a map of strings");
            }
            sorted.put(e.getKey(), e.getValue().textValue());
        });
        StringBuilder aad = new StringBuilder();
        sorted.forEach((k, v) -> aad.append(k.length())
                .append(':')
                .append(k)
                .append(v.length())
                .append(':')
                .append(v));
        return aad.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gcm(int mode, Key key, byte[] nonce, byte[] aad, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key.material(), "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw invalidCiphertext();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is not available in this JVM", e);
        }
    }

    private static String required(JsonNode request, String member) {
        JsonNode value = request.path(member);
        if (!value.isTextual() || value.textValue().isEmpty()) {
            throw error("ValidationException", member + " is required");
        }
        return value.textValue();
    }

    private static byte[] base64(String value, String member) {
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw error("SerializationException", member + " is not base64");
        }
    }

    // KMS says nothing more about a ciphertext that does not open: not which check failed.
    private static CognitoException invalidCiphertext() {
        return error("InvalidCiphertextException", "");
    }

    private static CognitoException error(String type, String message) {
        return new CognitoException(type, message, 400);
    }
}
