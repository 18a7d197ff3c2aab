package dev.stepwise.harness.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The triggers around a sign-in, run where Cognito runs them (developer guide, "Customizing user pool workflows with
 * Lambda triggers"): Pre authentication before a known user's sign-in starts, Post authentication once it succeeded,
 * and Pre token generation, version 1 or 2, before any tokens are issued (refreshes included). Each gets Cognito's
 * event shape; a handler's error ends the call with {@code UserLambdaValidationException "<Trigger> failed with error
 * <message>."} and no tokens.
 */
final class AuthTriggers {

    /** The trigger source of a pre token generation: where the tokens come from. */
    enum TokenSource {
        AUTHENTICATION("TokenGeneration_Authentication"),
        NEW_PASSWORD_CHALLENGE("TokenGeneration_NewPasswordChallenge"),
        REFRESH_TOKENS("TokenGeneration_RefreshTokens");

        final String triggerSource;

        TokenSource(String triggerSource) {
            this.triggerSource = triggerSource;
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final TriggerInvoker triggers;
    private final String region;

    AuthTriggers(TriggerInvoker triggers, String region) {
        this.triggers = triggers;
        this.region = region;
    }

    /**
     * Pre authentication, when the pool has one: {@code validationData} is the request's {@code ClientMetadata}. Not
     * run for unknown users.
     */
    void preAuthentication(
            UserPool pool,
            AppClient client,
            UserRecord user,
            Map<String, String> validationData,
            RequestContext context) {
        String arn = pool.config().triggerArn(Trigger.PRE_AUTHENTICATION.configKey);
        if (arn == null || user == null) {
            return;
        }
        ObjectNode event = event(Trigger.PRE_AUTHENTICATION.triggerSource, "1", pool, client, user, context);
        ObjectNode request = (ObjectNode) event.get("request");
        ObjectNode data = request.putObject("validationData");
        validationData.forEach(data::put);
        if (client.preventUserExistenceErrors) {
            request.put("userNotFound", false);
        }
        triggers.invoke(Trigger.PRE_AUTHENTICATION, arn, event);
    }

    /** Post authentication, when the pool has one, after a sign-in succeeded and before its tokens are returned. */
    void postAuthentication(
            UserPool pool,
            AppClient client,
            UserRecord user,
            Map<String, String> clientMetadata,
            RequestContext context) {
        String arn = pool.config().triggerArn(Trigger.POST_AUTHENTICATION.configKey);
        if (arn == null) {
            return;
        }
        ObjectNode event = event(Trigger.POST_AUTHENTICATION.triggerSource, "1", pool, client, user, context);
        ObjectNode request = (ObjectNode) event.get("request");
        request.put("newDeviceUsed", false);
        putMetadata(request, clientMetadata);
        triggers.invoke(Trigger.POST_AUTHENTICATION, arn, event);
    }

    /**
     * Pre token generation, when the pool has one ({@code PreTokenGenerationConfig} with its {@code LambdaVersion}, else
     * {@code PreTokenGeneration} as version 1), and what its answer does to the tokens. Version 1 changes the ID token
     * only; version 2 (and 3, which is the same for users) both tokens and the access token's scopes. A
     * {@code groupOverrideDetails} object replaces {@code cognito:groups} in both tokens; a null one keeps them.
     */
    ClaimsOverride preTokenGeneration(
            UserPool pool,
            AppClient client,
            UserRecord user,
            TokenSource source,
            Map<String, String> clientMetadata,
            RequestContext context) {
        List<String> groups = pool.groupsOf(user.username());
        String arn = null;
        String version = "1";
        JsonNode config = pool.config().settings().path("LambdaConfig").path("PreTokenGenerationConfig");
        if (config.path("LambdaArn").isTextual()) {
            arn = config.path("LambdaArn").textValue();
            String lambdaVersion = config.path("LambdaVersion").asText("V1_0");
            version = lambdaVersion.equals("V1_0") ? "1" : "2";
        } else {
            arn = pool.config().triggerArn(Trigger.PRE_TOKEN_GENERATION.configKey);
        }
        if (arn == null) {
            return ClaimsOverride.groupsOnly(groups);
        }
        ObjectNode event = event(source.triggerSource, version, pool, client, user, context);
        ObjectNode request = (ObjectNode) event.get("request");
        ObjectNode groupConfiguration = request.putObject("groupConfiguration");
        ArrayNode groupsToOverride = groupConfiguration.putArray("groupsToOverride");
        groups.forEach(groupsToOverride::add);
        ArrayNode roles = groupConfiguration.putArray("iamRolesToOverride");
        groups.stream()
                .map(pool.groups::get)
                .filter(g -> g != null && g.roleArn() != null)
                .forEach(g -> roles.add(g.roleArn()));
        groupConfiguration.putNull("preferredRole");
        if (version.equals("2")) {
            request.putArray("scopes").add("aws.cognito.signin.user.admin");
        }
        putMetadata(request, clientMetadata);
        event.putObject("response");
        JsonNode response =
                triggers.invoke(Trigger.PRE_TOKEN_GENERATION, arn, event).path("response");
        return version.equals("1") ? versionOne(response, groups) : versionTwo(response, groups);
    }

    private static ClaimsOverride versionOne(JsonNode response, List<String> groups) {
        JsonNode details = response.path("claimsOverrideDetails");
        if (!details.isObject()) {
            return ClaimsOverride.groupsOnly(groups);
        }
        return new ClaimsOverride(
                groups(details.get("groupOverrideDetails"), groups),
                claims(details.get("claimsToAddOrOverride")),
                names(details.get("claimsToSuppress")),
                Map.of(),
                Set.of(),
                List.of(),
                Set.of());
    }

    private static ClaimsOverride versionTwo(JsonNode response, List<String> groups) {
        JsonNode details = response.path("claimsAndScopeOverrideDetails");
        if (!details.isObject()) {
            return ClaimsOverride.groupsOnly(groups);
        }
        JsonNode id = details.path("idTokenGeneration");
        JsonNode access = details.path("accessTokenGeneration");
        return new ClaimsOverride(
                groups(details.get("groupOverrideDetails"), groups),
                claims(id.get("claimsToAddOrOverride")),
                names(id.get("claimsToSuppress")),
                claims(access.get("claimsToAddOrOverride")),
                names(access.get("claimsToSuppress")),
                new ArrayList<>(names(access.get("scopesToAdd"))),
                names(access.get("scopesToSuppress")));
    }

    private static List<String> groups(JsonNode override, List<String> current) {
        if (override == null || override.isNull()) {
            return current;
        }
        if (!override.isObject()) {
            throw invalidResponse();
        }
        return new ArrayList<>(names(override.get("groupsToOverride")));
    }

    private static Map<String, Object> claims(JsonNode node) {
        Map<String, Object> claims = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return claims;
        }
        if (!node.isObject()) {
            throw invalidResponse();
        }
        node.fields().forEachRemaining(e -> {
            if (!e.getValue().isNull()) {
                claims.put(e.getKey(), MAPPER.convertValue(e.getValue(), Object.class));
            }
        });
        return claims;
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new LinkedHashSet<>();
        if (node == null || node.isNull()) {
            return names;
        }
        if (!node.isArray()) {
            throw invalidResponse();
        }
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw invalidResponse();
            }
            names.add(item.textValue());
        }
        return names;
    }

    private static CognitoException invalidResponse() {
        return new CognitoException("InvalidLambdaResponseException", "Unrecognizable lambda output");
    }

    private ObjectNode event(
            String triggerSource,
            String version,
            UserPool pool,
            AppClient client,
            UserRecord user,
            RequestContext context) {
        return event(triggerSource, version, region, pool, client.clientId, user, context);
    }

    /**
     * The envelope every trigger event shares (developer guide, "Common parameters"), with the user's attributes as
     * {@code request.userAttributes}.
     */
    static ObjectNode event(
            String triggerSource,
            String version,
            String region,
            UserPool pool,
            String clientId,
            UserRecord user,
            RequestContext context) {
        ObjectNode event = JsonCodec.object();
        event.put("version", version);
        event.put("region", region);
        event.put("userPoolId", pool.id);
        event.put("userName", user.username());
        ObjectNode caller = event.putObject("callerContext");
        caller.put("awsSdkVersion", context.awsSdkVersion());
        caller.put("clientId", clientId);
        event.put("triggerSource", triggerSource);
        ObjectNode request = event.putObject("request");
        request.set("userAttributes", userAttributes(user));
        return event;
    }

    /** A known user's attributes as triggers see them: {@code sub}, {@code cognito:user_status}, then the rest. */
    static ObjectNode userAttributes(UserRecord user) {
        ObjectNode attributes = JsonCodec.object();
        attributes.put("sub", user.sub());
        attributes.put("cognito:user_status", user.status());
        user.attributes().forEach((name, value) -> {
            if (!name.equals("sub")) {
                attributes.put(name, value);
            }
        });
        return attributes;
    }

    static void putMetadata(ObjectNode request, Map<String, String> clientMetadata) {
        if (clientMetadata != null && !clientMetadata.isEmpty()) {
            ObjectNode metadata = request.putObject("clientMetadata");
            clientMetadata.forEach(metadata::put);
        }
    }
}
