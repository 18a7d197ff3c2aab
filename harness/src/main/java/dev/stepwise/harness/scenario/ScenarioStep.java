package dev.stepwise.harness.scenario;

import java.util.Map;
import java.util.Objects;

/**
 * One challenge a scenario expects, and how to answer it.
 *
 * @param expect public challenge parameters that must have these values ({@code step} is the step name, e.g.
 *     {@code CONFIRM_SIGN_IN_WITH_EMAIL_CODE}; any other key is compared with the parameter of that name, e.g.
 *     {@code factor}, {@code attemptsRemaining}, {@code deliveryMedium}, {@code options}); keys not named are not checked
 * @param answer how to answer it
 */
public record ScenarioStep(Map<String, String> expect, Answer answer) {

    /** Validates and copies. */
    public ScenarioStep {
        expect = Map.copyOf(expect);
        Objects.requireNonNull(answer, "answer");
    }
}
