package dev.stepwise.harness.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A pool's {@code /.well-known/openid-configuration}: the OpenID Provider Metadata an OIDC library reads (issuer, JWKS,
 * supported values). The emulator has no hosted UI or OAuth 2.0 endpoints, so it lists none of
 * {@code authorization_endpoint}, {@code token_endpoint} or {@code userinfo_endpoint}.
 */
final class OpenIdConfiguration {

    private OpenIdConfiguration() {}

    static ObjectNode of(String issuer) {
        ObjectNode config = JsonCodec.object();
        config.put("issuer", issuer);
        config.put("jwks_uri", issuer + "/.well-known/jwks.json");
        array(config, "id_token_signing_alg_values_supported", "RS256");
        array(config, "subject_types_supported", "public");
        array(config, "response_types_supported", "code", "token");
        array(config, "scopes_supported", "openid", "email", "phone", "profile");
        array(config, "token_endpoint_auth_methods_supported", "client_secret_basic", "client_secret_post");
        array(
                config,
                "claims_supported",
                "sub",
                "iss",
                "aud",
                "exp",
                "iat",
                "auth_time",
                "token_use",
                "cognito:username",
                "cognito:groups",
                "email",
                "email_verified",
                "phone_number",
                "phone_number_verified");
        return config;
    }

    private static void array(ObjectNode config, String name, String... values) {
        ArrayNode array = config.putArray(name);
        for (String value : values) {
            array.add(value);
        }
    }
}
