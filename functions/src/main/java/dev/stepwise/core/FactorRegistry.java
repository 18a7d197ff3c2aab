package dev.stepwise.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The factors a flow can run: a {@link FactorHandler} per {@link Factor}, the built-ins first, then any a team
 * registers. {@link Factor#PASSWORD} is always known and has no handler (Cognito checks it). Immutable, thread-safe.
 */
public final class FactorRegistry {
    private final Map<Factor, FactorHandler> handlers;

    private FactorRegistry(Map<Factor, FactorHandler> handlers) {
        this.handlers = handlers;
    }

    /** The built-in factors: email and SMS codes rendered with {@code templates}, TOTP, backup codes, email links. */
    public static FactorRegistry builtIns(MessageTemplates templates, FactorSettings settings) {
        Map<Factor, FactorHandler> handlers = new LinkedHashMap<>();
        for (FactorHandler handler : List.of(
                CodeFactor.email(templates),
                CodeFactor.sms(templates),
                new EmailLinkFactor(settings),
                new TotpFactor(settings),
                new BackupCodeFactor())) {
            handlers.put(Factor.of(handler.id()), handler);
        }
        return new FactorRegistry(handlers);
    }

    /**
     * These factors plus {@code custom}.
     *
     * @throws ConfigurationException when a handler's id or step name is malformed, or its id is already registered
     *     (built-in or custom)
     */
    public FactorRegistry with(Collection<? extends FactorHandler> custom) {
        Map<Factor, FactorHandler> all = new LinkedHashMap<>(handlers);
        for (FactorHandler handler : custom) {
            String name = handler.getClass().getName();
            Factor factor;
            try {
                factor = Factor.of(handler.id());
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(
                        "factor " + name + " has id \"" + handler.id() + "\": " + e.getMessage());
            }
            if (factor.equals(Factor.PASSWORD) || all.containsKey(factor)) {
                throw new ConfigurationException("factor " + name + " has id \"" + factor.id() + "\", which "
                        + (factor.builtIn() ? "a built-in factor has" : "another registered factor has")
                        + ": give it an id of its own");
            }
            for (String step : List.of(String.valueOf(handler.stepName()), String.valueOf(handler.setupStepName()))) {
                if (!step.matches("[A-Z][A-Z0-9_]{0,79}")) {
                    throw new ConfigurationException(
                            "factor " + name + " has step name \"" + step
                                    + "\": use upper-case letters, digits and '_', e.g. CONFIRM_SIGN_IN_WITH_SECURITY_QUESTION");
                }
            }
            all.put(factor, handler);
        }
        return new FactorRegistry(all);
    }

    /**
     * Checks that every factor of {@code policies} is known, and that a state table is there when they need one.
     *
     * @throws ConfigurationException naming the policy and the factor, or the factors that need the table
     */
    void check(PolicySet policies, boolean hasState) {
        for (Policy policy : policies.all()) {
            for (Policy.Step step : policy.steps()) {
                for (Factor factor : step.factors()) {
                    if (!factor.equals(Factor.PASSWORD) && handler(factor) == null) {
                        throw new ConfigurationException("the policy \"" + policy + "\" uses factor '" + factor.id()
                                + "', which no registered factor handles: register its handler, or use one of "
                                + ids());
                    }
                }
            }
        }
        if (!hasState && needsState(policies)) {
            throw new ConfigurationException("a policy has a step with alternatives or a factor that keeps state ("
                    + handlers.values().stream()
                            .filter(FactorHandler::needsState)
                            .map(FactorHandler::id)
                            .collect(Collectors.joining(", "))
                    + "), and no state table is configured: configure one");
        }
    }

    /** The factors whose handlers allow a set-up during sign-in. */
    Set<Factor> setupFactors() {
        return handlers.entrySet().stream()
                .filter(e -> e.getValue().setupAllowed())
                .map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The handler of {@code factor}, or {@code null} for {@link Factor#PASSWORD} and unregistered factors. */
    public FactorHandler handler(Factor factor) {
        return handlers.get(factor);
    }

    /** The known factor with identifier {@code id}: {@link Factor#PASSWORD} or a registered one. */
    public Optional<Factor> find(String id) {
        if (Factor.PASSWORD.id().equals(id)) {
            return Optional.of(Factor.PASSWORD);
        }
        return handlers.keySet().stream().filter(f -> f.id().equals(id)).findFirst();
    }

    /** Every known factor, {@link Factor#PASSWORD} first, then the registered ones in registration order. */
    public List<Factor> factors() {
        List<Factor> all = new ArrayList<>();
        all.add(Factor.PASSWORD);
        all.addAll(handlers.keySet());
        return all;
    }

    /** The registered handlers, built-ins first. */
    public List<FactorHandler> handlers() {
        return List.copyOf(handlers.values());
    }

    /** Every known identifier, comma separated, for error messages. */
    public String ids() {
        return factors().stream().map(Factor::id).collect(Collectors.joining(", "));
    }

    /**
     * Whether the policies in {@code policies} need the state table: a step with two or more alternatives besides the
     * password (the choice is kept there), or a factor whose handler {@linkplain FactorHandler#needsState() needs it}.
     */
    public boolean needsState(PolicySet policies) {
        return policies.all().stream()
                .flatMap(p -> p.steps().stream())
                .anyMatch(step -> step.deviceRound()
                        || step.factors().stream()
                                        .filter(f -> !f.equals(Factor.PASSWORD))
                                        .count()
                                > 1
                        || step.factors().stream().map(this::handler).anyMatch(h -> h != null && h.needsState()));
    }
}
