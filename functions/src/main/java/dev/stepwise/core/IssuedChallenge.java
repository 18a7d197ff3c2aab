package dev.stepwise.core;

import java.util.Map;

/**
 * What Create answers for one round.
 *
 * @param decision the challenge presented
 * @param publicParameters the contract's public parameters, for the client
 * @param privateParameters for Verify; never empty (Cognito fails the sign-in on an empty map)
 * @param metadata the sealed {@link ChallengeMetadata}, for {@code challengeMetadata}
 * @param sent whether a message was sent in this call (false for a reused code and for a decoy)
 */
public record IssuedChallenge(
        Decision.Present decision,
        Map<String, String> publicParameters,
        Map<String, String> privateParameters,
        String metadata,
        boolean sent) {
    /** Copies the maps. */
    public IssuedChallenge {
        publicParameters = Map.copyOf(publicParameters);
        privateParameters = Map.copyOf(privateParameters);
        if (privateParameters.isEmpty()) {
            throw new IllegalArgumentException("privateParameters must not be empty");
        }
    }
}
