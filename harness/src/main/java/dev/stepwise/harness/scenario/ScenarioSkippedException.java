package dev.stepwise.harness.scenario;

/** A target cannot run a scenario (e.g. a deployed pool with another policy); the message says why. */
public final class ScenarioSkippedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** With the reason. */
    public ScenarioSkippedException(String reason) {
        super(reason);
    }
}
