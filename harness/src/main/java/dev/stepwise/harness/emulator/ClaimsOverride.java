package dev.stepwise.harness.emulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What shapes one issue of tokens beyond the user's attributes: the groups for {@code cognito:groups} and what pre
 * token generation asked for (claims to add or override and to suppress per token, scopes to add and suppress).
 * Immutable.
 *
 * @param groups the groups written to both tokens' {@code cognito:groups}; empty writes no such claim
 */
record ClaimsOverride(
        List<String> groups,
        Map<String, Object> idAdd,
        Set<String> idSuppress,
        Map<String, Object> accessAdd,
        Set<String> accessSuppress,
        List<String> scopesToAdd,
        Set<String> scopesToSuppress) {

    /**
     * The claims pre token generation may not change (Cognito developer guide, "Pre token generation Lambda trigger").
     */
    static final Set<String> RESTRICTED_ID = Set.of(
            "acr",
            "amr",
            "aud",
            "at_hash",
            "auth_time",
            "azp",
            "cognito:username",
            "exp",
            "iat",
            "identities",
            "iss",
            "jti",
            "nbf",
            "nonce",
            "origin_jti",
            "sub",
            "token_use",
            "cognito:groups",
            "event_id");

    /** The access-token claims pre token generation may not change; scopes and groups have their own members. */
    static final Set<String> RESTRICTED_ACCESS = Set.of(
            "acr",
            "amr",
            "aud",
            "auth_time",
            "azp",
            "client_id",
            "exp",
            "iat",
            "identities",
            "iss",
            "jti",
            "nbf",
            "nonce",
            "origin_jti",
            "sub",
            "token_use",
            "username",
            "scope",
            "cognito:groups",
            "event_id",
            "version");

    ClaimsOverride {
        groups = List.copyOf(groups);
        idAdd = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(idAdd));
        idSuppress = Set.copyOf(idSuppress);
        accessAdd = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(accessAdd));
        accessSuppress = Set.copyOf(accessSuppress);
        scopesToAdd = List.copyOf(scopesToAdd);
        scopesToSuppress = Set.copyOf(scopesToSuppress);
    }

    /** No pre token generation: the user's attributes and groups only. */
    static ClaimsOverride groupsOnly(List<String> groups) {
        return new ClaimsOverride(groups, Map.of(), Set.of(), Map.of(), Set.of(), List.of(), Set.of());
    }
}
