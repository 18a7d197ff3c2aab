package dev.stepwise.harness.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How one scenario went on one target.
 *
 * @param scenario the scenario
 * @param target the target's name
 * @param status passed, failed or skipped
 * @param differences for a failure, each way the sign-in differed from the scenario, readable
 *     ({@code step 2 (CONFIRM_SIGN_IN_WITH_EMAIL_CODE) attemptsRemaining: expected 1, was 2}); for a skip, the reason
 * @param observations what the target did, round by round (for comparing targets)
 * @param duration how long setting up and signing in took
 */
public record ScenarioResult(
        Scenario scenario,
        String target,
        Status status,
        List<String> differences,
        List<Observation> observations,
        Duration duration) {

    /** Validates and copies. */
    public ScenarioResult {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(status, "status");
        differences = List.copyOf(differences);
        observations = List.copyOf(observations);
        Objects.requireNonNull(duration, "duration");
    }

    /** Whether the scenario passed. */
    public boolean passed() {
        return status == Status.PASSED;
    }

    /** Passed, failed or skipped. */
    public enum Status {
        PASSED("PASS"),
        FAILED("FAIL"),
        SKIPPED("SKIP");

        /** The word in reports. */
        public final String label;

        Status(String label) {
            this.label = label;
        }
    }
}
