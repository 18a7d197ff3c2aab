package dev.stepwise.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a key derived from the Stepwise secret (opening tries the previous secret's key too, during a
 * rotation), a random 96-bit nonce per message, and the context as
 * additional authenticated data. Format: {@code v1:} + base64url (no dot, so it fits inside sealed metadata)(nonce | ciphertext | tag). Thread-safe.
 */
public final class AesGcmSecretBox implements SecretBox {
    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final List<SecretKeySpec> keys;
    private final SecureRandom random;

    /** Encrypts with the at-rest key of {@code keys}. */
    public AesGcmSecretBox(StepwiseKeys keys, SecureRandom random) {
        this.keys = keys.atRestKeys().stream()
                .map(raw -> new SecretKeySpec(raw, "AES"))
                .toList();
        this.key = this.keys.get(0);
        this.random = random;
    }

    @Override
    public String seal(byte[] plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            return PREFIX
                    + Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                                    .put(nonce)
                                    .put(sealed)
                                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is not available in this JVM", e);
        }
    }

    @Override
    public byte[] open(String sealed, String context) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a sealed secret");
        }
        byte[] raw = Base64.getUrlDecoder().decode(sealed.substring(PREFIX.length()));
        if (raw.length <= NONCE_BYTES) {
            throw new IllegalArgumentException("sealed secret too short");
        }
        for (SecretKeySpec candidate : keys) {
            try {
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.DECRYPT_MODE, candidate, new GCMParameterSpec(TAG_BITS, raw, 0, NONCE_BYTES));
                cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
                return cipher.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES);
            } catch (javax.crypto.AEADBadTagException e) {
                // try the previous secret's key, if any
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES/GCM is not available in this JVM", e);
            }
        }
        throw new IllegalArgumentException("sealed secret does not open (tampered, or another key or context)");
    }

    @Override
    public String toString() {
        return "AesGcmSecretBox[redacted]";
    }
}
