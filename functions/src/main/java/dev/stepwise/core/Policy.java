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
 * in order; within a step, any one alternative that the user can use is enough. A step followed by
 * {@value #NEW_DEVICE} ({@code "password > totp|backup_code @new_device"}) is asked only on a device the user has not
 * trusted; a policy with such a step gets a trusted-device round ({@link DeviceFactor}) of its own, placed after the
 * password when the first step has one and first otherwise, so {@link #steps()} holds it like any other step.
 *
 * @param steps the chain, first step first; never empty
 * @param limits attempts, code length and code lifetime
 */
public record Policy(List<Step> steps, Limits limits) {
    /** The suffix that marks a step a trusted device skips. */
    public static final String NEW_DEVICE = "@new_device";

    /**
     * One step of the chain.
     *
     * @param factors the alternatives, in policy order (the order decides which one is presented first)
     * @param newDeviceOnly whether only a device the user has not trusted is asked this step
     */
    public record Step(List<Factor> factors, boolean newDeviceOnly) {
        /** Copies the list; a step needs at least one factor. */
        public Step {
            factors = List.copyOf(factors);
            if (factors.isEmpty()) {
                throw new IllegalArgumentException("a step needs at least one factor");
            }
        }

        /** A step every device is asked. */
        public Step(List<Factor> factors) {
            this(factors, false);
        }

        /** Whether this is the trusted-device round a policy with {@value #NEW_DEVICE} steps gets. */
        public boolean deviceRound() {
            return factors.equals(List.of(DeviceFactor.DEVICE));
        }

        /** Whether {@code factor} is one of this step's alternatives. */
        public boolean allows(Factor factor) {
            return factors.contains(factor);
        }

        @Override
        public String toString() {
            return factors.stream().map(Factor::id).collect(Collectors.joining("|"))
                    + (newDeviceOnly ? " " + NEW_DEVICE : "");
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

    /** Whether a trusted device skips some step: then {@link #steps()} holds a trusted-device round. */
    public boolean trustsDevices() {
        return steps.stream().anyMatch(Step::newDeviceOnly);
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
     * of CUSTOM_AUTH; {@value #NEW_DEVICE} only after a later step without {@code password} (something must be proved
     * before a device is believed), and {@code device} never written by hand.
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
            boolean newDeviceOnly = stepText.endsWith(NEW_DEVICE);
            if (newDeviceOnly) {
                stepText = stepText.substring(0, stepText.length() - NEW_DEVICE.length())
                        .strip();
                if (i == 0) {
                    throw new ConfigurationException(quoted + ": step 1 is marked " + NEW_DEVICE
                            + ", but something must" + " be proved before a device is believed: mark a later step");
                }
            }
            if (stepText.contains("@")) {
                throw new ConfigurationException(quoted + ": step " + stepNumber + " has an unknown mark: the only one"
                        + " is " + NEW_DEVICE + ", written after the step's factors");
            }
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
                if (id.equals(DeviceAnswer.FACTOR)) {
                    throw new ConfigurationException(quoted + ": 'device' is not written in a policy: mark the steps a"
                            + " trusted device skips with " + NEW_DEVICE + " and the trusted-device round is added");
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
            steps.add(new Step(factors, newDeviceOnly));
        }
        if (steps.stream().anyMatch(Step::newDeviceOnly)) {
            steps.add(steps.get(0).allows(Factor.PASSWORD) ? 1 : 0, new Step(List.of(DeviceFactor.DEVICE)));
        }
        return new Policy(steps, limits);
    }

    @Override
    public String toString() {
        return steps.stream()
                .filter(step -> !step.deviceRound())
                .map(Step::toString)
                .collect(Collectors.joining(" > "));
    }
}
