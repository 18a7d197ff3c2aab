package dev.stepwise.core;

/**
 * What a factor does in a sign-in: the service-provider interface that the built-in factors implement and that a team
 * implements to add its own. {@link CustomAuthFlow} owns everything around it (the policy, the next-step decision,
 * attempts and lockout, the sealed metadata, decoys for unknown users, the contract keys every round carries); a
 * handler decides only who can use the factor, what a challenge shows, and whether an answer is right.
 *
 * <h2>The three calls</h2>
 *
 * <ol>
 *   <li>{@link #usable}: in Define and Create, whether this user can use the factor now (a verified address, an
 *       enrolled app, stored credentials). It runs for unknown users too, so that their triggers make the same reads;
 *       its answer is then ignored and the decoy may be presented any factor.
 *   <li>{@link #present}: in Create, what the client sees (public parameters beside the contract keys that the flow
 *       sets) and the factor's own state for this round (the {@linkplain Presentation#payload() payload}), which the
 *       flow seals with a MAC into {@code challengeMetadata} and the private parameters. Send messages only through
 *       {@link PresentContext#send}, which applies the send limits, sends once per round when Cognito retries Create,
 *       and takes as long as a send without sending for a decoy.
 *   <li>{@link #check}: in Verify, whether the answer is right, against the payload of the round being answered and
 *       the state table. The flow has already checked the seal, the answer's length and the app client; it counts the
 *       guess toward the lockout first and refuses an unknown user's answer whatever this returns.
 * </ol>
 *
 * <h2>Rules a handler keeps</h2>
 *
 * <ul>
 *   <li>Never put a code, a token, an answer or a secret in public parameters, in the payload in the clear, in a
 *       {@link VerifyResult#reason()} or in an exception message. Keep a keyed hash ({@link FactorKeys}) or a
 *       ciphertext ({@link SecretBox}) in the payload; compare in constant time.
 *   <li>Fail closed: a malformed answer, an expired round, a missing or unreadable state item is a wrong answer. Let a
 *       {@link StateStoreException} propagate (the trigger fails and no tokens are issued).
 *   <li>One-time things work once: record use with {@link StateStore#putIfAbsent} (a conditional write).
 *   <li>For an unknown user ({@link PresentContext#userNotFound()}) present a challenge that looks like a real one
 *       (same keys, a plausible shape), read the same state items, and send nothing: {@link PresentContext#send} does
 *       that for you. The flow also blanks the payload of a round presented to a real user who cannot use the factor,
 *       so no answer passes it.
 *   <li>Handlers are shared by every invocation of the container: keep them immutable and thread-safe. Settings come
 *       through the constructor; a handler registered by class name needs a public no-arg constructor.
 * </ul>
 *
 * <h2>Set-up</h2>
 *
 * A factor that can be enrolled during sign-in (TOTP, passkeys) returns {@code true} from {@link #setupAllowed()}. A
 * user who cannot use any factor of a later step (never the first: set-up needs an earlier proof) is then presented
 * this factor with {@link PresentContext#setup()} true; its {@link #check} enrols the user when the answer is right.
 *
 * <p>See {@code docs/writing-a-factor.md} for a worked example and how to test a factor.
 */
public interface FactorHandler {
    /** The longest answer the flow hands to {@link #check} unless {@link #maxAnswerLength()} says otherwise. */
    int MAX_ANSWER_LENGTH = 2048;

    /**
     * The factor's identifier, as written in policies and sent in the contract's {@code factor} key: 1 to 40
     * lower-case letters, digits or {@code _} (see {@link Factor#of}). Must not clash with another registered factor.
     */
    String id();

    /**
     * The Amplify-style step name a client shows for this factor's challenge (the contract's {@code step} key), e.g.
     * {@code CONFIRM_SIGN_IN_WITH_EMAIL_CODE}; upper-case letters, digits and {@code _}.
     */
    String stepName();

    /** The step name of a set-up round; the same as {@link #stepName()} unless overridden. */
    default String setupStepName() {
        return stepName();
    }

    /**
     * Whether the factor keeps state across rounds or sign-ins in the {@link StateStore}. A policy that uses such a
     * factor cannot run without a state table: {@link CustomAuthFlowBuilder#build()} refuses to build without one.
     */
    default boolean needsState() {
        return false;
    }

    /**
     * The longest answer this factor accepts, in characters; a longer one is wrong without calling {@link #check}.
     * Raise it for structured answers (e.g. a WebAuthn response as JSON); Cognito's own limit on an answer still
     * applies.
     */
    default int maxAnswerLength() {
        return MAX_ANSWER_LENGTH;
    }

    /** Whether a user who cannot use this factor may enrol it during sign-in (see the class comment). */
    default boolean setupAllowed() {
        return false;
    }

    /**
     * Whether the user can use this factor now. Called in Define and Create for every factor of the policy.
     *
     * @throws StateStoreException when the state table cannot answer
     */
    boolean usable(EnrolmentContext context);

    /**
     * Makes this round's challenge. Called in Create, possibly several times for one round when Cognito retries.
     *
     * @return the public parameters to add and the payload to seal
     * @throws DeliveryException when a message could not be sent (from {@link PresentContext#send})
     * @throws SignInRefusedException when a send limit stops a send (from {@link PresentContext#send})
     */
    Presentation present(PresentContext context);

    /**
     * Checks an answer to a round this handler presented. Called in Verify.
     *
     * @return {@link VerifyResult#right()} or {@link VerifyResult#wrong(String)} with a log-safe reason
     */
    VerifyResult check(CheckContext context);
}
