package dev.stepwise.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The default policy plus optional per app client policies, picked by {@code callerContext.clientId}. Immutable.
 *
 * @param defaultPolicy used for clients without their own policy, and when the client id is unknown
 * @param byClient policies keyed by app client id
 * @param refuseUnlisted whether clients not in {@code byClient} are refused instead of getting the default policy, so
 *     that a strict policy of one client cannot be sidestepped through another
 */
public record PolicySet(Policy defaultPolicy, Map<String, Policy> byClient, boolean refuseUnlisted) {
    /** Copies the map. */
    public PolicySet {
        if (defaultPolicy == null) {
            throw new IllegalArgumentException("a default policy is required");
        }
        byClient = Map.copyOf(byClient);
        if (refuseUnlisted && byClient.isEmpty()) {
            throw new ConfigurationException("unlisted app clients are refused, but no client has a policy of its own:"
                    + " list your clients with their policies, or let unlisted clients use the default policy");
        }
    }

    /** A set where unlisted clients get the default policy. */
    public PolicySet(Policy defaultPolicy, Map<String, Policy> byClient) {
        this(defaultPolicy, byClient, false);
    }

    /** Whether sign-ins through {@code clientId} may proceed: always, unless unlisted clients are refused. */
    public boolean admits(String clientId) {
        return !refuseUnlisted || (clientId != null && byClient.containsKey(clientId));
    }

    /** The policy for {@code clientId}; the default one when the client has none or the id is {@code null}. */
    public Policy forClient(String clientId) {
        if (clientId == null) {
            return defaultPolicy;
        }
        return byClient.getOrDefault(clientId, defaultPolicy);
    }

    /** The default policy first, then the clients' policies. */
    public List<Policy> all() {
        List<Policy> all = new ArrayList<>();
        all.add(defaultPolicy);
        all.addAll(byClient.values());
        return all;
    }

    /** Whether any policy uses {@code factor}. */
    public boolean uses(Factor factor) {
        return defaultPolicy.uses(factor) || byClient.values().stream().anyMatch(p -> p.uses(factor));
    }

    /**
     * Parses the default policy and the per client list {@code "<clientId>=<policy>;<clientId>=<policy>"}, with the
     * built-in factors; messages call the texts "the default policy" and "the client policies".
     *
     * @param clientPolicies the list, or {@code null}/blank for none
     * @throws ConfigurationException when either text is invalid
     */
    public static PolicySet parse(String defaultPolicy, String clientPolicies, Limits limits) {
        return parse(defaultPolicy, clientPolicies, limits, false);
    }

    /**
     * Parses as {@link #parse(String, String, Limits)}, refusing unlisted clients when {@code refuseUnlisted}.
     *
     * @throws ConfigurationException when either text is invalid, or unlisted clients are refused and none is listed
     */
    public static PolicySet parse(String defaultPolicy, String clientPolicies, Limits limits, boolean refuseUnlisted) {
        return parse(
                new Text("the default policy", defaultPolicy),
                new Text("the client policies", clientPolicies),
                limits,
                refuseUnlisted,
                Factor.builtIns());
    }

    /**
     * A policy text and where it came from, for messages.
     *
     * @param source e.g. the name of the setting that holds the text
     * @param text the text, or {@code null}
     */
    public record Text(String source, String text) {}

    /**
     * Parses the default policy and the per client list {@code "<clientId>=<policy>;<clientId>=<policy>"}, knowing
     * the factors in {@code known} (e.g. {@link FactorRegistry#factors()}); messages name each text's source.
     *
     * @throws ConfigurationException when either text is invalid, or unlisted clients are refused and none is listed
     */
    public static PolicySet parse(
            Text defaultPolicy, Text clientPolicies, Limits limits, boolean refuseUnlisted, List<Factor> known) {
        Policy policy = Policy.parse(defaultPolicy.source(), defaultPolicy.text(), limits, known);
        Map<String, Policy> byClient = new LinkedHashMap<>();
        String list = clientPolicies.source();
        String text = clientPolicies.text();
        if (text != null && !text.isBlank()) {
            for (String entry : text.split(";")) {
                if (entry.isBlank()) {
                    continue;
                }
                int equals = entry.indexOf('=');
                if (equals < 0) {
                    throw new ConfigurationException(list + " entry \"" + entry.strip()
                            + "\" has no '=': write \"<clientId>=<policy>\", entries separated by ';'");
                }
                String clientId = entry.substring(0, equals).strip();
                if (!clientId.matches("[\\w+]{1,128}")) {
                    throw new ConfigurationException(list + " entry \"" + entry.strip()
                            + "\" does not start with an app client id (1 to 128 letters, digits, '_' or '+')");
                }
                Policy clientPolicy =
                        Policy.parse(list + " for client " + clientId, entry.substring(equals + 1), limits, known);
                if (byClient.put(clientId, clientPolicy) != null) {
                    throw new ConfigurationException(
                            list + " names client " + clientId + " twice: keep one entry per client");
                }
            }
        }
        return new PolicySet(policy, byClient, refuseUnlisted);
    }
}
