package dev.stepwise.core;

/** The state table could not answer (unreachable, throttled, misconfigured). The trigger fails; no tokens. */
public class StateStoreException extends StepwiseException {
    private static final long serialVersionUID = 1L;

    /** With a message that says what failed. */
    public StateStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
