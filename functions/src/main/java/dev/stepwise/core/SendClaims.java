package dev.stepwise.core;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The send claim of one round: what lets a Create that Cognito retries send nothing new and still accept the code (or
 * link) that the first attempt sent. Thread-safe.
 *
 * <p>The first attempt draws the code at random and claims the round in the state table with the code sealed under
 * an AES-256-GCM key derived from the Stepwise secret (bound to pool, user and round), the sign-in's nonce and the
 * expiry. A retry of the same round finds the claim, opens the code and presents the same challenge. Nothing about the
 * code can be computed from public inputs: someone holding the secret but not the table learns nothing, and the
 * table alone holds only ciphertext.
 *
 * <p>A round is identified by the pool, the user, the app client, the factor, the step, the attempt and the whole
 * round history; a claim lives {@link AbuseGuard#CLAIM_TTL}. A second sign-in of the same user that starts within
 * that time, before the first one finishes, is taken for a retry of it and shares its code (and is still bounded by
 * the lockout, and the code by its single use). Without the abuse controls there are no claims: each attempt draws
 * its own code and sends it.
 */
final class SendClaims {
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    /**
     * The outcome of claiming a round.
     *
     * @param round the round's id, or {@code null} when there is no claim (abuse controls off)
     * @param nonce the sign-in nonce to use
     * @param secret the code's digits or the link's id to use
     * @param expiresAt the expiry to use
     * @param duplicate whether an earlier attempt already claimed (and made) the send
     */
    record Claim(String round, String nonce, String secret, Instant expiresAt, boolean duplicate) {
        @Override
        public String toString() {
            return "Claim[round=" + round + ", duplicate=" + duplicate + "]";
        }
    }

    private final AbuseGuard guard;
    private final StepwiseKeys keys;
    private final SecretBox box;

    SendClaims(AbuseGuard guard, StepwiseKeys keys, SecureRandom random) {
        this.guard = guard;
        this.keys = keys;
        this.box = new AesGcmSecretBox(keys, random);
    }

    /**
     * Claims the round, offering this attempt's fresh values; returns either them (this attempt sends) or the values
     * of the attempt that claimed first (this attempt sends nothing).
     */
    Claim claim(
            SignInContext context,
            Decision.Present present,
            String nonce,
            String secret,
            Instant expiresAt,
            Instant now) {
        if (guard == null) {
            return new Claim(null, nonce, secret, expiresAt, false);
        }
        String round = roundId(context, present);
        String sealContext = sealContext(context, round);
        Map<String, String> offered = Map.of(
                "nonce", nonce,
                "secret", box.seal(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), sealContext),
                "until", Long.toString(expiresAt.getEpochSecond()));
        Optional<StateItem> earlier = guard.claimSend(context.userPoolId(), context.userName(), round, offered, now);
        if (earlier.isEmpty()) {
            return new Claim(round, nonce, secret, expiresAt, false);
        }
        StateItem item = earlier.get();
        byte[] opened = box.open(item.attribute("secret"), sealContext);
        return new Claim(
                round,
                item.attribute("nonce"),
                new String(opened, java.nio.charset.StandardCharsets.UTF_8),
                Instant.ofEpochSecond(Long.parseLong(item.attribute("until"))),
                true);
    }

    private static String sealContext(SignInContext context, String round) {
        return "send-claim|" + context.userPoolId() + "|" + context.userName() + "|" + round;
    }

    /** The same id in every attempt of one round's Create; different for every other round. */
    String roundId(SignInContext context, Decision.Present present) {
        List<String> inputs = new ArrayList<>();
        inputs.add("send-claim");
        inputs.add(context.userPoolId());
        inputs.add(context.userName());
        inputs.add(context.clientId());
        inputs.add(present.selection() ? "choice" : present.factor().id());
        inputs.add(Integer.toString(present.step()));
        inputs.add(Integer.toString(present.attempt()));
        for (Round round : context.history()) {
            inputs.add(round.challengeName());
            inputs.add(Boolean.toString(round.passed()));
            inputs.add(round.metadata());
        }
        byte[] id = Hmac.sha256(keys.claimKey(), inputs.toArray(String[]::new));
        return URL_SAFE.encodeToString(Arrays.copyOf(id, 16));
    }
}
