package dev.stepwise.harness.emulator;

import dev.stepwise.harness.srp.SrpServer;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The pending challenges of sign-ins in progress, keyed by the opaque {@code Session} strings handed to clients.
 *
 * <p>A session string carries its own id and expiry under an HMAC, so the emulator can tell an expired session
 * ("Invalid session for the user, session is expired.") from an unknown or already used one ("Invalid session for the
 * user.") even after it has dropped the expired entry. Each session is single use. Thread-safe.
 */
final class AuthSessions {

    /** One completed round of the sign-in, as Define and Create see it in {@code request.session}. */
    record Round(String challengeName, boolean challengeResult, String challengeMetadata) {}

    /**
     * The state of a sign-in waiting for the client's answer.
     *
     * @param flow CUSTOM_AUTH or USER_SRP_AUTH
     * @param username the real username, or for an unknown user the name the client sent
     * @param challengeName the challenge the client must answer
     * @param privateParameters Create's private parameters (custom challenges)
     * @param challengeMetadata Create's metadata (custom challenges), or null
     * @param srp the SRP server state (PASSWORD_VERIFIER), or null
     */
    record Pending(
            String flow,
            String userPoolId,
            String clientId,
            String username,
            boolean userNotFound,
            List<Round> history,
            String challengeName,
            Map<String, String> privateParameters,
            String challengeMetadata,
            SrpServer srp) {

        Pending {
            history = List.copyOf(history);
        }

        @Override
        public String toString() {
            return "Pending[flow=" + flow + ", user=" + username + ", challenge=" + challengeName + ", rounds="
                    + history.size() + "]";
        }
    }

    private record Entry(Pending pending, long expiresMillis, String alias) {}

    private static final int ID_BYTES = 32;
    private static final int MAC_BYTES = 32;

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, String> aliases = new ConcurrentHashMap<>();
    private final byte[] key = Ids.bytes(32);
    private final Clock clock;
    private final AtomicInteger puts = new AtomicInteger();
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    AuthSessions(Clock clock) {
        this.clock = clock;
    }

    Clock clock() {
        return clock;
    }

    /** Stores a pending challenge and returns its new session string, valid for {@code validity}. */
    String open(Pending pending, java.time.Duration validity) {
        return open(pending, validity, null);
    }

    /**
     * As {@link #open(Pending, java.time.Duration)}, also findable by {@code alias} (PASSWORD_VERIFIER: the
     * SECRET_BLOCK, for clients that answer without the Session).
     */
    String open(Pending pending, java.time.Duration validity, String alias) {
        long expires = clock.instant().plus(validity).toEpochMilli();
        byte[] id = Ids.bytes(ID_BYTES);
        ByteBuffer token = ByteBuffer.allocate(ID_BYTES + 8 + MAC_BYTES);
        token.put(id).putLong(expires);
        token.put(mac(token.array(), ID_BYTES + 8));
        String idKey = Base64.getEncoder().encodeToString(id);
        entries.put(idKey, new Entry(pending, expires, alias));
        String session = Base64.getEncoder().encodeToString(token.array());
        if (alias != null) {
            aliases.put(alias, session);
        }
        if (puts.incrementAndGet() % 1024 == 0) {
            sweep();
        }
        return session;
    }

    /** The session string opened under {@code alias}, or null. */
    String byAlias(String alias) {
        return aliases.get(alias);
    }

    /**
     * The pending challenge for a session string, without consuming it.
     *
     * @throws CognitoException NotAuthorizedException if the session is unknown, used or expired
     */
    Pending peek(String session) {
        byte[] token;
        try {
            token = Base64.getDecoder().decode(session);
        } catch (IllegalArgumentException e) {
            throw CognitoException.invalidSession();
        }
        if (token.length != ID_BYTES + 8 + MAC_BYTES) {
            throw CognitoException.invalidSession();
        }
        byte[] expected = mac(token, ID_BYTES + 8);
        byte[] presented = java.util.Arrays.copyOfRange(token, ID_BYTES + 8, token.length);
        if (!MessageDigest.isEqual(expected, presented)) {
            throw CognitoException.invalidSession();
        }
        long expires = ByteBuffer.wrap(token, ID_BYTES, 8).getLong();
        String idKey = Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(token, 0, ID_BYTES));
        if (clock.millis() >= expires) {
            entries.remove(idKey);
            throw CognitoException.expiredSession();
        }
        Entry entry = entries.get(idKey);
        if (entry == null) {
            throw CognitoException.invalidSession();
        }
        return entry.pending();
    }

    /** Consumes a session; only one of several concurrent callers succeeds. */
    void consume(String session, Pending pending) {
        byte[] token = Base64.getDecoder().decode(session);
        String idKey = Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(token, 0, ID_BYTES));
        Entry entry = entries.get(idKey);
        if (entry == null || entry.pending() != pending || !entries.remove(idKey, entry)) {
            throw CognitoException.invalidSession();
        }
        if (entry.alias() != null) {
            aliases.remove(entry.alias());
        }
    }

    int size() {
        return entries.size();
    }

    private void sweep() {
        long now = clock.millis();
        entries.values().removeIf(e -> {
            boolean expired = e.expiresMillis() <= now;
            if (expired && e.alias() != null) {
                aliases.remove(e.alias());
            }
            return expired;
        });
    }

    private byte[] mac(byte[] data, int length) {
        Mac mac = macs.get();
        mac.update(data, 0, length);
        return mac.doFinal();
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
