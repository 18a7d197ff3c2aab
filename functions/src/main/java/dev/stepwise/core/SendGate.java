package dev.stepwise.core;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Every message of a sign-in goes through here: the send claim that makes a retried Create send nothing new
 * ({@link SendClaims}), the send limits and cooldown ({@link AbuseGuard}), the bounded retry ({@link SendRetry}), and
 * for an unknown user a decoy that takes as long as a send ({@link DecoyTiming}) and fails about as often
 * ({@link DecoyShape}). Thread-safe.
 */
final class SendGate {
    private final AbuseGuard guard;
    private final SendClaims claims;
    private final SendRetry retry;
    private final DecoyShape decoys;
    private final DecoyTiming timing;
    private final Map<DeliveryMedium, CodeDelivery> deliveries;
    private final SecureRandom random;
    private final StepwiseKeys keys;
    private final Sleeper sleeper;

    SendGate(
            AbuseGuard guard,
            StepwiseKeys keys,
            Map<DeliveryMedium, CodeDelivery> deliveries,
            Sleeper sleeper,
            SecureRandom random) {
        this(
                guard,
                new SendClaims(guard, keys, random),
                new SendRetry(sleeper, random, System::nanoTime),
                new DecoyShape(),
                new DecoyTiming(sleeper, random),
                deliveries.isEmpty() ? Map.of() : new EnumMap<>(deliveries),
                random,
                keys,
                sleeper);
    }

    private SendGate(
            AbuseGuard guard,
            SendClaims claims,
            SendRetry retry,
            DecoyShape decoys,
            DecoyTiming timing,
            Map<DeliveryMedium, CodeDelivery> deliveries,
            SecureRandom random,
            StepwiseKeys keys,
            Sleeper sleeper) {
        this.guard = guard;
        this.claims = claims;
        this.retry = retry;
        this.decoys = decoys;
        this.timing = timing;
        this.deliveries = deliveries;
        this.random = random;
        this.keys = keys;
        this.sleeper = sleeper;
    }

    /**
     * This gate for priming: the same limits and senders, {@code fallback} for a medium without a sender, and decoys
     * of its own, so that what priming's sends take teaches this gate's decoys nothing.
     */
    SendGate forPriming(CodeDelivery fallback) {
        Map<DeliveryMedium, CodeDelivery> all = new EnumMap<>(DeliveryMedium.class);
        for (DeliveryMedium medium : DeliveryMedium.values()) {
            all.put(medium, deliveries.getOrDefault(medium, fallback));
        }
        return new SendGate(guard, keys, all, sleeper, random);
    }

    /** Claims a round's send, offering fresh values; see {@link SendClaims#claim}. */
    SendClaims.Claim claim(
            SignInContext context,
            Decision.Present present,
            String nonce,
            String secret,
            Instant expiresAt,
            Instant now) {
        return claims.claim(context, present, nonce, secret, expiresAt, now);
    }

    /** The id of the round {@code present} of {@code context}, the same in every attempt of its Create. */
    String roundId(SignInContext context, Decision.Present present) {
        return claims.roundId(context, present);
    }

    /**
     * Sends a message (or, for an unknown user, takes as long as sending would), once per round: a Create that Cognito
     * retries finds the first attempt's claim and sends nothing. Before sending, the send limits are counted; a refused
     * or failed send gives up the claim, so that a later attempt may send, and a failed send also gives back the
     * cooldown.
     *
     * @return whether a message was sent by this call
     * @throws SignInRefusedException when a send limit stops the send
     * @throws DeliveryException when the sender failed after its retries
     */
    boolean dispatch(
            SignInContext context,
            DeliveryMedium medium,
            SendClaims.Claim claim,
            Instant now,
            Supplier<CodeMessage> message) {
        if (claim.duplicate()) {
            return false;
        }
        try {
            if (guard != null) {
                guard.admitSend(context.userPoolId(), context.userName(), medium, now);
            }
            try {
                if (context.userNotFound()) {
                    timing.imitateSend(medium);
                    if (decoys.failsNow(medium, random)) {
                        throw DeliveryException.forUser(new DeliveryException("decoy", true), 1);
                    }
                    return false;
                }
                deliver(message.get());
            } catch (DeliveryException e) {
                if (guard != null) {
                    guard.refundCooldown(context.userPoolId(), context.userName(), medium);
                }
                throw e;
            }
            return true;
        } catch (RuntimeException e) {
            if (claim.round() != null) {
                guard.releaseSend(context.userPoolId(), context.userName(), claim.round());
            }
            throw e;
        }
    }

    /**
     * Sends {@code message} now, with the bounded retry and no limits or claim (a notice to the owner of an account).
     *
     * @throws DeliveryException when the sender failed after its retries
     */
    void deliver(CodeMessage message) {
        CodeDelivery delivery = deliveries.get(message.medium());
        if (delivery == null) {
            throw new IllegalStateException("no sender is configured for " + message.medium());
        }
        long start = System.nanoTime();
        try {
            retry.send(delivery, message);
        } catch (DeliveryException e) {
            decoys.recordSend(message.medium(), null, !e.retryable());
            throw e;
        }
        timing.record(message.medium(), System.nanoTime() - start);
        decoys.recordSend(message.medium(), message.recipient(), true);
    }

    /**
     * The masked destination shown for {@code medium}: the real user's own, or an unknown user's decoy. Without the
     * abuse controls (and in priming) nothing is written: the decoy is derived from the name alone.
     */
    String masked(
            SignInContext context,
            DeliveryMedium medium,
            String destination,
            StateStore state,
            byte[] decoyKey,
            Instant now) {
        return decoys.masked(context, medium, destination, guard == null ? null : state, decoyKey, now);
    }
}
