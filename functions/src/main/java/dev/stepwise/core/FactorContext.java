package dev.stepwise.core;

import java.time.Instant;

/**
 * What every call to a {@link FactorHandler} knows: who signs in, the time, the state table and the factor's keys.
 * {@link PresentContext}, {@link CheckContext} and {@link EnrolmentContext} add what their call needs.
 */
public abstract sealed class FactorContext permits CheckContext, EnrolmentContext, PresentContext {
    final RoundInputs inputs;

    FactorContext(RoundInputs inputs) {
        this.inputs = inputs;
    }

    /** The user pool's id. */
    public final String userPoolId() {
        return inputs.userPoolId();
    }

    /** The user's username (for an unknown user, what the client sent). */
    public final String userName() {
        return inputs.userName();
    }

    /** The app client, or {@code null} when Cognito sent none. */
    public final String clientId() {
        return inputs.clientId();
    }

    /**
     * The user's verified email and phone number, e.g. where to send a code or tell the owner of a new enrolment;
     * {@link UserProfile#NONE} for an unknown user.
     */
    public final UserProfile user() {
        return inputs.user();
    }

    /**
     * Whether the user does not exist. Cognito runs the triggers for unknown users too, and each call goes on as for a
     * real user so the two look alike: see the subclass for what the flow does with the result.
     */
    public final boolean userNotFound() {
        return inputs.userNotFound();
    }

    /** The trigger's time. */
    public final Instant now() {
        return inputs.now();
    }

    /**
     * The state table.
     *
     * @throws IllegalStateException when the flow has none (a factor that reads it returns {@code true} from
     *     {@link FactorHandler#needsState()}, so the flow is never built without one)
     */
    public final StateStore state() {
        return inputs.requireState();
    }

    /** Keyed hashes under this factor's key. */
    public final FactorKeys keys() {
        return inputs.factorKeys();
    }

    StepwiseKeys stepwiseKeys() {
        return inputs.keys();
    }
}
