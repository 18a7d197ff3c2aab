package dev.stepwise.core;

import java.time.Instant;
import java.util.List;

/**
 * What one custom round carries from Create to Verify and to later rounds, inside Cognito's {@code challengeMetadata}
 * and {@code privateChallengeParameters}. {@link MetadataSeal} turns it into a MAC'd string: tamper-proof, not secret,
 * so it never holds a code, a token or a secret in the clear. Build one with {@link #forSelection} or
 * {@link #forFactor}.
 *
 * @param factor the factor presented; {@code null} on a selection round
 * @param step the policy step, from 0
 * @param attempt the attempt at this challenge, from 1
 * @param expiresAt when the code, link or set-up stops being accepted (whole seconds)
 * @param payload the factor's own state for this round ({@link Presentation#payload()}): for the built-ins the keyed
 *     hash of the code ({@link CodeHasher}) or of the link's id, on a TOTP set-up the new secret encrypted with the
 *     {@link SecretBox}; empty for factors that check against stored state, for selection rounds and for decoys
 * @param nonce the sign-in's nonce, the same in every round of one sign-in; binds state-table items to the sign-in
 * @param options the choices on a selection round; empty otherwise
 * @param setup whether this round sets up the factor (e.g. TOTP set-up) rather than checking it
 */
public record ChallengeMetadata(
        Factor factor,
        int step,
        int attempt,
        Instant expiresAt,
        String payload,
        String nonce,
        List<Factor> options,
        boolean setup) {
    /** Checks ranges and the shape of a selection round. */
    public ChallengeMetadata {
        if (expiresAt == null || payload == null || nonce == null) {
            throw new IllegalArgumentException("expiresAt, payload and nonce are required");
        }
        if (step < 0 || attempt < 1) {
            throw new IllegalArgumentException("step must be >= 0 and attempt >= 1");
        }
        options = options == null ? List.of() : List.copyOf(options);
        if ((factor == null) == options.isEmpty()) {
            throw new IllegalArgumentException("a round presents either one factor or a choice of options");
        }
    }

    /** A code round without a sign-in nonce (as sealed before selection existed). */
    public ChallengeMetadata(Factor factor, int step, int attempt, Instant expiresAt, String payload) {
        this(factor, step, attempt, expiresAt, payload, "", List.of(), false);
    }

    /** A selection round: the user picks one of {@code options} (two or more). */
    public static ChallengeMetadata forSelection(
            int step, int attempt, Instant expiresAt, String nonce, List<Factor> options) {
        return new ChallengeMetadata(null, step, attempt, expiresAt, "", nonce, options, false);
    }

    /** A round of {@code factor}, checking it or, when {@code setup}, enrolling it. */
    public static ChallengeMetadata forFactor(
            Factor factor, int step, int attempt, Instant expiresAt, String payload, String nonce, boolean setup) {
        if (factor == null) {
            throw new IllegalArgumentException("a factor round needs a factor");
        }
        return new ChallengeMetadata(factor, step, attempt, expiresAt, payload, nonce, List.of(), setup);
    }

    /** Whether this round asked the user to choose between {@link #options}. */
    public boolean selection() {
        return factor == null;
    }
}
