package dev.stepwise.lambda.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A local KMS endpoint over HTTP (JSON 1.1, {@code TrentService.Encrypt} and {@code TrentService.Decrypt}): one
 * AES-256-GCM key per alias or key id, the encryption context as AAD, the key id inside the blob, and KMS's error types.
 * Records the requests it received.
 */
final class LocalKms implements AutoCloseable {
    record Received(String target, JsonNode body) {}

    final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> keys = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;

    LocalKms(String... keyIds) throws IOException {
        for (String keyId : keyIds) {
            byte[] key = new byte[32];
            random.nextBytes(key);
            keys.put(keyId, key);
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
        received.add(new Received(target, body));
        try {
            ObjectNode answer =
                    switch (target) {
                        case "TrentService.Encrypt" -> encrypt(body);
                        case "TrentService.Decrypt" -> decrypt(body);
                        default -> throw new KmsError("UnsupportedOperationException", target);
                    };
            respond(exchange, 200, answer);
        } catch (KmsError e) {
            ObjectNode error = json.createObjectNode();
            error.put("__type", e.type);
            error.put("message", e.getMessage());
            respond(exchange, 400, error);
        }
    }

    private ObjectNode encrypt(JsonNode body) {
        String keyId = body.path("KeyId").asText();
        byte[] key = key(keyId);
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        byte[] sealed = gcm(Cipher.ENCRYPT_MODE, key, nonce, aad(body), decode(body.path("Plaintext")));
        byte[] id = keyId.getBytes(StandardCharsets.UTF_8);
        byte[] blob = ByteBuffer.allocate(1 + id.length + 12 + sealed.length)
                .put((byte) id.length)
                .put(id)
                .put(nonce)
                .put(sealed)
                .array();
        ObjectNode answer = json.createObjectNode();
        answer.put("CiphertextBlob", Base64.getEncoder().encodeToString(blob));
        answer.put("KeyId", keyId);
        answer.put("EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
        return answer;
    }

    private ObjectNode decrypt(JsonNode body) {
        ByteBuffer blob = ByteBuffer.wrap(decode(body.path("CiphertextBlob")));
        String keyId;
        byte[] nonce = new byte[12];
        byte[] sealed;
        try {
            byte[] id = new byte[blob.get() & 0xff];
            blob.get(id).get(nonce);
            keyId = new String(id, StandardCharsets.UTF_8);
            sealed = new byte[blob.remaining()];
            blob.get(sealed);
        } catch (RuntimeException e) {
            throw new KmsError("InvalidCiphertextException", null);
        }
        if (!keys.containsKey(keyId)) {
            throw new KmsError("InvalidCiphertextException", null);
        }
        if (body.has("KeyId") && !body.path("KeyId").asText().equals(keyId)) {
            throw new KmsError("IncorrectKeyException", "The key ID in the request does not identify the key used");
        }
        byte[] plaintext = gcm(Cipher.DECRYPT_MODE, key(keyId), nonce, aad(body), sealed);
        ObjectNode answer = json.createObjectNode();
        answer.put("Plaintext", Base64.getEncoder().encodeToString(plaintext));
        answer.put("KeyId", keyId);
        answer.put("EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
        return answer;
    }

    private byte[] key(String keyId) {
        byte[] key = keys.get(keyId);
        if (key == null) {
            throw new KmsError("NotFoundException", "Key '" + keyId + "' does not exist");
        }
        return key;
    }

    private static byte[] aad(JsonNode body) {
        Map<String, String> context = new TreeMap<>();
        body.path("EncryptionContext")
                .fields()
                .forEachRemaining(e -> context.put(e.getKey(), e.getValue().asText()));
        StringBuilder aad = new StringBuilder();
        context.forEach((k, v) -> aad.append(k.length())
                .append(':')
                .append(k)
                .append(v.length())
                .append(':')
                .append(v));
        return aad.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] decode(JsonNode value) {
        try {
            return Base64.getDecoder().decode(value.asText());
        } catch (IllegalArgumentException e) {
            throw new KmsError("SerializationException", "not base64");
        }
    }

    private static byte[] gcm(int mode, byte[] key, byte[] nonce, byte[] aad, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(aad);
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new KmsError("InvalidCiphertextException", null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void respond(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().add("x-amzn-RequestId", "local-request");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static final class KmsError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String type;

        KmsError(String type, String message) {
            super(message, null, false, false);
            this.type = type;
        }
    }
}
