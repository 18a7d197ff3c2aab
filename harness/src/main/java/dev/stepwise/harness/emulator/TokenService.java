package dev.stepwise.harness.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues and checks tokens: RS256 id and access tokens with Cognito's claims, opaque refresh tokens, and the
 * revocation that RevokeToken and GlobalSignOut cause. One RSA key signs for every pool; its public half is served as
 * each pool's JWKS. Thread-safe.
 */
final class TokenService {

    /** One sign-in's grant, shared by the tokens it produced and the refresh token. */
    record Grant(
            String userPoolId,
            String clientId,
            String username,
            String originJti,
            Instant authTime,
            Instant refreshExpires) {}

    /** The checked claims of an access token. */
    record AccessClaims(String userPoolId, String username, String clientId, String originJti) {}

    private final RSAKey key;
    private final RSASSASigner signer;
    private final RSASSAVerifier verifier;
    private final String endpoint;
    private final Clock clock;
    private final Map<String, Grant> refreshTokens = new ConcurrentHashMap<>();
    private final Set<String> revokedOrigins = ConcurrentHashMap.newKeySet();
    private final Map<String, Set<String>> originsByUser = new ConcurrentHashMap<>();

    TokenService(RSAKey key, String endpoint, Clock clock) {
        this.key = key;
        this.endpoint = endpoint;
        this.clock = clock;
        try {
            this.signer = new RSASSASigner(key);
            this.verifier = new RSASSAVerifier(key.toRSAPublicKey());
        } catch (JOSEException e) {
            throw new IllegalStateException("Unusable signing key", e);
        }
    }

