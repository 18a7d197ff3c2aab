package dev.stepwise.harness.emulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Checks {@code SECRET_HASH = Base64(HMAC-SHA256(clientSecret, username + clientId))} for clients with a secret. */
final class SecretHash {

    private SecretHash() {}

    static void check(AppClient client, String username, String presented) {
        if (client.secret == null) {
            return;
        }
        if (presented == null) {
            throw CognitoException.notAuthorized(
                    "Client " + client.clientId + " is configured for secret but secret was not received");
        }
        byte[] expected = compute(client.secret, username == null ? "" : username, client.clientId);
        byte[] actual;
        try {
            actual = Base64.getDecoder().decode(presented);
        } catch (IllegalArgumentException e) {
            actual = new byte[0];
        }
        if (!MessageDigest.isEqual(expected, actual)) {
            throw CognitoException.notAuthorized("Unable to verify secret hash for client " + client.clientId);
        }
    }

    static byte[] compute(String secret, String username, String clientId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal((username + clientId).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
