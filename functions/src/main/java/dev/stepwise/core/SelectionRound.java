package dev.stepwise.core;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The selection round: when the user can use two or more alternatives of a step, the client is asked which one (the
 * contract's {@code options}); Verify records a valid choice in the state table under the sign-in's nonce, where the
 * next-step decision reads it ({@link Decider.Choices}). Works for any registered factor. Thread-safe.
 */
final class SelectionRound {
    private final FactorRegistry factors;

    SelectionRound(FactorRegistry factors) {
        this.factors = factors;
    }

    /** The round's public parameters (beside the common ones) and metadata. */
    ChallengeMetadata present(
            Decision.Present present, String nonce, Instant expiresAt, Map<String, String> parameters) {
        parameters.put(
                ChallengeContract.STEP,
                present.firstStep() ? ChallengeContract.FIRST_FACTOR_SELECTION : ChallengeContract.MFA_SELECTION);
        parameters.put(
                ChallengeContract.OPTIONS,
                String.join(",", present.options().stream().map(Factor::id).toList()));
        return ChallengeMetadata.forSelection(present.step(), present.attempt(), expiresAt, nonce, present.options());
    }

    /** Checks a choice and records it for the rest of the step. */
    VerifyResult check(
            VerifyContext context, ChallengeMetadata metadata, String answer, StateStore state, Instant now) {
        Optional<Factor> choice = factors.find(answer).filter(metadata.options()::contains);
        if (choice.isEmpty() || metadata.nonce().isEmpty()) {
            return VerifyResult.wrong("not one of the options");
        }
        state.put(new StateItem(
                StateKeys.signIn(context.userPoolId(), context.userName(), metadata.nonce()),
                StateKeys.CHOICE + metadata.step(),
                Map.of("factor", choice.get().id()),
                now.plus(CustomAuthFlow.SIGN_IN_STATE_TTL)));
        return VerifyResult.right();
    }

    /** The option chosen at {@code step} of the sign-in with {@code nonce}, as {@link #check} recorded it. */
    Optional<Factor> chosen(StateStore state, SignInContext context, String nonce, int step, Instant now) {
        return state.get(
                        StateKeys.signIn(context.userPoolId(), context.userName(), nonce), StateKeys.CHOICE + step, now)
                .flatMap(item -> factors.find(String.valueOf(item.attribute("factor"))));
    }
}
