package dev.stepwise.harness.client;

import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tokens of a completed sign-in. {@link #toString()} redacts them: print claims, never tokens.
 *
 * @param idToken the ID token (JWT)
 * @param accessToken the access token (JWT)
 * @param refreshToken the refresh token (opaque), may be null
 * @param expiresIn lifetime of the ID and access tokens, seconds
 * @param tokenType {@code Bearer}
 */
public record Tokens(String idToken, String accessToken, String refreshToken, int expiresIn, String tokenType) {

    /**
     * The ID token's claims, decoded but <em>not verified</em> (verify against the pool's JWKS before trusting them).
     *
     * @throws IllegalStateException if the ID token is not a JWT
     */
    public Map<String, Object> idTokenClaims() {
        return claims(idToken);
    }

    /** The access token's claims, decoded but not verified; see {@link #idTokenClaims()}. */
    public Map<String, Object> accessTokenClaims() {
        return claims(accessToken);
    }

    private static Map<String, Object> claims(String jwt) {
        if (jwt == null) {
            throw new IllegalStateException("no token was issued");
        }
        try {
            return new TreeMap<>(JWTParser.parse(jwt).getJWTClaimsSet().toJSONObject());
        } catch (ParseException e) {
            throw new IllegalStateException("the token is not a JWT: " + e.getMessage(), e);
        }
    }

    /** Redacts every token. */
    @Override
    public String toString() {
        return "Tokens[idToken=<redacted>, accessToken=<redacted>, refreshToken=<redacted>, expiresIn=" + expiresIn
                + ", tokenType=" + tokenType + "]";
    }
}
