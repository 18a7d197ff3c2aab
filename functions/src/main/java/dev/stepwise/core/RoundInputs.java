package dev.stepwise.core;

import java.security.SecureRandom;
import java.time.Instant;

/**
 * What every call into a {@link FactorHandler} knows, whichever trigger makes it: who signs in, the factor, the time,
 * and the flow's collaborators. The contexts ({@link EnrolmentContext}, {@link PresentContext},
 * {@link CheckContext}) expose it.
 */
record RoundInputs(
        String userPoolId,
        String userName,
        String clientId,
        UserProfile user,
        boolean userNotFound,
        Factor factor,
        Instant now,
        Services services) {
    /**
     * The flow's collaborators that factors use.
     *
     * @param state the state table, or {@code null} when none is configured
     */
    record Services(StateStore state, SecretBox secrets, StepwiseKeys keys, SecureRandom random) {
        RoundInputs of(SignInContext context, Factor factor, Instant now) {
            return new RoundInputs(
                    context.userPoolId(),
                    context.userName(),
                    context.clientId(),
                    context.user(),
                    context.userNotFound(),
                    factor,
                    now,
                    this);
        }

        RoundInputs of(VerifyContext context, Factor factor, Instant now) {
            return new RoundInputs(
                    context.userPoolId(),
                    context.userName(),
                    context.clientId(),
                    context.user(),
                    context.userNotFound(),
                    factor,
                    now,
                    this);
        }
    }

    StateStore state() {
        return services.state();
    }

    SecretBox secrets() {
        return services.secrets();
    }

    StepwiseKeys keys() {
        return services.keys();
    }

    SecureRandom random() {
        return services.random();
    }

    StateStore requireState() {
        if (state() == null) {
            throw new IllegalStateException(
                    "factor " + factor.id() + " needs the state table, but the flow was built without one");
        }
        return state();
    }

    FactorKeys factorKeys() {
        return new FactorKeys(keys(), factor);
    }
}
