package dev.stepwise.harness.scenario;

/**
 * Where scenarios run: the embedded emulator ({@link EmulatorTarget}), LocalStack ({@link LocalStackTarget}), or a
 * pool that is already deployed ({@link DeployedPoolTarget}). A target sets up what a scenario needs (triggers with
 * its policy, a pool, an app client, its user) and says where to sign in and read codes.
 */
public interface ScenarioTarget extends AutoCloseable {

    /** The target's name in reports, e.g. {@code emulator}. */
    String name();

    /**
     * Sets up a pool, client and user for this scenario, with an empty mailbox.
     *
     * @throws ScenarioSkippedException if this target cannot run the scenario (the reason says why)
     */
    ScenarioEnvironment prepare(Scenario scenario);

    /** Releases what the target started. */
    @Override
    void close();
}
