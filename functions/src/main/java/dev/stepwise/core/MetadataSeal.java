package dev.stepwise.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Turns {@link ChallengeMetadata} into the compact, versioned, MAC'd string that travels in {@code challengeMetadata}
 * and back. Thread-safe.
 *
 * <p>Format: {@code 2.<factor or "choice">.<step>.<attempt>.<expiresAtEpochSeconds>.<payload>.<nonce>.<options joined
 * by '+'>.<setup 0|1>.<mac>}, where {@code mac} is
 * base64url HMAC-SHA256 (key derived from the Stepwise secret) over the pool id, the username and everything before
 * it. Binding pool and user means metadata copied from another user's sign-in does not open.
 */
public final class MetadataSeal {
    /** The format version, the first field of every sealed string. */
    public static final String VERSION = "2";

    private static final String CHOICE = "choice";

    private static final int MAX_LENGTH = 512;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final StepwiseKeys keys;

    /** Seals with the metadata key of {@code keys}. */
    public MetadataSeal(StepwiseKeys keys) {
        this.keys = keys;
    }

    /** The sealed string for {@code metadata} in the sign-in of {@code userName} in {@code userPoolId}. */
    public String seal(String userPoolId, String userName, ChallengeMetadata metadata) {
        String body = String.join(
                ".",
                VERSION,
                metadata.selection() ? CHOICE : metadata.factor().id(),
                Integer.toString(metadata.step()),
                Integer.toString(metadata.attempt()),
                Long.toString(metadata.expiresAt().getEpochSecond()),
                metadata.payload(),
                metadata.nonce(),
                String.join("+", metadata.options().stream().map(Factor::id).toList()),
                metadata.setup() ? "1" : "0");
        return body + "." + mac(keys.metadataKey(), userPoolId, userName, body);
    }

    /**
     * Opens a sealed string.
     *
     * @return the metadata; empty when the string is missing, malformed, from another version, or its MAC does not
     *     match (tampered, or sealed for another pool, user or secret); the previous secret's MACs still open
     */
    public Optional<ChallengeMetadata> open(String userPoolId, String userName, String sealed) {
        if (sealed == null || sealed.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        int lastDot = sealed.lastIndexOf('.');
        if (lastDot < 0) {
            return Optional.empty();
        }
        String body = sealed.substring(0, lastDot);
        byte[] actual = sealed.substring(lastDot + 1).getBytes(StandardCharsets.US_ASCII);
        boolean genuine = false;
        for (byte[] key : keys.metadataKeys()) {
            genuine |= MessageDigest.isEqual(
                    mac(key, userPoolId, userName, body).getBytes(StandardCharsets.US_ASCII), actual);
        }
        if (!genuine) {
            return Optional.empty();
        }
        String[] fields = body.split("\\.", -1);
        if (fields.length != 9 || !VERSION.equals(fields[0])) {
            return Optional.empty();
        }
        try {
            Factor factor = null;
            if (!CHOICE.equals(fields[1])) {
                factor = Factor.of(fields[1]);
            }
            List<Factor> options = new ArrayList<>();
            if (!fields[7].isEmpty()) {
                for (String id : fields[7].split("\\+", -1)) {
                    options.add(Factor.of(id));
                }
            }
            return Optional.of(new ChallengeMetadata(
                    factor,
                    Integer.parseInt(fields[2]),
                    Integer.parseInt(fields[3]),
                    Instant.ofEpochSecond(Long.parseLong(fields[4])),
                    fields[5],
                    fields[6],
                    options,
                    "1".equals(fields[8])));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    private static String mac(byte[] key, String userPoolId, String userName, String body) {
        return ENCODER.encodeToString(Hmac.sha256(key, "metadata", userPoolId, userName, body));
    }
}
