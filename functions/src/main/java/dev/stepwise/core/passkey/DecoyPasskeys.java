package dev.stepwise.core.passkey;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code allowCredentials} of an unknown username (or of a user without passkeys), so that its passkey challenge
 * looks like a real user's: one credential (sometimes two) whose ids, lengths and transports are those of common
 * passkey providers (16-byte ids of Google Password Manager, 20-byte ids of iCloud Keychain, 32-byte ids of Windows
 * Hello and security keys). Everything is derived from a keyed hash of pool and username, so the same name gets the
 * same credentials in every sign-in and in every container, as a real user does, and nobody without the key can tell
 * the ids from random. Limits: a deployment whose users all use one provider may want {@link #DecoyPasskeys(List)} with
 * that provider's shape alone. Stateless and thread-safe.
 */
public final class DecoyPasskeys {
    /**
     * One plausible kind of credential.
     *
     * @param idBytes the credential id's length
     * @param transports its transports
     */
    public record Shape(int idBytes, List<String> transports) {
        /** Checks the length and copies the transports. */
        public Shape {
            if (idBytes < 16 || idBytes > 1023) {
                throw new IllegalArgumentException("a credential id has 16 to 1023 bytes");
            }
            transports = List.copyOf(transports);
        }
    }

    /** The shapes of the common providers. */
    public static final List<Shape> COMMON = List.of(
            new Shape(16, List.of("hybrid", "internal")),
            new Shape(20, List.of("hybrid", "internal")),
            new Shape(32, List.of("internal")));

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final List<Shape> shapes;

    /** Decoys shaped like {@link #COMMON}. */
    public DecoyPasskeys() {
        this(COMMON);
    }

    /** Decoys shaped like one of {@code shapes}. */
    public DecoyPasskeys(List<Shape> shapes) {
        if (shapes.isEmpty()) {
            throw new IllegalArgumentException("at least one decoy shape is needed");
        }
        this.shapes = List.copyOf(shapes);
    }

    /** The decoy credentials of {@code userName} in {@code userPoolId}, keyed by {@code decoyKey}. */
    public List<PasskeyOptions.Descriptor> allowCredentials(byte[] decoyKey, String userPoolId, String userName) {
        byte[] seed = hmac(decoyKey, "passkey-decoy", userPoolId, userName, "shape");
        Shape shape = shapes.get(Byte.toUnsignedInt(seed[0]) % shapes.size());
        int count = Byte.toUnsignedInt(seed[1]) < 64 ? 2 : 1;
        List<PasskeyOptions.Descriptor> descriptors = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] id = expand(decoyKey, userPoolId, userName, i, shape.idBytes());
            descriptors.add(new PasskeyOptions.Descriptor(B64URL.encodeToString(id), shape.transports()));
        }
        return descriptors;
    }

    private static byte[] expand(byte[] key, String userPoolId, String userName, int index, int length) {
        byte[] out = new byte[length];
        int filled = 0;
        for (int block = 0; filled < length; block++) {
            byte[] next =
                    hmac(key, "passkey-decoy", userPoolId, userName, Integer.toString(index), Integer.toString(block));
            int n = Math.min(next.length, length - filled);
            System.arraycopy(next, 0, out, filled, n);
            filled += n;
        }
        return out;
    }

    private static byte[] hmac(byte[] key, String... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Arrays.copyOf(key, key.length), "HmacSHA256"));
            for (String part : parts) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                mac.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
                mac.update(bytes);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
