package dev.stepwise.harness.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.RSAKey;
import dev.stepwise.harness.srp.SrpVerifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.ParseException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps pools, clients, users (with SRP verifiers, never passwords), groups and the token signing key in one JSON file, so
 * they survive restarts. Sessions, refresh tokens and the mailbox are not kept. Writes replace the file atomically.
 */
final class StateFile {

    private final Path file;

    StateFile(Path file) {
        this.file = file;
    }

    /** Loads the file into the directory, returning the stored signing key, or null when there is no file yet. */
    RSAKey load(Directory directory) {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            JsonNode root = JsonCodec.parse(Files.readAllBytes(file));
            for (JsonNode p : root.path("pools")) {
                UserPool pool = new UserPool(
                        p.path("id").asText(),
                        p.path("arn").asText(),
                        Instant.parse(p.path("created").asText()),
                        new PoolConfig(
                                p.path("name").asText(),
                                (ObjectNode) p.path("settings"),
                                Instant.parse(p.path("lastModified").asText())));
                for (JsonNode u : p.path("users")) {
                    Map<String, String> attributes = new LinkedHashMap<>();
                    u.path("attributes")
                            .fields()
                            .forEachRemaining(
                                    e -> attributes.put(e.getKey(), e.getValue().asText()));
                    SrpVerifier credential = u.hasNonNull("verifier")
                            ? new SrpVerifier(
                                    u.path("salt").asText(), u.path("verifier").asText())
                            : null;
                    UserRecord user = new UserRecord(
                            u.path("username").asText(),
                            attributes,
                            u.path("enabled").asBoolean(true),
                            u.path("status").asText(),
                            Instant.parse(u.path("created").asText()),
                            Instant.parse(u.path("modified").asText()),
                            credential);
                    pool.users.put(pool.key(user.username()), user);
                    for (JsonNode group : u.path("groups")) {
                        pool.memberships
                                .computeIfAbsent(pool.key(user.username()), k -> ConcurrentHashMap.newKeySet())
                                .add(group.asText());
                    }
                }
                for (JsonNode g : p.path("groups")) {
                    UserGroup group = new UserGroup(
                            g.path("name").asText(),
                            g.hasNonNull("description") ? g.path("description").asText() : null,
                            g.hasNonNull("roleArn") ? g.path("roleArn").asText() : null,
                            g.hasNonNull("precedence") ? g.path("precedence").asInt() : null,
                            Instant.parse(g.path("created").asText()),
                            Instant.parse(g.path("modified").asText()));
                    pool.groups.put(group.name(), group);
                }
                directory.pools.put(pool.id, pool);
            }
            for (JsonNode c : root.path("clients")) {
                AppClient client = new AppClient(
                        c.path("clientId").asText(),
                        c.path("userPoolId").asText(),
                        c.path("name").asText(),
                        c.hasNonNull("secret") ? c.path("secret").asText() : null,
                        (ObjectNode) c.path("settings"),
                        Instant.parse(c.path("created").asText()),
                        Instant.parse(c.path("lastModified").asText()));
                directory.clients.put(client.clientId, client);
            }
            JsonNode key = root.get("signingKey");
            return key == null ? null : RSAKey.parse(key.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the emulator state file " + file + ": " + e.getMessage(), e);
        } catch (ParseException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "The emulator state file " + file + " is not valid (" + e.getMessage()
                            + "); delete it to start empty",
                    e);
        }
    }

    /** Writes the whole state. */
    synchronized void save(Directory directory, RSAKey key) {
        ObjectNode root = JsonCodec.object();
        root.put("version", 1);
        root.set("signingKey", JsonCodec.MAPPER.valueToTree(key.toJSONObject()));
        ArrayNode pools = root.putArray("pools");
        for (UserPool pool : directory.pools.values()) {
            ObjectNode p = pools.addObject();
            PoolConfig config = pool.config();
            p.put("id", pool.id);
            p.put("arn", pool.arn);
            p.put("created", pool.created.toString());
            p.put("name", config.name());
            p.set("settings", config.settings());
            p.put("lastModified", config.lastModified().toString());
            ArrayNode users = p.putArray("users");
            for (UserRecord user : pool.users.values()) {
                ObjectNode u = users.addObject();
                u.put("username", user.username());
                ObjectNode attributes = u.putObject("attributes");
                user.attributes().forEach(attributes::put);
                u.put("enabled", user.enabled());
                u.put("status", user.status());
                u.put("created", user.created().toString());
                u.put("modified", user.modified().toString());
                if (user.credential() != null) {
                    u.put("salt", user.credential().salt());
                    u.put("verifier", user.credential().verifier());
                }
                ArrayNode groups = u.putArray("groups");
                pool.memberships
                        .getOrDefault(pool.key(user.username()), java.util.Set.of())
                        .forEach(groups::add);
            }
            ArrayNode groups = p.putArray("groups");
            for (UserGroup group : pool.groups.values()) {
                ObjectNode g = groups.addObject();
                g.put("name", group.name());
                g.put("description", group.description());
                g.put("roleArn", group.roleArn());
                if (group.precedence() != null) {
                    g.put("precedence", group.precedence());
                }
                g.put("created", group.created().toString());
                g.put("modified", group.modified().toString());
            }
        }
        ArrayNode clients = root.putArray("clients");
        for (AppClient client : directory.clients.values()) {
            ObjectNode c = clients.addObject();
            c.put("clientId", client.clientId);
            c.put("userPoolId", client.userPoolId);
            c.put("name", client.name);
            c.put("secret", client.secret);
            c.set("settings", client.settings);
            c.put("created", client.created.toString());
            c.put("lastModified", client.lastModified.toString());
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temp = Files.createTempFile(parent, ".stepwise-state", ".tmp");
            Files.write(temp, JsonCodec.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the emulator state file " + file + ": " + e.getMessage(), e);
        }
    }
}