    static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyID(Ids.token(30))
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate an RSA key", e);
        }
    }

    RSAKey key() {
        return key;
    }

    String issuer(String userPoolId) {
        return endpoint + "/" + userPoolId;
    }

    /** The JWKS document for a pool: the public signing key. */
    String jwks() {
        return new JWKSet(key.toPublicJWK()).toString(true);
    }

    /** Id, access and refresh tokens for a completed sign-in, as an {@code AuthenticationResult}. */
    ObjectNode signIn(UserPool pool, AppClient client, UserRecord user, ClaimsOverride claims) {
        Instant now = clock.instant();
        Grant grant = new Grant(
                pool.id, client.clientId, user.username(), Ids.uuid(), now, now.plus(client.refreshTokenValidity));
        originsByUser
                .computeIfAbsent(userKey(pool.id, user.username()), k -> ConcurrentHashMap.newKeySet())
                .add(grant.originJti());
        String refresh = Ids.token(96);
        refreshTokens.put(refresh, grant);
        ObjectNode result = tokens(pool, client, user, grant, now, claims);
        result.put("RefreshToken", refresh);
        return result;
    }

    /** New id and access tokens from a refresh token (REFRESH_TOKEN_AUTH); no new refresh token, as Cognito. */
    ObjectNode refresh(UserPool pool, AppClient client, UserRecord user, Grant grant, ClaimsOverride claims) {
        return tokens(pool, client, user, grant, clock.instant(), claims);
    }

    /** The grant behind a refresh token, checked for this client, revocation and expiry. */
    Grant grant(String refreshToken, AppClient client) {
        Grant grant = refreshTokens.get(refreshToken);
        if (grant == null || !grant.clientId().equals(client.clientId)) {
            throw CognitoException.notAuthorized("Invalid Refresh Token");
        }
        if (revokedOrigins.contains(grant.originJti())) {
            throw CognitoException.notAuthorized("Refresh Token has been revoked");
        }
        if (clock.instant().isAfter(grant.refreshExpires())) {
            throw CognitoException.notAuthorized("Refresh Token has expired");
        }
        return grant;
    }

    /** RevokeToken: revokes the refresh token and every token issued from the same sign-in. */
    void revoke(String refreshToken, AppClient client) {
        Grant grant = refreshTokens.get(refreshToken);
        if (grant == null) {
            return;
        }
        if (!grant.clientId().equals(client.clientId)) {
            throw new CognitoException("UnauthorizedException", "Invalid client id for the token.");
        }
        revokedOrigins.add(grant.originJti());
    }

    /** GlobalSignOut: revokes every sign-in of the user. */
    void signOutEverywhere(String userPoolId, String username) {
        Set<String> origins = originsByUser.get(userKey(userPoolId, username));
        if (origins != null) {
            revokedOrigins.addAll(origins);
        }
    }

    /** Checks an access token's signature, use, expiry and revocation. */
    AccessClaims access(String token) {
        JWTClaimsSet claims;
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!jwt.verify(verifier)) {
                throw CognitoException.notAuthorized("Invalid Access Token");
            }
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | JOSEException | IllegalStateException e) {
            throw CognitoException.notAuthorized("Invalid Access Token");
        }
        if (!"access".equals(claims.getClaim("token_use")) || claims.getExpirationTime() == null) {
            throw CognitoException.notAuthorized("Invalid Access Token");
        }
        if (!clock.instant().isBefore(claims.getExpirationTime().toInstant())) {
            throw CognitoException.notAuthorized("Access Token has expired");
        }
        String originJti = (String) claims.getClaim("origin_jti");
        if (originJti != null && revokedOrigins.contains(originJti)) {
            throw CognitoException.notAuthorized("Access Token has been revoked");
        }
        String issuer = claims.getIssuer();
        String poolId = issuer == null ? "" : issuer.substring(issuer.lastIndexOf('/') + 1);
        return new AccessClaims(
                poolId, (String) claims.getClaim("username"), (String) claims.getClaim("client_id"), originJti);
    }

    private ObjectNode tokens(
            UserPool pool, AppClient client, UserRecord user, Grant grant, Instant now, ClaimsOverride claims) {
        String eventId = Ids.uuid();
        Date issued = Date.from(now);
        long authTime = grant.authTime().getEpochSecond();
        Map<String, Object> custom = new LinkedHashMap<>();
        user.attributes().forEach((name, value) -> {
            if (name.equals("sub")) {
                return;
            }
            custom.put(name, name.endsWith("_verified") ? (Object) Boolean.parseBoolean(value) : value);
        });
        claims.idAdd().forEach((name, value) -> {
            if (!ClaimsOverride.RESTRICTED_ID.contains(name)) {
                custom.put(name, value);
            }
        });
        claims.idSuppress().stream()
                .filter(name -> !ClaimsOverride.RESTRICTED_ID.contains(name))
                .forEach(custom::remove);
        JWTClaimsSet.Builder id = new JWTClaimsSet.Builder().subject(user.sub());
        if (!claims.groups().isEmpty()) {
            id.claim("cognito:groups", claims.groups());
        }
        id.issuer(issuer(pool.id))
                .claim("cognito:username", user.username())
                .claim("origin_jti", grant.originJti())
                .audience(client.clientId)
                .claim("event_id", eventId)
                .claim("token_use", "id")
                .claim("auth_time", authTime)
                .expirationTime(Date.from(now.plus(client.idTokenValidity)))
                .issueTime(issued)
                .jwtID(Ids.uuid());
        custom.forEach(id::claim);
        Set<String> scopes = new LinkedHashSet<>();
        scopes.add("aws.cognito.signin.user.admin");
        scopes.addAll(claims.scopesToAdd());
        scopes.removeAll(claims.scopesToSuppress());
        JWTClaimsSet.Builder access = new JWTClaimsSet.Builder().subject(user.sub());
        if (!claims.groups().isEmpty()) {
            access.claim("cognito:groups", claims.groups());
        }
        access.issuer(issuer(pool.id))
                .claim("client_id", client.clientId)
                .claim("origin_jti", grant.originJti())
                .claim("event_id", eventId)
                .claim("token_use", "access")
                .claim("scope", String.join(" ", scopes))
                .claim("auth_time", authTime)
                .expirationTime(Date.from(now.plus(client.accessTokenValidity)))
                .issueTime(issued)
                .jwtID(Ids.uuid())
                .claim("username", user.username());
        claims.accessAdd().forEach((name, value) -> {
            if (!ClaimsOverride.RESTRICTED_ACCESS.contains(name)
                    && !claims.accessSuppress().contains(name)) {
                access.claim(name, value);
            }
        });
        ObjectNode result = JsonCodec.object();
        result.put("AccessToken", sign(access.build()));
        result.put("ExpiresIn", client.accessTokenValidity.toSeconds());
        result.put("TokenType", "Bearer");
        result.put("IdToken", sign(id.build()));
        return result;
    }

    private String sign(JWTClaimsSet claims) {
        JWSHeader header =
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
        return jwt.serialize();
    }

    private static String userKey(String userPoolId, String username) {
        return userPoolId + "/" + username;
    }
}
