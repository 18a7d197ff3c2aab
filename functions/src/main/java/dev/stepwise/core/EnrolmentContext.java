package dev.stepwise.core;

import java.time.Instant;

/**
 * What {@link FactorHandler#usable} knows: who signs in and the state table. For an unknown user the handler is asked
 * all the same (so the reads match a real user's) and its answer is ignored.
 */
public final class EnrolmentContext {
    private final RoundInputs inputs;

    EnrolmentContext(RoundInputs inputs) {
        this.inputs = inputs;
    }

    /** The user pool's id. */
    public String userPoolId() {
        return inputs.userPoolId();
    }

    /** The user's username (for an unknown user, what the client sent). */
    public String userName() {
        return inputs.userName();
    }

    /** The app client, or {@code null} when Cognito sent none. */
    public String clientId() {
        return inputs.clientId();
    }

    /** The user's verified email and phone number. */
    public UserProfile user() {
        return inputs.user();
    }

    /** Whether Cognito runs the trigger for a user that does not exist. */
    public boolean userNotFound() {
        return inputs.userNotFound();
    }

    /** The trigger's time. */
    public Instant now() {
        return inputs.now();
    }

    /**
     * The state table.
     *
     * @throws IllegalStateException when the flow has none (a factor that reads it returns {@code true} from
     *     {@link FactorHandler#needsState()}, so the flow is never built without one)
     */
    public StateStore state() {
        return inputs.requireState();
    }

    /** Keyed hashes under this factor's key. */
    public FactorKeys keys() {
        return inputs.factorKeys();
    }
}
