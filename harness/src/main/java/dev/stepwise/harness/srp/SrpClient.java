package dev.stepwise.harness.srp;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * The client side of Cognito's SRP-6a variant: one instance per sign-in attempt.
 *
 * <p>Send {@link #srpA()} as {@code SRP_A} in InitiateAuth ({@code USER_SRP_AUTH}, or {@code CUSTOM_AUTH} with
 * {@code CHALLENGE_NAME=SRP_A}), then answer the PASSWORD_VERIFIER challenge with {@link #claim}. The private value
 * {@code a} never leaves the instance. Instances are immutable and thread-safe.
 */
public final class SrpClient {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String poolName;
    private final BigInteger a;
    private final BigInteger bigA;

    private SrpClient(String userPoolId, BigInteger a) {
        this.poolName = CognitoSrpGroup.poolName(userPoolId);
        if (a.signum() <= 0) {
            throw new IllegalArgumentException("the SRP private value a must be positive");
        }
        this.a = a;
        this.bigA = CognitoSrpGroup.G.modPow(a, CognitoSrpGroup.N);
        if (bigA.signum() == 0) {
            throw new IllegalArgumentException("the SRP private value a gives A = 0 mod N; choose another");
        }
    }

    /** A client for the given pool with a fresh 1024-bit private value from {@link SecureRandom}. */
    public static SrpClient create(String userPoolId) {
        return new SrpClient(userPoolId, new BigInteger(1, randomBytes(128)));
    }

    /**
     * A client with a chosen private value, for reproducible tests only.
     *
     * @param a the private value, hex
     */
    public static SrpClient withPrivateValue(String userPoolId, String a) {
        return new SrpClient(userPoolId, CognitoSrpGroup.parseHex("a", a));
    }

    /** The public value A, lower-case hex, for {@code SRP_A}. */
    public String srpA() {
        return CognitoSrpGroup.hex(bigA);
    }

    /**
     * Answers PASSWORD_VERIFIER by proving knowledge of the password.
     *
     * @param challenge the challenge parameters
     * @param password the user's password; used only in memory
     * @param now the time to sign (Cognito accepts it only within a few minutes of its own clock)
     * @throws IllegalArgumentException if B is 0 mod N or a parameter is malformed
     */
    public PasswordClaim claim(PasswordVerifierChallenge challenge, String password, Instant now) {
        Objects.requireNonNull(password, "password");
        BigInteger b = CognitoSrpGroup.parseHex("SRP_B", challenge.srpB());
        if (b.mod(CognitoSrpGroup.N).signum() == 0) {
            throw new IllegalArgumentException("SRP_B is 0 mod N; the server is misbehaving");
        }
        BigInteger salt = CognitoSrpGroup.parseHex("SALT", challenge.salt());
        BigInteger u = CognitoSrpGroup.u(bigA, b);
        BigInteger x = CognitoSrpGroup.x(poolName, challenge.userIdForSrp(), password, salt);
        BigInteger gx = CognitoSrpGroup.G.modPow(x, CognitoSrpGroup.N);
        BigInteger base = b.subtract(CognitoSrpGroup.K.multiply(gx)).mod(CognitoSrpGroup.N);
        BigInteger s = base.modPow(a.add(u.multiply(x)), CognitoSrpGroup.N);
        byte[] key = CognitoSrpGroup.sessionKey(s, u);
        String timestamp = SrpTimestamp.format(now);
        byte[] signature = CognitoSrpGroup.signature(
                key,
                poolName,
                challenge.userIdForSrp(),
                CognitoSrpGroup.decodeSecretBlock(challenge.secretBlock()),
                timestamp);
        return new PasswordClaim(Base64.getEncoder().encodeToString(signature), challenge.secretBlock(), timestamp);
    }

    /** Redacts the private value. */
    @Override
    public String toString() {
        return "SrpClient[pool=" + poolName + "]";
    }

    static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
