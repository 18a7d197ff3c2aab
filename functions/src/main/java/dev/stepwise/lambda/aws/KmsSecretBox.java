package dev.stepwise.lambda.aws;

import dev.stepwise.core.AesGcmSecretBox;
import dev.stepwise.core.SecretBox;
import dev.stepwise.core.StateStoreException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.IncorrectKeyException;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;

/**
 * A {@link SecretBox} over AWS KMS: every seal is one {@code Encrypt} under the customer-managed key
 * {@code STEPWISE_KMS_KEY_ID}, every open one {@code Decrypt} naming the same key, so the plaintext key never leaves
 * KMS and every use is in CloudTrail. Thread-safe.
 *
 * <p>Format: {@value #PREFIX} + base64url without padding of KMS's ciphertext blob (no {@code .}, so it fits inside
 * sealed metadata). Values without that prefix were sealed by the local {@link AesGcmSecretBox} before KMS was turned
 * on; they are opened by it, so enrolled users keep signing in. New values are always sealed by KMS.
 *
 * <p>The context string is bound as the encryption context {@value #CONTEXT_KEY} = base64url(SHA-256(context)):
 * KMS refuses to decrypt under any other context, so a value copied to another user's or pool's item does not open.
 * The context is hashed because KMS writes encryption contexts to CloudTrail in the clear, and the context holds the
 * username, which is often an email address.
 *
 * <p>Changing {@code STEPWISE_KMS_KEY_ID} to another key, or pointing its alias at another key, leaves existing values
 * sealed under the old key: {@code Decrypt} names the configured key and KMS refuses a ciphertext of another key.
 * Automatic key rotation keeps the key id and is safe.
 *
 * <p>Failures close: a value that does not open (tampered, another context or key) throws
 * {@link IllegalArgumentException}; KMS unreachable, throttled, access denied or the key disabled throws
 * {@link StateStoreException} naming the operation and KMS's error code, never the value or the plaintext.
 *
 * @see <a href="https://docs.aws.amazon.com/kms/latest/developerguide/encrypt_context.html">Encryption context</a>
 */
public final class KmsSecretBox implements SecretBox {
    /** The prefix of every value this box seals. */
    public static final String PREFIX = "kms1:";

    /** The encryption-context key that carries the hashed context string. */
    public static final String CONTEXT_KEY = "stepwise:context-sha256";

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final Supplier<KmsClient> client;
    private final String keyId;
    private final SecretBox legacy;

    private KmsSecretBox(Supplier<KmsClient> client, String keyId, SecretBox legacy) {
        this.client = Objects.requireNonNull(client, "client");
        this.keyId = Objects.requireNonNull(keyId, "keyId");
        this.legacy = Objects.requireNonNull(legacy, "legacy");
    }

    /**
     * A box that seals under {@code keyId} and opens both its own values and those of {@code legacy}.
     *
     * @param client the KMS client, built once per container
     * @param keyId the key id, key ARN, alias name ({@code alias/...}) or alias ARN
     * @param legacy the box that sealed values before KMS was turned on (an {@link AesGcmSecretBox})
     */
    public static KmsSecretBox create(KmsClient client, String keyId, SecretBox legacy) {
        Objects.requireNonNull(client, "client");
        return new KmsSecretBox(() -> client, keyId, legacy);
    }

    /**
     * A box like {@link #create(KmsClient, String, SecretBox)} whose client is asked for only when a value is sealed
     * or opened under KMS: a function that rarely touches TOTP secrets does not build the KMS client (and load its
     * classes) in its cold start.
     *
     * @param client gives the KMS client; called on each KMS call, so it should build the client once
     */
    static KmsSecretBox lazy(Supplier<KmsClient> client, String keyId, SecretBox legacy) {
        return new KmsSecretBox(client, keyId, legacy);
    }

    @Override
    public String seal(byte[] plaintext, String context) {
        byte[] blob = call("Encrypt", () -> client.get().encrypt(r -> r.keyId(keyId)
                        .plaintext(SdkBytes.fromByteArray(plaintext))
                        .encryptionContext(encryptionContext(context))))
                .ciphertextBlob()
                .asByteArray();
        return PREFIX + ENCODER.encodeToString(blob);
    }

    @Override
    public byte[] open(String sealed, String context) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            return legacy.open(sealed, context);
        }
        byte[] blob;
        try {
            blob = Base64.getUrlDecoder().decode(sealed.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sealed secret is not base64url");
        }
        if (blob.length == 0) {
            throw new IllegalArgumentException("sealed secret is empty");
        }
        try {
            return call("Decrypt", () -> client.get().decrypt(r -> r.keyId(keyId)
                            .ciphertextBlob(SdkBytes.fromByteArray(blob))
                            .encryptionContext(encryptionContext(context))))
                    .plaintext()
                    .asByteArray();
        } catch (InvalidCiphertextException | IncorrectKeyException e) {
            throw new IllegalArgumentException("sealed secret does not open with KMS key " + keyId + " ("
                    + AwsErrors.describe(e) + ": tampered, sealed for another context, or under another key)");
        }
    }

    private <T> T call(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (InvalidCiphertextException | IncorrectKeyException e) {
            throw e;
        } catch (SdkException e) {
            throw new StateStoreException(
                    "KMS key " + keyId + ": " + operation + " failed (" + AwsErrors.describe(e)
                            + "); check that the key exists, is enabled and that the function's role may use it",
                    e);
        }
    }

    static Map<String, String> encryptionContext(String context) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(context.getBytes(StandardCharsets.UTF_8));
            return Map.of(CONTEXT_KEY, ENCODER.encodeToString(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "KmsSecretBox[keyId=" + keyId + "]";
    }
}
