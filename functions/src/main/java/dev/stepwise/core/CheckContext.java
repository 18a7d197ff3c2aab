package dev.stepwise.core;

import java.security.SecureRandom;
import java.time.Instant;

/**
 * What {@link FactorHandler#check} knows about the answer and the round it answers. One instance per call. The answer
 * is secret, so {@link #toString()} redacts it. For an unknown user ({@link #userNotFound()}) the flow refuses the
 * answer whatever the check says, after it ran.
 */
public final class CheckContext extends FactorContext {
    private final ChallengeMetadata round;
    private final String answer;
    private final SendGate gate;

    CheckContext(RoundInputs inputs, ChallengeMetadata round, String answer, SendGate gate) {
        super(inputs);
        this.round = round;
        this.answer = answer;
        this.gate = gate;
    }

    /** The factor answered. */
    public Factor factor() {
        return inputs.factor();
    }

    /** The client's answer, stripped of surrounding blanks; never {@code null}, at most the handler's
     * {@link FactorHandler#maxAnswerLength()}. */
    public String answer() {
        return answer;
    }

    /** The payload that {@link FactorHandler#present} returned for this round (empty on a decoy). */
    public String payload() {
        return round.payload();
    }

    /** The policy step, from 0. */
    public int step() {
        return round.step();
    }

    /** The attempt at this challenge, from 1. */
    public int attempt() {
        return round.attempt();
    }

    /** The sign-in's nonce. */
    public String nonce() {
        return round.nonce();
    }

    /** When the round stops being accepted: an answer at or after it is wrong. */
    public Instant expiresAt() {
        return round.expiresAt();
    }

    /** Whether the round enrols the factor rather than checking it. */
    public boolean setup() {
        return round.setup();
    }

    /** Encrypts secrets kept in the state table or in the payload. */
    public SecretBox secrets() {
        return inputs.secrets();
    }

    /** A strong random source. */
    public SecureRandom random() {
        return inputs.random();
    }

    /** Whether the state table is configured (built-in code factors mark codes used only when it is). */
    boolean hasState() {
        return inputs.state() != null;
    }

    /**
     * Sends a notice now (e.g. to tell the owner of an account that a factor was enrolled), with the bounded retry and
     * no send limits.
     *
     * @throws DeliveryException when the sender failed after its retries
     * @throws IllegalStateException when no sender is configured for the message's medium
     */
    public void sendNotice(CodeMessage message) {
        gate.deliver(message);
    }

    @Override
    public String toString() {
        return "CheckContext[factor=" + inputs.factor() + ", step=" + round.step() + ", answer=redacted]";
    }
}
