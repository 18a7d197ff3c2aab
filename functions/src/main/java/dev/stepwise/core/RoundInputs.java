package dev.stepwise.core;

import java.security.SecureRandom;
import java.time.Instant;

/**
 * What every call into a {@link FactorHandler} knows, whichever trigger makes it: who signs in, the factor, the time,
 * and the flow's collaborators. The contexts ({@link EnrolmentContext}, {@link PresentContext},
 * {@link CheckContext}) expose it.
 *
 * @param state the state table, or {@code null} when none is configured
 */
record RoundInputs(
        String userPoolId,
        String userName,
        String clientId,
        UserProfile user,
        boolean userNotFound,
        Factor factor,
        Instant now,
        StateStore state,
        SecretBox secrets,
        StepwiseKeys keys,
        SecureRandom random) {
    StateStore requireState() {
        if (state == null) {
            throw new IllegalStateException(
                    "factor " + factor.id() + " needs the state table, but the flow was built without one");
        }
        return state;
    }

    FactorKeys factorKeys() {
        return new FactorKeys(keys, factor);
    }
}
