package dev.stepwise.harness.srp;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The arithmetic shared by the client and server sides of Cognito's SRP-6a variant.
 *
 * <p>Cognito uses the 3072-bit MODP group of RFC 3526 (also in RFC 5054) with generator 2, SHA-256 as H, the
 * multiplier {@code k = H(PAD(N) | PAD(g))}, and derives a 16-byte session key with one HKDF-SHA256 block whose info
 * is the string {@code "Caldera Derived Key"} followed by the byte 1. {@code PAD(x)} is the minimal two's-complement
 * big-endian encoding of {@code x} ({@link BigInteger#toByteArray()}), which is what every Cognito client hashes.
 */
final class CognitoSrpGroup {

    static final BigInteger N = new BigInteger(
            "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD"
                    + "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
                    + "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
                    + "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
                    + "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
                    + "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7"
                    + "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C"
                    + "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF",
            16);

    static final BigInteger G = BigInteger.TWO;

    static final BigInteger K = new BigInteger(1, sha256(N.toByteArray(), G.toByteArray()));

    private static final byte[] HKDF_INFO = "Caldera Derived Key\u0001".getBytes(StandardCharsets.UTF_8);

    private CognitoSrpGroup() {}

    /** The pool name Cognito mixes into x and the signature: the part of the pool id after the underscore. */
    static String poolName(String userPoolId) {
        if (userPoolId == null) {
            throw new IllegalArgumentException("userPoolId is required, e.g. us-east-1_AbCdEf123");
        }
        int underscore = userPoolId.indexOf('_');
        if (underscore < 1 || underscore == userPoolId.length() - 1) {
            throw new IllegalArgumentException(
                    "userPoolId must look like <region>_<name>, e.g. us-east-1_AbCdEf123, but was " + userPoolId);
        }
        return userPoolId.substring(underscore + 1);
    }

    static BigInteger u(BigInteger a, BigInteger b) {
        BigInteger u = new BigInteger(1, sha256(a.toByteArray(), b.toByteArray()));
        if (u.signum() == 0) {
            throw new IllegalStateException("SRP u is zero; start a new sign-in");
        }
        return u;
    }

    static BigInteger x(String poolName, String userId, String password, BigInteger salt) {
        byte[] identity = sha256((poolName + userId + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new BigInteger(1, sha256(salt.toByteArray(), identity));
    }

    static byte[] sessionKey(BigInteger s, BigInteger u) {
        byte[] prk = hmac(u.toByteArray(), s.toByteArray());
        byte[] block = hmac(prk, HKDF_INFO);
        byte[] key = new byte[16];
        System.arraycopy(block, 0, key, 0, key.length);
        return key;
    }

    static byte[] signature(byte[] key, String poolName, String userId, byte[] secretBlock, String timestamp) {
        return hmac(
                key,
                poolName.getBytes(StandardCharsets.UTF_8),
                userId.getBytes(StandardCharsets.UTF_8),
                secretBlock,
                timestamp.getBytes(StandardCharsets.UTF_8));
    }

    static BigInteger parseHex(String name, String hex) {
        if (hex == null || hex.isEmpty()) {
            throw new IllegalArgumentException(name + " is required (a hex string)");
        }
        try {
            return new BigInteger(hex, 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a hex string", e);
        }
    }

    static String hex(BigInteger value) {
        return value.toString(16);
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** Decodes SECRET_BLOCK, accepting the URL-safe alphabet and missing padding as Amplify does. */
    static byte[] decodeSecretBlock(String secretBlock) {
        if (secretBlock == null || secretBlock.isEmpty()) {
            throw new IllegalArgumentException("SECRET_BLOCK is required");
        }
        String standard = secretBlock.replace('-', '+').replace('_', '/');
        int padding = (4 - standard.length() % 4) % 4;
        try {
            return Base64.getDecoder().decode(standard + "=".repeat(padding));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("SECRET_BLOCK is not base64", e);
        }
    }

    static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static byte[] hmac(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
        }
    }
}
