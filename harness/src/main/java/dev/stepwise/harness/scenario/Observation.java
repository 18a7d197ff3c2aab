package dev.stepwise.harness.scenario;

import java.util.Map;
import java.util.Objects;

/**
 * What a target showed in one round of a scenario: a challenge ({@code challengeName}, {@code step} and its public
 * parameters, without the time-dependent {@code expiresAt}) or the final outcome ({@code result}: {@code DONE} or the
 * error code, and {@code message}). No codes, answers or tokens.
 *
 * @param label {@code challenge 1}, {@code challenge 2}, ..., or {@code outcome}
 * @param values what was seen
 */
public record Observation(String label, Map<String, String> values) {

    /** Validates and copies. */
    public Observation {
        Objects.requireNonNull(label, "label");
        values = Map.copyOf(values);
    }
}
