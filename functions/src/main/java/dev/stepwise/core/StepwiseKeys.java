package dev.stepwise.core;

import java.util.Base64;

/**
 * Keys derived from {@code STEPWISE_SECRET}, one per purpose, so that a value made for one purpose (a metadata MAC,
 * a code hash, a derived code, a decoy destination) can never stand in for another. {@link #toString()} redacts.
 */
public final class StepwiseKeys {
    private static final int MIN_SECRET_BYTES = 32;

    private final byte[] metadataKey;
    private final byte[] codeHashKey;
    private final byte[] claimKey;
    private final byte[] decoyKey;
    private final byte[] atRestKey;
    private final byte[] linkKey;
    private final byte[] backupCodeKey;

    private StepwiseKeys(byte[] secret) {
        this.metadataKey = Hmac.sha256(secret, "stepwise/v1/metadata-mac");
        this.codeHashKey = Hmac.sha256(secret, "stepwise/v1/code-hash");
        this.claimKey = Hmac.sha256(secret, "stepwise/v1/send-claim");
        this.decoyKey = Hmac.sha256(secret, "stepwise/v1/decoy");
        this.atRestKey = Hmac.sha256(secret, "stepwise/v1/at-rest-aes-gcm");
        this.linkKey = Hmac.sha256(secret, "stepwise/v1/email-link");
        this.backupCodeKey = Hmac.sha256(secret, "stepwise/v1/backup-code");
    }

    /**
     * Derives the keys from the base64 secret.
     *
     * @throws ConfigurationException when the secret is missing, not base64, or shorter than 32 bytes
     */
    public static StepwiseKeys fromBase64(String secret) {
        String fix = ": set it to base64 of at least 32 random bytes, e.g. the output of `openssl rand -base64 32`,"
                + " and give the same value to all three functions";
        if (secret == null || secret.isBlank()) {
            throw new ConfigurationException("STEPWISE_SECRET is not set" + fix);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(secret.strip());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("STEPWISE_SECRET is not valid base64" + fix);
        }
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new ConfigurationException("STEPWISE_SECRET decodes to " + bytes.length + " bytes" + fix);
        }
        return new StepwiseKeys(bytes);
    }

    byte[] metadataKey() {
        return metadataKey;
    }

    byte[] codeHashKey() {
        return codeHashKey;
    }

    byte[] claimKey() {
        return claimKey;
    }

    byte[] decoyKey() {
        return decoyKey;
    }

    byte[] atRestKey() {
        return atRestKey;
    }

    byte[] linkKey() {
        return linkKey;
    }

    byte[] backupCodeKey() {
        return backupCodeKey;
    }

    @Override
    public String toString() {
        return "StepwiseKeys[redacted]";
    }
}
