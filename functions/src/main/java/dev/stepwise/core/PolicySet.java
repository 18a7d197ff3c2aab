package dev.stepwise.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The default policy plus optional per app client policies, picked by {@code callerContext.clientId}. Immutable.
 *
 * @param defaultPolicy used for clients without their own policy, and when the client id is unknown
 * @param byClient policies keyed by app client id
 * @param refuseUnlisted whether clients not in {@code byClient} are refused instead of getting the default policy
 *     ({@code STEPWISE_UNLISTED_CLIENTS=refuse}), so that a strict policy of one client cannot be sidestepped through
 *     another
 */
public record PolicySet(Policy defaultPolicy, Map<String, Policy> byClient, boolean refuseUnlisted) {
    /** Copies the map. */
    public PolicySet {
        if (defaultPolicy == null) {
            throw new IllegalArgumentException("a default policy is required");
        }
        byClient = Map.copyOf(byClient);
        if (refuseUnlisted && byClient.isEmpty()) {
            throw new ConfigurationException("STEPWISE_UNLISTED_CLIENTS=refuse refuses every client not named in"
                    + " STEPWISE_CLIENT_POLICIES, and it names none: list your clients there, or set"
                    + " STEPWISE_UNLISTED_CLIENTS=default");
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

    /** Whether any policy uses {@code factor}. */
    public boolean uses(Factor factor) {
        return defaultPolicy.uses(factor) || byClient.values().stream().anyMatch(p -> p.uses(factor));
    }

    /**
     * Parses the default policy and the per client list {@code "<clientId>=<policy>;<clientId>=<policy>"}.
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
        Policy policy = Policy.parse("STEPWISE_POLICY", defaultPolicy, limits);
        Map<String, Policy> byClient = new LinkedHashMap<>();
        if (clientPolicies != null && !clientPolicies.isBlank()) {
            for (String entry : clientPolicies.split(";")) {
                if (entry.isBlank()) {
                    continue;
                }
                int equals = entry.indexOf('=');
                if (equals < 0) {
                    throw new ConfigurationException("STEPWISE_CLIENT_POLICIES entry \"" + entry.strip()
                            + "\" has no '=': write \"<clientId>=<policy>\", entries separated by ';'");
                }
                String clientId = entry.substring(0, equals).strip();
                if (!clientId.matches("[\\w+]{1,128}")) {
                    throw new ConfigurationException("STEPWISE_CLIENT_POLICIES entry \"" + entry.strip()
                            + "\" does not start with an app client id (1 to 128 letters, digits, '_' or '+')");
                }
                Policy clientPolicy = Policy.parse(
                        "STEPWISE_CLIENT_POLICIES for client " + clientId, entry.substring(equals + 1), limits);
                if (byClient.put(clientId, clientPolicy) != null) {
                    throw new ConfigurationException(
                            "STEPWISE_CLIENT_POLICIES names client " + clientId + " twice: keep one entry per client");
                }
            }
        }
        return new PolicySet(policy, byClient, refuseUnlisted);
    }
}
