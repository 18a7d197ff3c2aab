package dev.stepwise.harness.emulator;

import dev.stepwise.harness.srp.SrpVerifier;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One user, immutable: a change replaces the record in its pool. The password is kept only as an SRP verifier and
 * salt.
 *
 * @param username the user's actual username (for pools with email or phone as username, a generated id)
 * @param attributes the attributes, {@code sub} included, values as strings
 * @param status UNCONFIRMED, CONFIRMED or FORCE_CHANGE_PASSWORD
 * @param credential the SRP verifier and salt, or null when the user has no password
 */
record UserRecord(
        String username,
        Map<String, String> attributes,
        boolean enabled,
        String status,
        Instant created,
        Instant modified,
        SrpVerifier credential) {

    UserRecord {
        attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    String sub() {
        return attributes.get("sub");
    }

    UserRecord withAttributes(Map<String, String> changes, Instant now) {
        Map<String, String> merged = new LinkedHashMap<>(attributes);
        merged.putAll(changes);
        return new UserRecord(username, merged, enabled, status, created, now, credential);
    }

    UserRecord withoutAttributes(Iterable<String> names, Instant now) {
        Map<String, String> merged = new LinkedHashMap<>(attributes);
        names.forEach(merged::remove);
        return new UserRecord(username, merged, enabled, status, created, now, credential);
    }

    UserRecord withEnabled(boolean value, Instant now) {
        return new UserRecord(username, attributes, value, status, created, now, credential);
    }

    UserRecord withStatus(String value, Instant now) {
        return new UserRecord(username, attributes, enabled, value, created, now, credential);
    }

    UserRecord withCredential(SrpVerifier value, String newStatus, Instant now) {
        return new UserRecord(username, attributes, enabled, newStatus, created, now, value);
    }

    @Override
    public String toString() {
        return "UserRecord[username=" + username + ", status=" + status + ", enabled=" + enabled + "]";
    }
}
