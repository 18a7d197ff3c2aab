package dev.stepwise.harness.emulator;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One user pool: id, ARN, its current {@link PoolConfig} and its users, keyed by canonical username. Thread-safe:
 * users are replaced atomically in the map; the config is a volatile immutable value.
 */
final class UserPool {

    final String id;
    final String arn;
    final Instant created;
    final Map<String, UserRecord> users = new ConcurrentHashMap<>();
    /** Groups by name (case-sensitive, as in Cognito). */
    final Map<String, UserGroup> groups = new ConcurrentHashMap<>();
    /** Group names by the member's canonical username key. */
    final Map<String, Set<String>> memberships = new ConcurrentHashMap<>();
    /** Devices by device key. */
    final Map<String, DeviceRecord> devices = new ConcurrentHashMap<>();

    private volatile PoolConfig config;

    UserPool(String id, String arn, Instant created, PoolConfig config) {
        this.id = id;
        this.arn = arn;
        this.created = created;
        this.config = config;
    }

    PoolConfig config() {
        return config;
    }

    void config(PoolConfig value) {
        this.config = value;
    }

    String key(String username) {
        return config.caseSensitive() ? username : username.toLowerCase(Locale.ROOT);
    }

    /** The user by username, or by an email or phone alias when the pool signs in with those. */
    UserRecord resolve(String name) {
        UserRecord direct = users.get(key(name));
        if (direct != null) {
            return direct;
        }
        PoolConfig current = config;
        for (String attribute : new String[] {"email", "phone_number"}) {
            boolean usernameAttribute = current.usernameAttributes().contains(attribute);
            boolean alias = current.aliasAttributes().contains(attribute);
            if (!usernameAttribute && !alias) {
                continue;
            }
            for (UserRecord user : users.values()) {
                String value = user.attributes().get(attribute);
                boolean verified = "true".equals(user.attributes().get(attribute + "_verified"));
                if (value != null && value.equalsIgnoreCase(name) && (usernameAttribute || verified)) {
                    return user;
                }
            }
        }
        return null;
    }

    /** The user's groups, by precedence (lowest first; none last), then name: the order of {@code cognito:groups}. */
    List<String> groupsOf(String username) {
        Set<String> names = memberships.getOrDefault(key(username), Set.of());
        return names.stream()
                .map(groups::get)
                .filter(java.util.Objects::nonNull)
                .sorted(Comparator.comparing(
                                (UserGroup g) -> g.precedence() == null ? Integer.MAX_VALUE : g.precedence())
                        .thenComparing(UserGroup::name))
                .map(UserGroup::name)
                .toList();
    }

    /** Removes a deleted user's memberships and devices. */
    void forget(String username) {
        memberships.remove(key(username));
        devices.values().removeIf(d -> key(d.username()).equals(key(username)));
    }
}
