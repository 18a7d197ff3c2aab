package dev.stepwise.core;

import java.time.Instant;
import java.util.Map;

/**
 * What {@link FactorHandler#present} makes of a round.
 *
 * @param publicParameters the factor's own public parameters (e.g. {@code codeLength}, {@code destination},
 *     {@code publicKeyOptions}); the flow adds the contract keys every round carries ({@code contractVersion},
 *     {@code status}, {@code attemptsRemaining}, {@code step}, {@code factor}) and they cannot be overridden
 * @param payload the factor's state for this round, sealed by the flow into {@code challengeMetadata} and the private
 *     parameters and handed back to {@link FactorHandler#check} as {@link CheckContext#payload()}: a keyed hash, a
 *     ciphertext, an id, or empty; at most 400 characters of base64 text (letters, digits, {@code - _ + / = :}, no
 *     dot).
 *     Sealing makes it tamper-proof, not secret: never put a secret in it in the clear
 * @param expiresAt when the round stops being accepted, or {@code null} for the round's default
 *     ({@link PresentContext#expiresAt()})
 * @param nonce the sign-in nonce to seal, or {@code null} for {@link PresentContext#nonce()}; a claimed send's nonce
 *     ({@link SendClaim#nonce()}) on a retried first round
 * @param sent whether this call sent a message (for the invocation log)
 */
public record Presentation(
        Map<String, String> publicParameters, String payload, Instant expiresAt, String nonce, boolean sent) {
    /** Copies the map and checks the payload. */
    public Presentation {
        publicParameters = publicParameters == null ? Map.of() : Map.copyOf(publicParameters);
        payload = payload == null ? "" : payload;
        if (!payload.matches("[A-Za-z0-9_:+/=-]{0,400}")) {
            throw new IllegalArgumentException("a payload is at most 400 base64 characters (A-Z a-z 0-9 - _ + / = :)");
        }
    }

    /** A round with these public parameters and payload, the round's default expiry and nonce, and nothing sent. */
    public static Presentation of(Map<String, String> publicParameters, String payload) {
        return new Presentation(publicParameters, payload, null, null, false);
    }

    /** A round whose secret went out (or was claimed) under {@code claim}: its nonce and expiry are sealed. */
    public static Presentation claimed(
            Map<String, String> publicParameters, String payload, SendClaim claim, boolean sent) {
        return new Presentation(publicParameters, payload, claim.expiresAt(), claim.nonce(), sent);
    }

    /** The previous round's challenge again, after a wrong answer: its payload and expiry, nothing sent. */
    public static Presentation reused(Map<String, String> publicParameters, ChallengeMetadata previous) {
        return new Presentation(publicParameters, previous.payload(), previous.expiresAt(), null, false);
    }
}
