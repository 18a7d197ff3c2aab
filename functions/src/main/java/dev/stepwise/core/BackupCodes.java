package dev.stepwise.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Backup codes: a set generated for a user and shown once, stored only as keyed hashes (HMAC-SHA256 under a key derived
 * from {@code STEPWISE_SECRET}, bound to pool and user), each usable once. Thread-safe.
 *
 * <p>A code is ten characters from an alphabet without look-alikes, shown as {@code xxxxx-xxxxx} (about 49 bits);
 * case, blanks and dashes are ignored in an answer. Using a code compares the answer's hash with every stored hash in
 * constant time, then deletes the matching item with a conditional delete, so of two concurrent uses exactly one
 * succeeds.
 */
public final class BackupCodes {
    /** Codes in a set unless asked otherwise. */
    public static final int DEFAULT_COUNT = 10;

    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final int LENGTH = 10;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final StateStore store;
    private final StepwiseKeys keys;
    private final SecureRandom random;

    /** Codes stored in {@code store}, hashed with a key from {@code keys}, drawn from {@code random}. */
    public BackupCodes(StateStore store, StepwiseKeys keys, SecureRandom random) {
        this.store = store;
        this.keys = keys;
        this.random = random;
    }

    /**
     * Replaces the user's backup codes with {@code count} new ones.
     *
     * @return the codes, to show the user once; only their hashes are stored
     */
    public List<String> generate(String userPoolId, String userName, int count, Instant now) {
        if (count < 1 || count > 50) {
            throw new IllegalArgumentException("count must be 1 to 50");
        }
        String pk = StateKeys.user(userPoolId, userName);
        for (StateItem old : store.query(pk, StateKeys.BACKUP, now)) {
            store.deleteIfPresent(pk, old.sk());
        }
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder code = new StringBuilder(LENGTH + 1);
            for (int c = 0; c < LENGTH; c++) {
                if (c == LENGTH / 2) {
                    code.append('-');
                }
                code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String shown = code.toString();
            byte[] id = new byte[8];
            random.nextBytes(id);
            store.put(new StateItem(
                    pk,
                    StateKeys.BACKUP + ENCODER.encodeToString(id),
                    Map.of("hash", hash(userPoolId, userName, shown)),
                    null));
            codes.add(shown);
        }
        return List.copyOf(codes);
    }

    /** How many unused codes the user has. */
    public int remaining(String userPoolId, String userName, Instant now) {
        return store.query(StateKeys.user(userPoolId, userName), StateKeys.BACKUP, now)
                .size();
    }

    /**
     * Uses {@code answer} if it is one of the user's unused codes.
     *
     * @return whether it was, and this call used it up
     */
    public boolean consume(String userPoolId, String userName, String answer, Instant now) {
        if (answer == null || answer.length() > 64) {
            return false;
        }
        List<byte[]> given = new ArrayList<>();
        for (byte[] key : keys.backupCodeKeys()) {
            given.add(hash(key, userPoolId, userName, answer).getBytes(StandardCharsets.US_ASCII));
        }
        String pk = StateKeys.user(userPoolId, userName);
        String match = null;
        for (StateItem item : store.query(pk, StateKeys.BACKUP, now)) {
            String stored = item.attribute("hash");
            for (byte[] candidate : given) {
                if (stored != null && MessageDigest.isEqual(stored.getBytes(StandardCharsets.US_ASCII), candidate)) {
                    match = item.sk();
                }
            }
        }
        return match != null && store.deleteIfPresent(pk, match);
    }

    private String hash(String userPoolId, String userName, String code) {
        return hash(keys.backupCodeKey(), userPoolId, userName, code);
    }

    private static String hash(byte[] key, String userPoolId, String userName, String code) {
        String normalized = code.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
        return ENCODER.encodeToString(Hmac.sha256(key, "backup", userPoolId, userName, normalized));
    }
}
