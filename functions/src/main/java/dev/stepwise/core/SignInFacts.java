package dev.stepwise.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a sign-in that Define lets through proved, read back from its rounds: the factors passed, in order, whether a
 * trusted device skipped the steps marked for new devices, and the sign-in's nonce. Only rounds whose sealed metadata
 * opens count; {@code PASSWORD_VERIFIER} passed counts as {@code password}. Immutable.
 *
 * @param factors the identifiers of the factors passed, in order (never the trusted-device round)
 * @param trustedDevice whether the trusted-device round was passed
 * @param nonce the sign-in's nonce, or {@code null} when it had no custom round
 */
public record SignInFacts(List<String> factors, boolean trustedDevice, String nonce) {
    /** Copies the factors. */
    public SignInFacts {
        factors = List.copyOf(factors);
    }

    /** The facts of the rounds in {@code context}, whose metadata {@code seal} opens. */
    public static SignInFacts of(SignInContext context, MetadataSeal seal) {
        List<String> factors = new ArrayList<>();
        boolean trusted = false;
        String nonce = null;
        for (Round round : context.history()) {
            if (Round.PASSWORD_VERIFIER.equals(round.challengeName()) && round.passed()) {
                factors.add("password");
                continue;
            }
            if (!Round.CUSTOM_CHALLENGE.equals(round.challengeName())) {
                continue;
            }
            Optional<ChallengeMetadata> opened = seal.open(context.userPoolId(), context.userName(), round.metadata());
            if (opened.isEmpty()) {
                continue;
            }
            ChallengeMetadata metadata = opened.get();
            nonce = nonce == null ? metadata.nonce() : nonce;
            if (metadata.selection() || !round.passed()) {
                continue;
            }
            String id = metadata.factor().id();
            if (DeviceAnswer.FACTOR.equals(id)) {
                trusted = true;
            } else if (!factors.contains(id)) {
                factors.add(id);
            }
        }
        return new SignInFacts(factors, trusted, nonce == null || nonce.isEmpty() ? null : nonce);
    }

    /** The mark Define leaves for pre token generation, the last step passed at {@code now}. */
    public SignInMark mark(Instant now) {
        return new SignInMark(factors, now, trustedDevice);
    }
}
