package dev.stepwise.core;

/** The state table could not answer (unreachable, throttled, misconfigured). The trigger fails; no tokens. */
public class StateStoreException extends RuntimeException {
    /** With a message that says what failed. */
    public StateStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
