package dev.stepwise.harness.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The differences between two targets running the same scenarios: in steps, public challenge parameters, errors and
 * messages, round by round, plus scenarios that passed on one target and not on the other. Time-dependent values
 * ({@code expiresAt}) are not compared.
 */
public final class Divergence {

    private Divergence() {}

    /**
     * Every difference, one readable line each ({@code email-code: challenge 1 destination: emulator "a***@e***.com",
     * localstack "a***@example.com"}); empty when the targets behaved alike.
     *
     * @param left results on one target
     * @param right results of the same scenarios, in the same order, on the other
     */
    public static List<String> between(List<ScenarioResult> left, List<ScenarioResult> right) {
        if (left.size() != right.size()) {
            throw new IllegalArgumentException("compare the same scenarios: " + left.size() + " vs " + right.size());
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < left.size(); i++) {
            lines.addAll(between(left.get(i), right.get(i)));
        }
        return lines;
    }

    /** The differences for one scenario. */
    public static List<String> between(ScenarioResult left, ScenarioResult right) {
        String name = left.scenario().name();
        String a = left.target();
        String b = right.target();
        List<String> lines = new ArrayList<>();
        if (left.status() == ScenarioResult.Status.SKIPPED || right.status() == ScenarioResult.Status.SKIPPED) {
            if (left.status() != right.status()) {
                lines.add(name + ": " + a + " " + left.status().label + ", " + b + " " + right.status().label
                        + " (not compared)");
            }
            return lines;
        }
        if (left.status() != right.status()) {
            lines.add(name + ": " + a + " " + left.status().label + ", " + b + " " + right.status().label);
        }
        int rounds = Math.max(left.observations().size(), right.observations().size());
        for (int i = 0; i < rounds; i++) {
            Observation l = i < left.observations().size() ? left.observations().get(i) : null;
            Observation r =
                    i < right.observations().size() ? right.observations().get(i) : null;
            if (l == null || r == null) {
                Observation only = l == null ? r : l;
                lines.add(name + ": " + only.label() + " only on " + (l == null ? b : a) + ": " + only.values());
                continue;
            }
            if (!l.label().equals(r.label())) {
                lines.add(name + ": round " + (i + 1) + ": " + a + " " + l.label() + " " + l.values() + ", " + b + " "
                        + r.label() + " " + r.values());
                continue;
            }
            TreeSet<String> keys = new TreeSet<>(l.values().keySet());
            keys.addAll(r.values().keySet());
            for (String key : keys) {
                String lv = l.values().get(key);
                String rv = r.values().get(key);
                if (!Objects.equals(lv, rv)) {
                    lines.add(name + ": " + l.label() + " " + key + ": " + a + " " + quoted(lv) + ", " + b + " "
                            + quoted(rv));
                }
            }
        }
        return lines;
    }

    private static String quoted(String value) {
        return value == null ? "(absent)" : "\"" + value + "\"";
    }
}
