package dev.stepwise.harness.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks Cognito makes on what a pool or app client is given: attributes against the pool's schema, token lifetimes
 * within Cognito's limits, and auth flow names of one generation. Messages are Cognito's where known; the others are
 * marked as the emulator's own in docs/emulator.md.
 */
final class PoolRules {

    /** The standard attributes every pool has (Cognito developer guide, "Standard attributes"). */
    static final Set<String> STANDARD = Set.of(
            "sub",
            "address",
            "birthdate",
            "email",
            "email_verified",
            "family_name",
            "gender",
            "given_name",
            "locale",
            "middle_name",
            "name",
            "nickname",
            "phone_number",
            "phone_number_verified",
            "picture",
            "preferred_username",
            "profile",
            "updated_at",
            "website",
            "zoneinfo");

    private static final Duration MIN_TOKEN = Duration.ofMinutes(5);
    private static final Duration MAX_TOKEN = Duration.ofDays(1);
    private static final Duration MIN_REFRESH = Duration.ofHours(1);
    private static final Duration MAX_REFRESH = Duration.ofDays(3650);

    private PoolRules() {}

    /**
     * Every attribute must be a standard one or a {@code custom:} attribute the pool's {@code Schema} declares.
     *
     * @throws CognitoException InvalidParameterException "Attributes did not conform to the schema: ..."
     */
    static void checkAttributes(UserPool pool, Map<String, String> attributes) {
        for (String name : attributes.keySet()) {
            if (STANDARD.contains(name) || declared(pool, name)) {
                continue;
            }
            throw CognitoException.invalidParameter("Attributes did not conform to the schema: Type for attribute {"
                    + name + "} could not be determined");
        }
    }

    private static boolean declared(UserPool pool, String name) {
        JsonNode schema = pool.config().settings().path("Schema");
        for (JsonNode attribute : schema) {
            String declared = attribute.path("Name").asText();
            if (name.equals(declared) || name.equals("custom:" + declared)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Access and ID tokens live 5 minutes to 1 day, refresh tokens 1 hour to 10 years (in the client's units);
     * {@code ALLOW_} flow names and the legacy ones cannot be mixed.
     *
     * @throws CognitoException InvalidParameterException
     */
    static void checkClient(Input input, List<String> flows) {
        if (flows != null) {
            boolean prefixed = flows.stream().anyMatch(f -> f.startsWith("ALLOW_"));
            boolean legacy = flows.stream().anyMatch(f -> !f.startsWith("ALLOW_"));
            if (prefixed && legacy) {
                throw CognitoException.invalidParameter(
                        "ExplicitAuthFlows can not have both ALLOW_ prefixed and legacy values.");
            }
        }
        JsonNode units = input.body().path("TokenValidityUnits");
        check(input, "AccessTokenValidity", units.path("AccessToken").asText("hours"), MIN_TOKEN, MAX_TOKEN);
        check(input, "IdTokenValidity", units.path("IdToken").asText("hours"), MIN_TOKEN, MAX_TOKEN);
        check(input, "RefreshTokenValidity", units.path("RefreshToken").asText("days"), MIN_REFRESH, MAX_REFRESH);
    }

    private static void check(Input input, String member, String unit, Duration min, Duration max) {
        JsonNode value = input.body().get(member);
        if (value == null || !value.isIntegralNumber() || value.longValue() == 0) {
            return;
        }
        Duration validity =
                switch (unit) {
                    case "seconds" -> Duration.ofSeconds(value.longValue());
                    case "minutes" -> Duration.ofMinutes(value.longValue());
                    case "hours" -> Duration.ofHours(value.longValue());
                    default -> Duration.ofDays(value.longValue());
                };
        if (validity.compareTo(min) < 0 || validity.compareTo(max) > 0) {
            throw CognitoException.invalidParameter("Invalid range for token validity: " + member + " must be between "
                    + describe(min) + " and " + describe(max) + ".");
        }
    }

    private static String describe(Duration duration) {
        if (duration.toDays() >= 365) {
            return duration.toDays() / 365 + " years";
        }
        if (duration.toDays() >= 1) {
            return duration.toDays() + " day" + (duration.toDays() == 1 ? "" : "s");
        }
        if (duration.toHours() >= 1) {
            return duration.toHours() + " hour" + (duration.toHours() == 1 ? "" : "s");
        }
        return duration.toMinutes() + " minutes";
    }
}
