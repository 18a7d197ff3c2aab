package dev.stepwise.core;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * What {@link FactorHandler#present} knows about the round it makes, and how it sends. One instance per call.
 *
 * <p>{@link #userNotFound()} says the round is a decoy: the user does not exist, or cannot use this factor. Present a
 * challenge that looks real and send nothing ({@link #send} sends nothing for a decoy); no answer passes it.
 */
public final class PresentContext extends FactorContext {
    private final SignInContext signIn;
    private final Decision.Present present;
    private final String nonce;
    private final Instant expiresAt;
    private final Limits limits;
    private final CodeGenerator codes;
    private final SendGate gate;

    PresentContext(
            RoundInputs inputs,
            SignInContext signIn,
            Decision.Present present,
            String nonce,
            Instant expiresAt,
            Limits limits,
            CodeGenerator codes,
            SendGate gate) {
        super(inputs);
        this.signIn = signIn;
        this.present = present;
        this.nonce = nonce;
        this.expiresAt = expiresAt;
        this.limits = limits;
        this.codes = codes;
        this.gate = gate;
    }

    /** The factor presented. */
    public Factor factor() {
        return inputs.factor();
    }

    /** The policy step, from 0. */
    public int step() {
        return present.step();
    }

    /** The attempt at this challenge, from 1; above 1 after wrong answers. */
    public int attempt() {
        return present.attempt();
    }

    /** Whether this round enrols the factor rather than checking it (see {@link FactorHandler#setupAllowed()}). */
    public boolean setup() {
        return present.setup();
    }

    /** The sign-in's nonce: the same in every round of one sign-in, so state items can be bound to the sign-in. */
    public String nonce() {
        return nonce;
    }

    /** When this round stops being accepted by default: now (whole seconds) plus the policy's code lifetime. */
    public Instant expiresAt() {
        return expiresAt;
    }

    /** The policy's limits (code length, code lifetime, attempts). */
    public Limits limits() {
        return limits;
    }

    /**
     * The previous round's metadata when it was a wrong answer to this same challenge and has not expired: present
     * the same challenge again ({@link Presentation#reused}) rather than a new one; {@code null} when a new one is
     * needed.
     */
    public ChallengeMetadata reusable() {
        return present.reusable();
    }

    /** Encrypts secrets kept in the state table or in the payload. */
    public SecretBox secrets() {
        return inputs.secrets();
    }

    /** A strong random source for secrets. */
    public SecureRandom random() {
        return inputs.random();
    }

    /** Numeric one-time codes from {@link #random()}. */
    public CodeGenerator codes() {
        return codes;
    }

    /**
     * Claims this round's send with a freshly drawn {@code secret} (a code, a link id). A Create that Cognito retries
     * gets the first attempt's secret, nonce and expiry back, so the challenge it presents matches the message that
     * was sent; build the payload from the claim's values, and {@link Presentation#claimed} seals its nonce and
     * expiry.
     *
     * @throws StateStoreException when the state table cannot answer
     */
    public SendClaim claim(String secret) {
        return new SendClaim(gate.claim(signIn, present, nonce, secret, expiresAt, inputs.now()));
    }

    /**
     * Sends a message through the send limits, once per claimed round. For a decoy it sends nothing and takes as long
     * as a send would (and fails about as often as real sends do lately); for a retried Create whose first attempt
     * sent, it sends nothing.
     *
     * @param medium the medium counted by the send limits
     * @param message builds the message; not called for a decoy or a duplicate
     * @return whether a message was sent by this call
     * @throws SignInRefusedException when a send limit stops the send
     * @throws DeliveryException when the sender failed after its retries
     */
    public boolean send(SendClaim claim, DeliveryMedium medium, Supplier<CodeMessage> message) {
        return gate.dispatch(signIn, medium, claim.internal(), inputs.now(), message);
    }

    /**
     * The masked destination to show for {@code medium}: the user's own {@code destination} masked, or for a decoy a
     * plausible one that stays the same for this username.
     */
    public String maskedDestination(DeliveryMedium medium, String destination) {
        return gate.masked(
                signIn, medium, destination, inputs.state(), inputs.keys().decoyKey(), inputs.now());
    }
}
