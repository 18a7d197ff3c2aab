package dev.stepwise.core;

/**
 * Encrypts secrets kept at rest in the state table (TOTP secrets). The port lets a deployment choose where the key
 * lives: {@link AesGcmSecretBox} uses a key derived from {@code STEPWISE_SECRET} (the emulator, the tests, and AWS
 * when that secret comes from Secrets Manager); the adapter {@code dev.stepwise.lambda.aws.KmsSecretBox} calls KMS
 * {@code Encrypt} and {@code Decrypt} with the context as the encryption context. Implementations are thread-safe.
 */
public interface SecretBox {
    /**
     * Encrypts {@code plaintext}, authenticated together with {@code context} (e.g. pool and user), so a ciphertext
     * moved to another item does not decrypt.
     *
     * @return an opaque, printable string
     */
    String seal(byte[] plaintext, String context);

    /**
     * Decrypts what {@link #seal} made with the same {@code context}.
     *
     * @throws IllegalArgumentException when the text is malformed, tampered with or sealed for another context
     */
    byte[] open(String sealed, String context);
}
