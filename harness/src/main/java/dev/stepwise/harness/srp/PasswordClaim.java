package dev.stepwise.harness.srp;

import java.util.Map;

/**
 * The client's answer to PASSWORD_VERIFIER: the three challenge responses besides USERNAME (and SECRET_HASH).
 *
 * @param signature {@code PASSWORD_CLAIM_SIGNATURE}, base64 HMAC-SHA256 under the SRP session key
 * @param secretBlock {@code PASSWORD_CLAIM_SECRET_BLOCK}, the challenge's SECRET_BLOCK echoed back
 * @param timestamp {@code TIMESTAMP}, the signed time in {@link SrpTimestamp} format
 */
public record PasswordClaim(String signature, String secretBlock, String timestamp) {

    /** The claim as Cognito's {@code ChallengeResponses} entries. */
    public Map<String, String> challengeResponses() {
        return Map.of(
                "PASSWORD_CLAIM_SIGNATURE", signature,
                "PASSWORD_CLAIM_SECRET_BLOCK", secretBlock,
                "TIMESTAMP", timestamp);
    }

    /** Redacts the signature, which proves knowledge of the password for this session. */
    @Override
    public String toString() {
        return "PasswordClaim[signature=<redacted>, timestamp=" + timestamp + "]";
    }
}
