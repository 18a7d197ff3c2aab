package dev.stepwise.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The devices each user trusts, in the state table. A device holds a random secret (256 bits, base64url, drawn by the
 * client or by {@link #newSecret}); the table keeps only its SHA-256 hash, so a copy of the table trusts no one. A
 * device is bound to the pool, the user and the app client it was trusted from, expires, and records when it was last
 * used. Its id is the first {@value #ID_LENGTH} characters of the hash: knowing the id gives nothing without the secret.
 *
 * <p>Items: per user ({@link StateKeys#user}) {@code device#<id>} with the full hash, the client, the creation and last
 * use times; the item's expiry is the device's. Every method throws {@link StateStoreException} when the table cannot
 * answer; callers then treat the device as unknown (fail closed). Thread-safe.
 */
public final class TrustedDevices {
    /** Characters of the hash that name a device. */
    public static final int ID_LENGTH = 16;

    static final String DEVICE = "device#";
    static final String PROPOSED = "device-proposed";
    private static final Duration PROPOSAL_LIFETIME = Duration.ofHours(1);
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final String HASH = "hash";
    private static final String CLIENT = "client";
    private static final String CREATED_AT = "createdAt";
    private static final String LAST_USED_AT = "lastUsedAt";
    private static final String NO_CLIENT = "-";

    private final StateStore store;
    private final Duration lifetime;

    /**
     * Devices kept in {@code store}, trusted for {@code lifetime} from when they were trusted.
     *
     * @throws IllegalArgumentException when {@code lifetime} is not positive
     */
    public TrustedDevices(StateStore store, Duration lifetime) {
        if (store == null || lifetime == null || lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("a store and a positive lifetime are required");
        }
        this.store = store;
        this.lifetime = lifetime;
    }

    /** A new device secret: 32 random bytes, base64url without padding (43 characters). */
    public static String newSecret(SecureRandom random) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** Whether {@code secret} has the shape of a device secret (43 base64url characters). */
    public static boolean wellFormed(String secret) {
        return secret != null && SECRET.matcher(secret).matches();
    }

    /** The id a device with {@code secret} gets. */
    public static String idOf(String secret) {
        return hash(secret).substring(0, ID_LENGTH);
    }

    /**
     * Trusts the device holding {@code secret} for {@code userName} from {@code clientId}, until {@code now} plus the
     * lifetime. Trusting the same secret again renews it.
     *
     * @return the device's id
     * @throws IllegalArgumentException when {@code secret} is not {@link #wellFormed}
     */
    public String trust(String userPoolId, String userName, String clientId, String secret, Instant now) {
        if (!wellFormed(secret)) {
            throw new IllegalArgumentException("a device secret is 43 base64url characters");
        }
        String hash = hash(secret);
        String id = hash.substring(0, ID_LENGTH);
        String at = Long.toString(now.getEpochSecond());
        store.put(new StateItem(
                StateKeys.user(userPoolId, userName),
                DEVICE + id,
                Map.of(HASH, hash, CLIENT, client(clientId), CREATED_AT, at, LAST_USED_AT, at),
                now.plus(lifetime)));
        return id;
    }

    /**
     * Remembers, for the sign-in with {@code nonce}, that the client asked to trust the device holding {@code secret}
     * (only its hash is kept, for an hour). {@link #trustProposed} trusts it once the sign-in has passed the whole
     * policy; a sign-in that never gets there leaves nothing trusted.
     *
     * @throws IllegalArgumentException when {@code secret} is not {@link #wellFormed}
     */
    public void propose(String userPoolId, String userName, String nonce, String secret, Instant now) {
        if (!wellFormed(secret)) {
            throw new IllegalArgumentException("a device secret is 43 base64url characters");
        }
        store.put(new StateItem(
                StateKeys.signIn(userPoolId, userName, nonce),
                PROPOSED,
                Map.of(HASH, hash(secret)),
                now.plus(PROPOSAL_LIFETIME)));
    }

    /**
     * Trusts the device proposed in the sign-in with {@code nonce}, if any, from {@code clientId}, until {@code now}
     * plus the lifetime; the proposal is used up (a conditional delete), so it trusts at most once.
     *
     * @return the device's id, or empty when nothing was proposed
     */
    public Optional<String> trustProposed(
            String userPoolId, String userName, String clientId, String nonce, Instant now) {
        String pk = StateKeys.signIn(userPoolId, userName, nonce);
        Optional<StateItem> proposal = store.get(pk, PROPOSED, now);
        if (proposal.isEmpty() || !store.deleteIfPresent(pk, PROPOSED)) {
            return Optional.empty();
        }
        String hash = proposal.get().attribute(HASH);
        String id = hash.substring(0, ID_LENGTH);
        String at = Long.toString(now.getEpochSecond());
        store.put(new StateItem(
                StateKeys.user(userPoolId, userName),
                DEVICE + id,
                Map.of(HASH, hash, CLIENT, client(clientId), CREATED_AT, at, LAST_USED_AT, at),
                now.plus(lifetime)));
        return Optional.of(id);
    }

    /**
     * Whether the device presenting {@code secret} is trusted by {@code userName} in {@code userPoolId} from
     * {@code clientId} at {@code now}; when it is, records the use. A malformed secret, another user's or pool's
     * device, another client's, an expired or revoked one are all simply not trusted. The hash is compared in constant
     * time; an unknown user costs the same table read as a known one.
     */
    public boolean recognise(String userPoolId, String userName, String clientId, String secret, Instant now) {
        String presented = wellFormed(secret) ? hash(secret) : hash("");
        String pk = StateKeys.user(userPoolId, userName);
        Optional<StateItem> item = store.get(pk, DEVICE + presented.substring(0, ID_LENGTH), now);
        if (item.isEmpty() || !wellFormed(secret)) {
            return false;
        }
        StateItem device = item.get();
        // Constant time: the id is only a lookup key; the whole hash decides.
        boolean same = MessageDigest.isEqual(
                presented.getBytes(StandardCharsets.US_ASCII),
                device.attribute(HASH).getBytes(StandardCharsets.US_ASCII));
        if (!same || !client(clientId).equals(device.attribute(CLIENT))) {
            return false;
        }
        Map<String, String> attributes = new java.util.HashMap<>(device.attributes());
        attributes.put(LAST_USED_AT, Long.toString(now.getEpochSecond()));
        store.put(new StateItem(pk, device.sk(), attributes, device.expiresAt()));
        return true;
    }

    /** The live devices {@code userName} trusts, by id. */
    public List<TrustedDevice> list(String userPoolId, String userName, Instant now) {
        return store.query(StateKeys.user(userPoolId, userName), DEVICE, now).stream()
                .map(item -> new TrustedDevice(
                        item.sk().substring(DEVICE.length()),
                        NO_CLIENT.equals(item.attribute(CLIENT)) ? null : item.attribute(CLIENT),
                        Instant.ofEpochSecond(Long.parseLong(item.attribute(CREATED_AT))),
                        Instant.ofEpochSecond(Long.parseLong(item.attribute(LAST_USED_AT))),
                        item.expiresAt()))
                .toList();
    }

    /**
     * Stops trusting one device.
     *
     * @return whether it was trusted
     */
    public boolean revoke(String userPoolId, String userName, String deviceId) {
        if (deviceId == null || !deviceId.matches("[A-Za-z0-9_-]{" + ID_LENGTH + "}")) {
            return false;
        }
        return store.deleteIfPresent(StateKeys.user(userPoolId, userName), DEVICE + deviceId);
    }

    /**
     * Stops trusting every device of {@code userName} (a password change, a lockout, a lost phone).
     *
     * @return how many were trusted
     */
    public int revokeAll(String userPoolId, String userName, Instant now) {
        String pk = StateKeys.user(userPoolId, userName);
        int revoked = 0;
        for (StateItem item : store.query(pk, DEVICE, now)) {
            if (store.deleteIfPresent(pk, item.sk())) {
                revoked++;
            }
        }
        return revoked;
    }

    private static String client(String clientId) {
        return clientId == null || clientId.isBlank() ? NO_CLIENT : clientId;
    }

    private static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
