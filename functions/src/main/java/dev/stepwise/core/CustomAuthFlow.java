package dev.stepwise.core;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The three trigger operations over plain Java values: {@link #define}, {@link #create} and {@link #verify}. The
 * handlers map Cognito events to these calls and back. Build one with {@link #builder()}. Thread-safe; one instance per
 * function container.
 *
 * <p>This class only dispatches: the next step comes from the {@link Decider}, each factor's challenge and check from
 * its {@link FactorHandler} (the built-ins and any registered with {@link CustomAuthFlowBuilder#factors}), the selection round from
 * {@link SelectionRound}, sends from {@link SendGate}, and the lockout from {@link AbuseGuard}. Code factors need only
 * Cognito's session history, {@code challengeMetadata} and the private challenge parameters; selection steps and
 * factors whose handler {@linkplain FactorHandler#needsState() needs it} also use the {@link StateStore} (see
 * {@link StateKeys}); a store error propagates, so the trigger fails and no tokens are issued.
 */
public final class CustomAuthFlow {
    /** How long items bound to one sign-in (a choice, a used link, a verdict) live in the state table. */
    static final Duration SIGN_IN_STATE_TTL = Duration.ofHours(1);

    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    private final PolicySet policies;
    private final StepwiseKeys keys;
    private final CodeGenerator codes;
    private final MetadataSeal seal;
    private final StateStore state;
    private final SecureRandom random;
    private final RoundInputs.Services services;
    private final AbuseGuard guard;
    private final SendGate gate;
    private final FactorRegistry factors;
    private final SelectionRound selection;
    private final Set<Factor> setupFactors;
    private final SignInMarks marks;
    private final TrustedDevices devices;

    CustomAuthFlow(CustomAuthFlowBuilder builder) {
        if (builder.policies == null || builder.keys == null || builder.templates == null) {
            throw new IllegalArgumentException("policies, keys and templates are required");
        }
        if (builder.abuse.enabled() && builder.state == null) {
            throw new ConfigurationException(
                    "the abuse controls (lockout, send limits) keep their counts in the state"
                            + " table, and none is configured: configure one, or turn the abuse controls off (not recommended)");
        }
        this.policies = builder.policies;
        this.keys = builder.keys;
        this.codes = builder.codes != null ? builder.codes : new CodeGenerator(new SecureRandom());
        this.state = builder.state;
        this.random = new SecureRandom();
        this.services = new RoundInputs.Services(
                state,
                builder.secrets != null ? builder.secrets : new AesGcmSecretBox(keys, new SecureRandom()),
                keys,
                random);
        this.factors = FactorRegistry.builtIns(builder.templates, builder.factorSettings)
                .with(builder.custom)
                .with(List.of(new DeviceFactor(builder.factorSettings.deviceTrust())));
        factors.check(policies, state != null);
        this.guard = builder.abuse.enabled() ? new AbuseGuard(state, builder.abuse) : null;
        this.gate = new SendGate(guard, keys, builder.deliveries, builder.sleeper, random);
        this.seal = new MetadataSeal(keys);
        this.selection = new SelectionRound(factors);
        this.setupFactors = factors.setupFactors();
        this.marks = state == null ? null : new SignInMarks(state, random);
        this.devices = state == null ? null : new TrustedDevices(state, builder.factorSettings.deviceTrust());
    }

    private CustomAuthFlow(CustomAuthFlow flow, SendGate gate) {
        this.policies = flow.policies;
        this.keys = flow.keys;
        this.codes = flow.codes;
        this.state = flow.state;
        this.random = flow.random;
        this.services = flow.services;
        this.factors = flow.factors;
        this.guard = flow.guard;
        this.gate = gate;
        this.seal = flow.seal;
        this.selection = flow.selection;
        this.setupFactors = flow.setupFactors;
        this.marks = flow.marks;
        this.devices = flow.devices;
    }

    /** A builder; policies, keys and templates are required. */
    public static CustomAuthFlowBuilder builder() {
        return new CustomAuthFlowBuilder();
    }

    /**
     * This flow for SnapStart priming, which runs synthetic sign-ins through the real request path (abuse controls,
     * state table, senders) while the SDK clients answer in process: the same flow, except that what its sends teach
     * the decoys (how long a send takes, how often it fails) stays with the copy, so that unknown users' decoys learn
     * from real sends only. A medium without a sender of its own is sent to {@code fallback}.
     */
    public CustomAuthFlow forPriming(CodeDelivery fallback) {
        return new CustomAuthFlow(this, gate.forPriming(fallback));
    }

    /**
     * Whether a policy in {@code policies} needs the state table with the built-in factors: a step with alternatives,
     * or a stateful factor. See {@link FactorRegistry#needsState} for registered factors.
     */
    public static boolean needsState(PolicySet policies) {
        return FactorRegistry.builtIns(null, FactorSettings.DEFAULT).needsState(policies);
    }

    /**
     * Define: the next step for this sign-in. With the abuse controls on, a wrong password in the last round is counted
     * first (Verify counts every other answer), a locked-out user is refused (on every Define, so that sign-ins started
     * before the lock stop too), and issuing tokens clears the count. A Define that Cognito retries after a timeout may
     * count a wrong answer twice, which errs toward locking.
     *
     * @throws SignInRefusedException when the user is locked out
     */
    public Decision define(SignInContext context, Instant now) {
        if (!policies.admits(context.clientId())) {
            return new Decision.Fail("app client " + context.clientId() + " has no policy of its own, and unlisted"
                    + " clients are refused");
        }
        Policy policy = policies.forClient(context.clientId());
        if (guard != null) {
            List<Round> history = context.history();
            Round last = history.isEmpty() ? null : history.get(history.size() - 1);
            if (last != null && !last.passed() && !Round.CUSTOM_CHALLENGE.equals(last.challengeName())) {
                // Verify counted every custom answer before checking it; a wrong password Cognito checked itself.
                guard.recordFailure(context.userPoolId(), context.userName(), now);
            }
            guard.checkNotLocked(context.userPoolId(), context.userName(), now);
        }
        Decision decision = decider(now).decide(policy, context, usable(policy, context, now), now);
        if (decision instanceof Decision.IssueTokens) {
            issue(context, now);
        }
        if (guard != null && decision instanceof Decision.IssueTokens) {
            guard.recordSuccess(context.userPoolId(), context.userName(), now);
        } else if (guard != null
                && decision instanceof Decision.Fail
                && context.history().stream().anyMatch(r -> Round.CUSTOM_CHALLENGE.equals(r.challengeName()))) {
            // Only a sign-in that reached a custom round was counted open; others have nothing to give back.
            guard.endSignIn(context.userPoolId(), context.userName(), now);
        }
        return decision;
    }

    /**
     * What issuing tokens leaves in the state table: the mark pre token generation takes (the factors passed, the
     * time, whether a trusted device skipped steps), and the device this sign-in asked to trust, now that the whole
     * policy is passed. Without a state table there is nothing to leave, and a token guard refuses the tokens.
     */
    private void issue(SignInContext context, Instant now) {
        if (marks == null) {
            return;
        }
        SignInFacts facts = SignInFacts.of(context, seal);
        marks.leave(context.userPoolId(), context.userName(), context.clientId(), facts.mark(now), now);
        if (facts.nonce() != null) {
            devices.trustProposed(context.userPoolId(), context.userName(), context.clientId(), facts.nonce(), now);
        }
    }

    private Decider decider(Instant now) {
        return new Decider(
                seal,
                (context, nonce, step) -> selection.chosen(requireState(), context, nonce, step, now),
                setupFactors);
    }

    private StateStore requireState() {
        if (state == null) {
            throw new IllegalStateException("this policy needs the state table, but none is configured");
        }
        return state;
    }

    /**
     * The factors of {@code policy} that the user can use, as their handlers say. Asked for an unknown user too, so that
     * an unknown user's Define makes the same reads as a real one's; the decision then ignores the answer.
     */
    private Predicate<Factor> usable(Policy policy, SignInContext context, Instant now) {
        Set<Factor> usable = new HashSet<>();
        usable.add(Factor.PASSWORD);
        for (Policy.Step step : policy.steps()) {
            for (Factor factor : step.factors()) {
                FactorHandler handler = factors.handler(factor);
                if (handler != null && handler.usable(new EnrolmentContext(services.of(context, factor, now)))) {
                    usable.add(factor);
                }
            }
        }
        return usable::contains;
    }

    /**
     * Create: recomputes the decision from the same history that Define saw, then makes the challenge through the
     * factor's handler: a new code or link (sent to the user), the previous one again after a wrong answer (nothing
     * sent), or a decoy for an unknown user (nothing sent).
     *
     * <h2>Retried Create</h2>
     *
     * Cognito retries a trigger that does not answer within 5 seconds, up to three attempts, possibly in different
     * containers with no shared memory. Every new code or link id is drawn from {@link SecureRandom}; with the abuse
     * controls on, the first attempt keeps it sealed in the round's send claim ({@link SendClaims}) and a retry sends
     * nothing and presents the same code, so the user gets one message whose code works. With them off there is no
     * claim: each attempt draws and sends its own code, and the user may get two or three messages of which the last
     * one's code works. A correctly answered code is marked used and never accepted again.
     *
     * @throws IllegalStateException when the history does not lead to a challenge (Define would not have asked)
     * @throws DeliveryException when the code could not be sent (after a bounded retry; see {@link SendRetry})
     * @throws SignInRefusedException when a send limit stops the send
     */
    public IssuedChallenge create(SignInContext context, Instant now) {
        if (!policies.admits(context.clientId())) {
            throw new IllegalStateException("Create Auth Challenge was called for app client " + context.clientId()
                    + ", which has no policy of its own while unlisted clients are refused");
        }
        Policy policy = policies.forClient(context.clientId());
        if (guard != null) {
            guard.checkNotLocked(context.userPoolId(), context.userName(), now);
        }
        Predicate<Factor> usable = usable(policy, context, now);
        Decision decision = decider(now).decide(policy, context, usable, now);
        if (!(decision instanceof Decision.Present present)) {
            String why = decision instanceof Decision.Fail fail ? ": " + fail.reason() : "";
            throw new IllegalStateException("Create Auth Challenge was called, but this sign-in's history leads to '"
                    + decision.outcome() + "'" + why + "; Define answers the same, so no challenge is created");
        }
        if (guard != null && present.nonce() == null) {
            guard.openSignIn(context.userPoolId(), context.userName(), gate.roundId(context, present), now);
        }
        boolean dead =
                !context.userNotFound() && !present.selection() && !present.setup() && !usable.test(present.factor());
        if (dead) {
            // A real user without this factor gets what an unknown user gets: a challenge that sends nothing and that
            // no answer passes (its payload is empty).
            context = context.asDecoy();
        }
        String nonce = present.nonce() != null ? present.nonce() : newNonce();
        Instant expiresAt =
                now.truncatedTo(ChronoUnit.SECONDS).plus(policy.limits().codeTtl());
        Map<String, String> publicParameters = new LinkedHashMap<>();
        if (present.selection()) {
            ChallengeMetadata metadata = selection.present(present, nonce, expiresAt, publicParameters);
            return issued(context, policy, present, metadata, publicParameters, false);
        }
        Factor factor = present.factor();
        FactorHandler handler = factors.handler(factor);
        Presentation presentation = handler.present(new PresentContext(
                services.of(context, factor, now), context, present, nonce, expiresAt, policy.limits(), codes, gate));
        publicParameters.putAll(presentation.publicParameters());
        publicParameters.put(ChallengeContract.STEP, present.setup() ? handler.setupStepName() : handler.stepName());
        publicParameters.put(ChallengeContract.FACTOR, factor.id());
        ChallengeMetadata metadata = ChallengeMetadata.forFactor(
                factor,
                present.step(),
                present.attempt(),
                presentation.expiresAt() != null ? presentation.expiresAt() : expiresAt,
                dead ? "" : presentation.payload(),
                presentation.nonce() != null ? presentation.nonce() : nonce,
                present.setup());
        return issued(context, policy, present, metadata, publicParameters, presentation.sent());
    }

    private IssuedChallenge issued(
            SignInContext context,
            Policy policy,
            Decision.Present present,
            ChallengeMetadata metadata,
            Map<String, String> publicParameters,
            boolean sent) {
        publicParameters.put(ChallengeContract.CONTRACT_VERSION, ChallengeContract.VERSION);
        // The trusted-device round does not count as a step the user sees: the step after it is still the first.
        boolean first = policy.steps().subList(0, present.step()).stream().allMatch(Policy.Step::deviceRound);
        String status = first ? ChallengeContract.NEEDS_FIRST_FACTOR : ChallengeContract.NEEDS_SECOND_FACTOR;
        if (policy.steps().get(present.step()).newDeviceOnly()) {
            status = ChallengeContract.NEEDS_CLIENT_TRUST;
        }
        if (first && present.selection()) {
            publicParameters.put(ChallengeContract.STEP, ChallengeContract.FIRST_FACTOR_SELECTION);
        }
        publicParameters.put(ChallengeContract.STATUS, status);
        publicParameters.put(ChallengeContract.ATTEMPTS_REMAINING, Integer.toString(present.attemptsRemaining()));
        String sealed = seal.seal(context.userPoolId(), context.userName(), metadata);
        return new IssuedChallenge(
                present, publicParameters, Map.of(ChallengeContract.PRIVATE_CHALLENGE, sealed), sealed, sent);
    }

    private String newNonce() {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        return URL_SAFE.encodeToString(nonce);
    }

    /**
     * Verify: whether the answer is right for the current round, as the factor's handler checks it. With the abuse
     * controls on, a guess is reserved first ({@link AbuseGuard#reserveGuess}) and given back when the answer is
     * right, so a burst of answers from parallel sign-ins checks no more than the lockout allows; a locked user's
     * answer is not checked at all ({@link SignInRefusedException}). Expired codes, malformed answers, missing or
     * tampered private parameters and unknown users are all wrong; an unknown user's answer is checked all the same
     * (and then refused), so that the time taken reveals nothing.
     */
    public VerifyResult verify(VerifyContext context, Instant now) {
        // An unknown user's answer goes through the same checks and state-table reads as a real one's, so that Verify
        // takes as long, and is then wrong whatever they said.
        // The trusted-device round is no guess at anything: its answer only says whether to skip the marked steps.
        boolean counted = guard != null && !deviceRound(context);
        long guess = counted ? guard.reserveGuess(context.userPoolId(), context.userName(), now) : 0;
        VerifyResult result = check(context, now);
        // An unknown user's valid choice on a selection round passes, as a real user's does, so the decoy walks on to
        // the chosen factor's challenge; only the factors' answers are always wrong for them.
        boolean passes = result.correct() && (!context.userNotFound() || selection(context));
        if (counted) {
            guard.settleGuess(context.userPoolId(), context.userName(), passes, guess, now);
        }
        return passes || !context.userNotFound() ? result : VerifyResult.wrong("user not found");
    }

    private boolean deviceRound(VerifyContext context) {
        return seal.open(
                        context.userPoolId(),
                        context.userName(),
                        context.privateParameters().get(ChallengeContract.PRIVATE_CHALLENGE))
                .map(metadata -> !metadata.selection() && DeviceFactor.DEVICE.equals(metadata.factor()))
                .orElse(false);
    }

    private boolean selection(VerifyContext context) {
        return seal.open(
                        context.userPoolId(),
                        context.userName(),
                        context.privateParameters().get(ChallengeContract.PRIVATE_CHALLENGE))
                .map(ChallengeMetadata::selection)
                .orElse(false);
    }

    private VerifyResult check(VerifyContext context, Instant now) {
        if (!policies.admits(context.clientId())) {
            return VerifyResult.wrong("app client refused (unlisted clients are refused)");
        }
        Optional<ChallengeMetadata> opened = seal.open(
                context.userPoolId(),
                context.userName(),
                context.privateParameters().get(ChallengeContract.PRIVATE_CHALLENGE));
        if (opened.isEmpty()) {
            return VerifyResult.wrong("missing or tampered private challenge parameters");
        }
        ChallengeMetadata metadata = opened.get();
        FactorHandler handler = metadata.selection() ? null : factors.handler(metadata.factor());
        if (!metadata.selection() && handler == null) {
            return VerifyResult.wrong(
                    "no registered factor answers a " + metadata.factor().id() + " challenge");
        }
        String answer = context.answer();
        int maxLength = handler == null ? FactorHandler.MAX_ANSWER_LENGTH : handler.maxAnswerLength();
        if (answer == null || answer.length() > maxLength) {
            return VerifyResult.wrong("answer missing or too long");
        }
        answer = answer.strip();
        if (metadata.selection()) {
            return selection.check(context, metadata, answer, requireState(), now);
        }
        return handler.check(new CheckContext(services.of(context, metadata.factor(), now), metadata, answer, gate));
    }
}
