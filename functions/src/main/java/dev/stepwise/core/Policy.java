package dev.stepwise.core;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A declarative sign-in chain: ordered steps, each a set of alternative factors, plus limits. Immutable.
 *
 * <p>Text form: steps separated by {@code >}, alternatives inside a step by {@code |}, blanks ignored, e.g.
 * {@code "password > email_code"} or {@code "email_code|phone_code"}. A user passes the chain by passing every step
 * in order; within a step, any one alternative that the user can use is enough.
 *
 * @param steps the chain, first step first; never empty
 * @param limits attempts, code length and code lifetime
 */
public record Policy(List<Step> steps, Limits limits) {
    /**
     * One step of the chain.
     *
     * @param factors the alternatives, in policy order (the order decides which one is presented first)
     */
    public record Step(List<Factor> factors) {
        /** Copies the list; a step needs at least one factor. */
        public Step {
            factors = List.copyOf(factors);
            if (factors.isEmpty()) {
                throw new IllegalArgumentException("a step needs at least one factor");
            }
        }

        /** Whether {@code factor} is one of this step's alternatives. */
        public boolean allows(Factor factor) {
            return factors.contains(factor);
        }

        @Override
        public String toString() {
            return factors.stream().map(Factor::id).collect(Collectors.joining("|"));
        }
    }

    /** Copies the steps and checks the rules {@link #parse} documents. */
    public Policy {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a policy needs at least one step");
        }
        if (limits == null) {
            throw new IllegalArgumentException("limits are required");
        }
    }

    /** Whether the first step lets the user sign in with a password (SRP). */
    public boolean startsWithPassword() {
        return steps.get(0).allows(Factor.PASSWORD);
    }

    /** Whether any step uses {@code factor}. */
    public boolean uses(Factor factor) {
        return steps.stream().anyMatch(s -> s.allows(factor));
    }

    /**
     * Parses and validates a policy text.
     *
     * <p>Rules: at least one step; no empty step; known factor names only (here the built-in ones); a factor appears
     * at most once in the chain; {@code password} only in the first step, because Cognito runs SRP only at the start
     * of CUSTOM_AUTH.
     *
     * @param source where the text came from, for messages (e.g. the name of the setting that holds it)
     * @throws ConfigurationException with a message that says what is wrong and how to fix it
     */
    public static Policy parse(String source, String text, Limits limits) {
        return parse(source, text, limits, Factor.builtIns());
    }

    /**
     * Parses and validates a policy text as {@link #parse(String, String, Limits)} does, knowing the factors in
     * {@code known} (e.g. {@link FactorRegistry#factors()}, which includes the ones a team registered).
     *
     * @throws ConfigurationException with a message that says what is wrong and how to fix it
     */
    public static Policy parse(String source, String text, Limits limits, List<Factor> known) {
        String quoted = source + " \"" + (text == null ? "" : text) + "\"";
        if (text == null || text.isBlank()) {
            throw new ConfigurationException(
                    quoted + " is empty: set it to a chain such as \"email_code\" or \"password > email_code\"");
        }
        String[] stepTexts = text.split(">", -1);
        List<Step> steps = new ArrayList<>();
        Set<Factor> seen = new LinkedHashSet<>();
        for (int i = 0; i < stepTexts.length; i++) {
            int stepNumber = i + 1;
            String stepText = stepTexts[i].strip();
            if (stepText.isEmpty()) {
                throw new ConfigurationException(quoted + ": step " + stepNumber
                        + " is empty: remove the extra '>' or put a factor between the '>' signs");
            }
            List<Factor> factors = new ArrayList<>();
            for (String name : stepText.split("\\|", -1)) {
                String id = name.strip();
                if (id.isEmpty()) {
                    throw new ConfigurationException(
                            quoted + ": step " + stepNumber + " has an empty alternative: remove the extra '|'");
                }
                Factor factor = known.stream()
                        .filter(f -> f.id().equals(id))
                        .findFirst()
                        .orElseThrow(() -> new ConfigurationException(quoted + ": unknown factor '" + id + "' in step "
                                + stepNumber + ": use one of "
                                + known.stream().map(Factor::id).collect(Collectors.joining(", "))));
                if (factor.equals(Factor.PASSWORD) && i > 0) {
                    throw new ConfigurationException(quoted + ": 'password' is in step " + stepNumber
                            + ", but Cognito runs the SRP password check only at the start of CUSTOM_AUTH: move"
                            + " 'password' to the first step");
                }
                if (!seen.add(factor)) {
                    throw new ConfigurationException(
                            quoted + ": factor '" + id + "' appears more than once: list each factor once");
                }
                factors.add(factor);
            }
            steps.add(new Step(factors));
        }
        return new Policy(steps, limits);
    }

    @Override
    public String toString() {
        return steps.stream().map(Step::toString).collect(Collectors.joining(" > "));
    }
}
