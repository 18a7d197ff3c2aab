package dev.stepwise.core;

import java.time.Instant;
import java.util.List;

/**
 * What Define leaves for pre token generation when it lets Cognito issue tokens: proof that this sign-in passed the
 * Stepwise triggers, and how.
 *
 * @param factors the policy identifiers of the factors passed, in order (e.g. {@code password}, {@code totp})
 * @param lastStepAt when the last step was passed (whole seconds)
 * @param trustedDevice whether a trusted device skipped the steps marked for new devices
 */
public record SignInMark(List<String> factors, Instant lastStepAt, boolean trustedDevice) {
    /** Checks and copies. */
    public SignInMark {
        if (factors == null || lastStepAt == null) {
            throw new IllegalArgumentException("factors and lastStepAt are required");
        }
        factors = List.copyOf(factors);
        for (String factor : factors) {
            if (factor.isEmpty() || factor.contains(",")) {
                throw new IllegalArgumentException("a factor id is non-empty and has no comma: " + factor);
            }
        }
        lastStepAt = Instant.ofEpochSecond(lastStepAt.getEpochSecond());
    }

    /** The RFC 8176 values of {@link #factors}; see {@link AuthenticationMethods}. */
    public List<String> amr() {
        return AuthenticationMethods.of(factors);
    }
}
