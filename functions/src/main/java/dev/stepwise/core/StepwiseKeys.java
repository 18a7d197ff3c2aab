package dev.stepwise.core;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Keys derived from the Stepwise secret, one per purpose, so that a value made for one purpose (a metadata MAC, a code
 * hash, a send claim, a decoy destination) can never stand in for another. {@link #toString()} redacts.
 *
 * <p>Two versions can be live: the current secret makes everything new, and the previous one (during a rotation)
 * still opens what it made: sealed round metadata, code hashes and links of sign-ins in flight, TOTP secrets sealed
 * with AES-GCM and backup-code hashes. A third version is not kept, so what the secret before the previous one made
 * no longer opens.
 */
public final class StepwiseKeys {
    private static final int MIN_SECRET_BYTES = 32;

    /** The keys derived from one version of the secret. */
    private record Version(
            byte[] metadataKey,
            byte[] codeHashKey,
            byte[] claimKey,
            byte[] decoyKey,
            byte[] atRestKey,
            byte[] linkKey,
            byte[] backupCodeKey,
            byte[] factorRoot) {
        static Version of(byte[] secret) {
            return new Version(
                    Hmac.sha256(secret, "stepwise/v1/metadata-mac"),
                    Hmac.sha256(secret, "stepwise/v1/code-hash"),
                    Hmac.sha256(secret, "stepwise/v1/send-claim"),
                    Hmac.sha256(secret, "stepwise/v1/decoy"),
                    Hmac.sha256(secret, "stepwise/v1/at-rest-aes-gcm"),
                    Hmac.sha256(secret, "stepwise/v1/email-link"),
                    Hmac.sha256(secret, "stepwise/v1/backup-code"),
                    Hmac.sha256(secret, "stepwise/v1/factor"));
        }
    }

    private final Version current;
    private final Version previous;

    private StepwiseKeys(Version current, Version previous) {
        this.current = current;
        this.previous = previous;
    }

    /**
     * Derives the keys from the base64 secret.
     *
     * @throws ConfigurationException when the secret is missing, not base64, or shorter than 32 bytes
     */
    public static StepwiseKeys fromBase64(String secret) {
        return fromBase64("the Stepwise secret", secret);
    }

    /**
     * Derives the keys from the base64 secret, naming it {@code source} in error messages (e.g. the setting that holds
     * it).
     *
     * @throws ConfigurationException when the secret is missing, not base64, or shorter than 32 bytes
     */
    public static StepwiseKeys fromBase64(String source, String secret) {
        return new StepwiseKeys(Version.of(decode(source, secret)), null);
    }

    /**
     * Derives the keys from the current and, during a rotation, the previous version of the secret.
     *
     * @param source where the secret came from, for error messages (e.g. the Secrets Manager ARN and stage)
     * @param previous the previous version, or {@code null} when there is none
     * @throws ConfigurationException when a version is missing, not base64, or shorter than 32 bytes
     */
    public static StepwiseKeys fromBase64(String source, String current, String previous) {
        return new StepwiseKeys(
                Version.of(decode(source + " (AWSCURRENT)", current)),
                previous == null ? null : Version.of(decode(source + " (AWSPREVIOUS)", previous)));
    }

    private static byte[] decode(String name, String secret) {
        String fix = ": set it to base64 of at least 32 random bytes, e.g. the output of `openssl rand -base64 32`,"
                + " and give the same value to all three functions";
        if (secret == null || secret.isBlank()) {
            throw new ConfigurationException(name + " is not set" + fix);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(secret.strip());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(name + " is not valid base64" + fix);
        }
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new ConfigurationException(name + " decodes to " + bytes.length + " bytes" + fix);
        }
        return bytes;
    }

    /** Whether a previous version of the secret is live too. */
    public boolean rotating() {
        return previous != null;
    }

    private List<Version> versions() {
        List<Version> versions = new ArrayList<>(2);
        versions.add(current);
        if (previous != null) {
            versions.add(previous);
        }
        return versions;
    }

    byte[] metadataKey() {
        return current.metadataKey();
    }

    List<byte[]> metadataKeys() {
        return versions().stream().map(Version::metadataKey).toList();
    }

    byte[] codeHashKey() {
        return current.codeHashKey();
    }

    List<byte[]> codeHashKeys() {
        return versions().stream().map(Version::codeHashKey).toList();
    }

    byte[] claimKey() {
        return current.claimKey();
    }

    byte[] decoyKey() {
        return current.decoyKey();
    }

    List<byte[]> atRestKeys() {
        return versions().stream().map(Version::atRestKey).toList();
    }

    byte[] linkKey() {
        return current.linkKey();
    }

    List<byte[]> linkKeys() {
        return versions().stream().map(Version::linkKey).toList();
    }

    byte[] backupCodeKey() {
        return current.backupCodeKey();
    }

    List<byte[]> backupCodeKeys() {
        return versions().stream().map(Version::backupCodeKey).toList();
    }

    /** The keys of the factor {@code factorId}, current first: distinct for every factor id and secret version. */
    List<byte[]> factorKeys(String factorId) {
        return versions().stream()
                .map(v -> Hmac.sha256(v.factorRoot(), "factor", factorId))
                .toList();
    }

    @Override
    public String toString() {
        return "StepwiseKeys[redacted" + (previous == null ? "" : ", rotating") + "]";
    }
}
