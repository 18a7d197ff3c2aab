package dev.stepwise.core;

/**
 * What {@link FactorHandler#usable} knows: who signs in and the state table. For an unknown user the handler is asked
 * all the same (so the reads match a real user's) and its answer is ignored.
 */
public final class EnrolmentContext extends FactorContext {
    EnrolmentContext(RoundInputs inputs) {
        super(inputs);
    }
}
