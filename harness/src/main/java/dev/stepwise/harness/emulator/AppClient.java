package dev.stepwise.harness.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * An app client: its id, pool, optional secret and the settings stored from CreateUserPoolClient /
 * UpdateUserPoolClient. Immutable; an update replaces it. The derived values are computed once.
 */
final class AppClient {

    static final Set<String> DEFAULT_FLOWS =
            Set.of("ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH");

    final String clientId;
    final String userPoolId;
    final String name;
    final String secret;
    final ObjectNode settings;
    final Instant created;
    final Instant lastModified;
    final Set<String> flows;
    final boolean preventUserExistenceErrors;
    final Duration authSessionValidity;
    final Duration accessTokenValidity;
    final Duration idTokenValidity;
    final Duration refreshTokenValidity;

    AppClient(
            String clientId,
            String userPoolId,
            String name,
            String secret,
            ObjectNode settings,
            Instant created,
            Instant lastModified) {
        this.clientId = clientId;
        this.userPoolId = userPoolId;
        this.name = name;
        this.secret = secret;
        this.settings = settings.deepCopy();
        this.created = created;
        this.lastModified = lastModified;
        Set<String> explicit = new HashSet<>();
        JsonNode flowsNode = settings.get("ExplicitAuthFlows");
        if (flowsNode != null && flowsNode.isArray()) {
            flowsNode.forEach(f -> explicit.add(f.asText()));
        }
        this.flows = explicit.isEmpty() ? DEFAULT_FLOWS : Set.copyOf(explicit);
        this.preventUserExistenceErrors = "ENABLED".equals(text("PreventUserExistenceErrors"));
        this.authSessionValidity = Duration.ofMinutes(integer("AuthSessionValidity", 3));
        JsonNode units = settings.get("TokenValidityUnits");
        this.accessTokenValidity = validity(integer("AccessTokenValidity", 0), unit(units, "AccessToken", "hours"), 60);
        this.idTokenValidity = validity(integer("IdTokenValidity", 0), unit(units, "IdToken", "hours"), 60);
        this.refreshTokenValidity =
                validity(integer("RefreshTokenValidity", 0), unit(units, "RefreshToken", "days"), 30 * 24 * 60);
    }

    boolean allows(String flow) {
        return flows.contains(flow);
    }

    private String text(String member) {
        JsonNode node = settings.get(member);
        return node == null ? null : node.asText();
    }

    private int integer(String member, int fallback) {
        JsonNode node = settings.get(member);
        return node == null || !node.isInt() ? fallback : node.intValue();
    }

    private static String unit(JsonNode units, String member, String fallback) {
        JsonNode node = units == null ? null : units.get(member);
        return node == null || !node.isTextual() ? fallback : node.textValue();
    }

    private static Duration validity(int value, String unit, int defaultMinutes) {
        boolean explicit = value > 0;
        if (!explicit) {
            return Duration.ofMinutes(defaultMinutes);
        }
        return switch (unit) {
            case "seconds" -> Duration.ofSeconds(value);
            case "minutes" -> Duration.ofMinutes(value);
            case "hours" -> Duration.ofHours(value);
            default -> Duration.ofDays(value);
        };
    }
}
