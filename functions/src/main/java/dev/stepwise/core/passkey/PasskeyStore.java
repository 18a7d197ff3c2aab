package dev.stepwise.core.passkey;

import dev.stepwise.core.SecretBox;
import dev.stepwise.core.StateItem;
import dev.stepwise.core.StateKeys;
import dev.stepwise.core.StateStore;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A user's passkeys in the state table, one item per credential under the user's partition key
 * ({@link StateKeys#user}) with sort key {@value #PASSKEY}{@code <credential id>}.
 *
 * <p>The whole record (public key, counter, flags, user handle) is sealed with the {@link SecretBox} under a context
 * naming the pool, the user and the credential id, so whoever can write to the table cannot add a key of their own,
 * move a passkey to another user or wind its counter back: such an item fails to open and counts as absent. The item
 * also carries plain copies of what an operator lists ({@code createdAt}, {@code lastUsedAt}, {@code transports},
 * {@code backupEligible}, {@code backedUp}); only the sealed copy is ever trusted for a sign-in.
 *
 * <p>Other items: {@value #USER_HANDLE} (the user's random WebAuthn user id, shared by their passkeys),
 * {@value #USED_CHALLENGE}{@code <hash>} (a challenge already answered, until it expires) and
 * {@value #USED_COUNT}{@code <credential id>#<count>} (a signature count already accepted, for a day). Thread-safe.
 */
public final class PasskeyStore {
    /** Sort-key prefix of a passkey. */
    public static final String PASSKEY = "passkey#";
    /** Sort key of the user's WebAuthn user handle. */
    public static final String USER_HANDLE = "passkey-user";
    /** Sort-key prefix of a challenge already answered. */
    public static final String USED_CHALLENGE = "passkey-challenge#";
    /** Sort-key prefix of a signature count already accepted. */
    public static final String USED_COUNT = "passkey-count#";

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final StateStore state;
    private final SecretBox secrets;
    private final SecureRandom random;

    /** Creates the store over the state table; records are sealed with {@code secrets}. */
    public PasskeyStore(StateStore state, SecretBox secrets, SecureRandom random) {
        this.state = state;
        this.secrets = secrets;
        this.random = random;
    }

    /** The user's passkeys whose sealed record opens, in credential-id order. */
    public List<PasskeyCredential> list(String userPoolId, String userName, Instant now) {
        List<PasskeyCredential> credentials = new ArrayList<>();
        for (StateItem item : state.query(StateKeys.user(userPoolId, userName), PASSKEY, now)) {
            open(userPoolId, userName, item).ifPresent(credentials::add);
        }
        return credentials;
    }

    /**
     * The descriptors of the user's passkeys for {@code allowCredentials} and {@code excludeCredentials}, from the
     * items' plain attributes: no record is opened (no KMS call), and a tampered hint only changes what the browser
     * is asked for, since every answer is checked against the sealed record.
     */
    public List<PasskeyOptions.Descriptor> descriptors(String userPoolId, String userName, Instant now) {
        List<PasskeyOptions.Descriptor> descriptors = new ArrayList<>();
        for (StateItem item : state.query(StateKeys.user(userPoolId, userName), PASSKEY, now)) {
            String transports = item.attribute("transports");
            descriptors.add(new PasskeyOptions.Descriptor(
                    item.sk().substring(PASSKEY.length()),
                    transports == null || transports.isEmpty() ? List.of() : List.of(transports.split(","))));
        }
        return descriptors;
    }

    /** The user's passkey with credential id {@code id}, if registered and its record opens. */
    public Optional<PasskeyCredential> find(String userPoolId, String userName, String id, Instant now) {
        if (id == null || !id.matches("[A-Za-z0-9_-]{1,1366}")) {
            return Optional.empty();
        }
        return state.get(StateKeys.user(userPoolId, userName), PASSKEY + id, now)
                .flatMap(item -> open(userPoolId, userName, item));
    }

    /**
     * Registers {@code credential} only if the user has no passkey with its id (a conditional write).
     *
     * @return whether it was added
     */
    public boolean add(String userPoolId, String userName, PasskeyCredential credential, Instant now) {
        return state.putIfAbsent(item(userPoolId, userName, credential), now);
    }

    /** Writes {@code credential} over the stored one (after an assertion: counter, backup state, last use). */
    public void update(String userPoolId, String userName, PasskeyCredential credential) {
        state.put(item(userPoolId, userName, credential));
    }

    /**
     * Removes the user's passkey {@code id}.
     *
     * @return whether it was there
     */
    public boolean remove(String userPoolId, String userName, String id) {
        return state.deleteIfPresent(StateKeys.user(userPoolId, userName), PASSKEY + id);
    }

    /** The user's WebAuthn user handle (64 random bits and more), made and kept on first use. */
    public byte[] userHandle(String userPoolId, String userName, Instant now) {
        String pk = StateKeys.user(userPoolId, userName);
        Optional<StateItem> existing = state.get(pk, USER_HANDLE, now);
        if (existing.isEmpty()) {
            byte[] handle = new byte[16];
            random.nextBytes(handle);
            state.putIfAbsent(
                    new StateItem(pk, USER_HANDLE, Map.of("handle", B64URL.encodeToString(handle)), null), now);
            existing = state.get(pk, USER_HANDLE, now);
        }
        return existing.map(item -> B64URL_DECODER.decode(item.attribute("handle")))
                .orElseThrow(() -> new IllegalStateException("the passkey user handle was not stored"));
    }

    /**
     * Marks a challenge answered, once: of two calls with the same challenge exactly one gets {@code true}.
     *
     * @param challengeHash a hash of the challenge (not the challenge itself)
     */
    boolean useChallenge(String userPoolId, String userName, String challengeHash, Instant until, Instant now) {
        return state.putIfAbsent(
                new StateItem(StateKeys.user(userPoolId, userName), USED_CHALLENGE + challengeHash, Map.of(), until),
                now);
    }

    /**
     * Marks a non-zero signature count of a credential accepted, once, so that two assertions with the same count
     * racing past the counter check cannot both pass.
     */
    boolean useCount(String userPoolId, String userName, String id, long count, Instant now) {
        return state.putIfAbsent(
                new StateItem(
                        StateKeys.user(userPoolId, userName),
                        USED_COUNT + id + "#" + count,
                        Map.of(),
                        now.plusSeconds(86_400)),
                now);
    }

    private StateItem item(String userPoolId, String userName, PasskeyCredential credential) {
        ObjectNode record = JSON.createObjectNode();
        record.put("id", credential.id());
        record.put("attestedCredentialData", credential.attestedCredentialData());
        record.put("signCount", credential.signCount());
        credential.transports().forEach(record.putArray("transports")::add);
        if (credential.transports().isEmpty()) {
            record.putArray("transports");
        }
        record.put("backupEligible", credential.backupEligible());
        record.put("backedUp", credential.backedUp());
        record.put("userVerified", credential.userVerified());
        record.put("userHandle", credential.userHandle());
        record.put("createdAt", credential.createdAt().toString());
        if (credential.lastUsedAt() != null) {
            record.put("lastUsedAt", credential.lastUsedAt().toString());
        }
        Map<String, String> attributes = new HashMap<>();
        attributes.put(
                "record",
                secrets.seal(
                        JSON.writeValueAsString(record).getBytes(StandardCharsets.UTF_8),
                        context(userPoolId, userName, credential.id())));
        attributes.put("createdAt", credential.createdAt().toString());
        if (credential.lastUsedAt() != null) {
            attributes.put("lastUsedAt", credential.lastUsedAt().toString());
        }
        attributes.put("transports", String.join(",", credential.transports()));
        attributes.put("backupEligible", Boolean.toString(credential.backupEligible()));
        attributes.put("backedUp", Boolean.toString(credential.backedUp()));
        return new StateItem(StateKeys.user(userPoolId, userName), PASSKEY + credential.id(), attributes, null);
    }

    private Optional<PasskeyCredential> open(String userPoolId, String userName, StateItem item) {
        String id = item.sk().substring(PASSKEY.length());
        String sealed = item.attribute("record");
        if (sealed == null) {
            return Optional.empty();
        }
        try {
            byte[] plain = secrets.open(sealed, context(userPoolId, userName, id));
            JsonNode record = JSON.readTree(new String(plain, StandardCharsets.UTF_8));
            if (!id.equals(record.path("id").asString())) {
                return Optional.empty();
            }
            List<String> transports = new ArrayList<>();
            record.path("transports").forEach(t -> transports.add(t.asString()));
            JsonNode lastUsed = record.get("lastUsedAt");
            return Optional.of(new PasskeyCredential(
                    id,
                    record.path("attestedCredentialData").asString(),
                    record.path("signCount").asLong(),
                    transports,
                    record.path("backupEligible").asBoolean(),
                    record.path("backedUp").asBoolean(),
                    record.path("userVerified").asBoolean(),
                    record.path("userHandle").asString(),
                    Instant.parse(record.path("createdAt").asString()),
                    lastUsed == null ? null : Instant.parse(lastUsed.asString())));
        } catch (IllegalArgumentException | JacksonException | java.time.format.DateTimeParseException e) {
            // A record that does not open under this user's context was tampered with or moved: it does not count.
            return Optional.empty();
        }
    }

    private static String context(String userPoolId, String userName, String id) {
        return "passkey|" + userPoolId + "|" + userName + "|" + id;
    }

    /** The plain, listable attributes of a passkey item: what {@code stepwise passkeys list} shows. */
    public static Map<String, String> listing(StateItem item) {
        Map<String, String> shown = new HashMap<>(item.attributes());
        shown.remove("record");
        shown.put("id", item.sk().startsWith(PASSKEY) ? item.sk().substring(PASSKEY.length()) : item.sk());
        return shown;
    }
}
