package dev.stepwise.harness.client;

import dev.stepwise.core.DeviceAnswer;
import dev.stepwise.core.TrustedDevices;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The device credentials a {@link SignInClient} keeps, one per user of one pool and app client, as a browser keeps one
 * in its storage. The client answers the trusted-device round from here: the credential it holds, or, when asked to
 * trust this device, a new secret it draws and keeps once the sign-in is done. Copy a credential to another keychain to
 * play a stolen one. Thread-safe; in memory only.
 */
public final class DeviceKeychain {
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Map<String, String> proposed = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /** An empty keychain. */
    public DeviceKeychain() {}

    /** The credential held for {@code username}, or {@code null}. */
    public String secret(String username) {
        return secrets.get(username);
    }

    /** Holds {@code secret} as {@code username}'s credential (a copied or restored one). */
    public void put(String username, String secret) {
        if (!TrustedDevices.wellFormed(secret)) {
            throw new IllegalArgumentException("a device secret is 43 base64url characters");
        }
        secrets.put(username, secret);
    }

    /** Forgets {@code username}'s credential, as clearing the browser's storage would. */
    public void forget(String username) {
        secrets.remove(username);
        proposed.remove(username);
    }

    /**
     * The answer to a trusted-device round for {@code username}: the credential held, else a new one to trust when
     * {@code trustThisDevice}, else none.
     */
    DeviceAnswer answer(String username, boolean trustThisDevice) {
        String held = secrets.get(username);
        if (held != null) {
            return DeviceAnswer.present(held);
        }
        if (!trustThisDevice) {
            return DeviceAnswer.none();
        }
        String secret = TrustedDevices.newSecret(random);
        proposed.put(username, secret);
        return DeviceAnswer.trust(secret);
    }

    /** The sign-in of {@code username} is done: a secret proposed in it becomes the credential. */
    void signedIn(String username) {
        String secret = proposed.remove(username);
        if (secret != null) {
            secrets.put(username, secret);
        }
    }
}
