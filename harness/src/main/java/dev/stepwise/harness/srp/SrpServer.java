package dev.stepwise.harness.srp;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;

/**
 * The server side of Cognito's SRP-6a variant for one sign-in attempt: issues the PASSWORD_VERIFIER challenge for a
 * client's A and checks the client's PASSWORD_CLAIM_SIGNATURE.
 *
 * <p>Built from the stored {@link SrpVerifier} and the client's {@code SRP_A}; offers {@link #challenge} (SRP_B, SALT,
 * a fresh random SECRET_BLOCK and USER_ID_FOR_SRP) and {@link #verify}. Checking that the TIMESTAMP is recent is left
 * to the caller ({@link SrpTimestamp#parse}). Instances are immutable and thread-safe.
 */
public final class SrpServer {

    private final String poolName;
    private final String userIdForSrp;
    private final BigInteger salt;
    private final BigInteger bigB;
    private final byte[] key;
    private final String secretBlock;

    private SrpServer(String userPoolId, String userIdForSrp, SrpVerifier verifier, String srpA, BigInteger b) {
        this.poolName = CognitoSrpGroup.poolName(userPoolId);
        this.userIdForSrp = Objects.requireNonNull(userIdForSrp, "userIdForSrp");
        BigInteger bigA = CognitoSrpGroup.parseHex("SRP_A", srpA);
        if (bigA.mod(CognitoSrpGroup.N).signum() == 0) {
            throw new IllegalArgumentException("SRP_A is 0 mod N; refusing it");
        }
        BigInteger v = CognitoSrpGroup.parseHex("verifier", verifier.verifier());
        this.salt = CognitoSrpGroup.parseHex("salt", verifier.salt());
        this.bigB = CognitoSrpGroup.K
                .multiply(v)
                .add(CognitoSrpGroup.G.modPow(b, CognitoSrpGroup.N))
                .mod(CognitoSrpGroup.N);
        BigInteger u = CognitoSrpGroup.u(bigA, bigB);
        BigInteger s = bigA.multiply(v.modPow(u, CognitoSrpGroup.N)).modPow(b, CognitoSrpGroup.N);
        this.key = CognitoSrpGroup.sessionKey(s, u);
        this.secretBlock = Base64.getEncoder().encodeToString(SrpClient.randomBytes(64));
    }

    /**
     * Starts the server side with a fresh 1024-bit private value b.
     *
     * @param userIdForSrp the user id the verifier was made with
     * @param srpA the client's A, hex
     * @throws IllegalArgumentException if A is malformed or 0 mod N
     */
    public static SrpServer create(String userPoolId, String userIdForSrp, SrpVerifier verifier, String srpA) {
        return new SrpServer(userPoolId, userIdForSrp, verifier, srpA, new BigInteger(1, SrpClient.randomBytes(128)));
    }

    /** Starts the server side with a chosen private value b (hex), for reproducible tests only. */
    public static SrpServer withPrivateValue(
            String userPoolId, String userIdForSrp, SrpVerifier verifier, String srpA, String b) {
        return new SrpServer(userPoolId, userIdForSrp, verifier, srpA, CognitoSrpGroup.parseHex("b", b));
    }

    /** The PASSWORD_VERIFIER challenge to send: SRP_B, SALT, SECRET_BLOCK and USER_ID_FOR_SRP. */
    public PasswordVerifierChallenge challenge() {
        return new PasswordVerifierChallenge(
                CognitoSrpGroup.hex(bigB), CognitoSrpGroup.hex(salt), secretBlock, userIdForSrp);
    }

    /**
     * Checks a client's claim: the echoed secret block must be the one issued and the signature must match, both
     * compared in constant time. Returns false (never throws) for a malformed claim.
     */
    public boolean verify(String secretBlock, String timestamp, String signature) {
        if (secretBlock == null || timestamp == null || signature == null) {
            return false;
        }
        byte[] presented;
        byte[] block;
        try {
            presented = Base64.getDecoder().decode(signature);
            block = CognitoSrpGroup.decodeSecretBlock(secretBlock);
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] expected = CognitoSrpGroup.signature(key, poolName, userIdForSrp, block, timestamp);
        boolean blockMatches = MessageDigest.isEqual(block, CognitoSrpGroup.decodeSecretBlock(this.secretBlock));
        boolean signatureMatches = MessageDigest.isEqual(expected, presented);
        return blockMatches & signatureMatches;
    }

    /** Verifies a {@link PasswordClaim}; see {@link #verify(String, String, String)}. */
    public boolean verify(PasswordClaim claim) {
        return verify(claim.secretBlock(), claim.timestamp(), claim.signature());
    }

    /** Redacts the session key. */
    @Override
    public String toString() {
        return "SrpServer[pool=" + poolName + ", user=" + userIdForSrp + "]";
    }
}
