package dev.stepwise.core;

import java.time.Instant;

/**
 * What one custom round carries from Create to Verify and to later rounds, inside Cognito's {@code challengeMetadata}
 * and {@code privateChallengeParameters}. {@link MetadataSeal} turns it into a MAC'd string. It holds a keyed hash of
 * the code, never the code.
 *
 * @param factor the factor presented
 * @param step the policy step, from 0
 * @param attempt the attempt at that step, from 1
 * @param expiresAt when the code stops being accepted (whole seconds)
 * @param codeHash base64url keyed hash of the code (see {@link CodeHasher})
 */
public record ChallengeMetadata(Factor factor, int step, int attempt, Instant expiresAt, String codeHash) {
    /** Checks ranges. */
    public ChallengeMetadata {
        if (factor == null || expiresAt == null || codeHash == null) {
            throw new IllegalArgumentException("factor, expiresAt and codeHash are required");
        }
        if (step < 0 || attempt < 1) {
            throw new IllegalArgumentException("step must be >= 0 and attempt >= 1");
        }
    }
}
