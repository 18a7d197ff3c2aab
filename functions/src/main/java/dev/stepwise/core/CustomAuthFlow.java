package dev.stepwise.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The three trigger operations over plain Java values: {@link #define}, {@link #create} and {@link #verify}. The
 * handlers map Cognito events to these calls and back. Thread-safe; one instance per function container.
 *
 * <p>Code factors need only Cognito's session history, {@code challengeMetadata} and the private challenge parameters.
 * Selection steps, {@code totp}, {@code backup_code} and {@code email_link} also use the {@link StateStore} (see
 * {@link StateKeys} for its items); a store error propagates, so the trigger fails and no tokens are issued. The code
 * itself never leaves this class except inside the message to the user.
 */
public final class CustomAuthFlow {
    private static final int MAX_ANSWER_LENGTH = 2048;
    private static final Duration DEFAULT_SEND_TIME = Duration.ofMillis(120);
    private static final Duration MAX_IMITATED_SEND_TIME = Duration.ofSeconds(1);
    private static final int RECENT_SENDS = 64;
    private static final Duration SIGN_IN_STATE_TTL = Duration.ofHours(1);
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    private final PolicySet policies;
    private final StepwiseKeys keys;
    private final CodeGenerator codes;
    private final MessageTemplates templates;
    private final Map<DeliveryMedium, CodeDelivery> deliveries;
    private final MetadataSeal seal;
    private final CodeHasher hasher;
    private final Sleeper sleeper;
    private final StateStore state;
    private final SecretBox secrets;
    private final FactorSettings factorSettings;
    private final SecureRandom random;
    private final AbuseGuard guard;
    private final SendRetry retry;
    private final SendClaims claims;
    private final DecoyShape decoys;
    private final Map<DeliveryMedium, RecentDurations> sendTimes = new EnumMap<>(DeliveryMedium.class);

    /**
     * Creates the flow; decoys wait with {@link Sleeper#system()}.
     *
     * @param deliveries a sender per medium; only the media that the policies use are needed
     */
    public CustomAuthFlow(
            PolicySet policies,
            StepwiseKeys keys,
            CodeGenerator codes,
            MessageTemplates templates,
            Map<DeliveryMedium, CodeDelivery> deliveries) {
        this(policies, keys, codes, templates, deliveries, Sleeper.system());
    }

    /**
     * Creates the flow.
     *
     * @param deliveries a sender per medium; only the media that the policies use are needed
     * @param sleeper how a decoy waits to take as long as a real send
     */
    public CustomAuthFlow(
            PolicySet policies,
            StepwiseKeys keys,
            CodeGenerator codes,
            MessageTemplates templates,
            Map<DeliveryMedium, CodeDelivery> deliveries,
            Sleeper sleeper) {
        this(policies, keys, codes, templates, deliveries, sleeper, null, FactorSettings.DEFAULT);
    }

    /**
     * Creates the flow with a state table, needed by selection steps, {@code totp}, {@code backup_code} and
     * {@code email_link}. TOTP secrets are encrypted at rest with an {@link AesGcmSecretBox} over {@code keys}.
     *
     * @param state the state table, or {@code null} when no policy needs one
     */
    public CustomAuthFlow(
            PolicySet policies,
            StepwiseKeys keys,
            CodeGenerator codes,
            MessageTemplates templates,
            Map<DeliveryMedium, CodeDelivery> deliveries,
            Sleeper sleeper,
            StateStore state,
            FactorSettings factorSettings) {
        this(
                policies,
                keys,
                codes,
                templates,
                deliveries,
                sleeper,
                state,
                new AesGcmSecretBox(keys, new SecureRandom()),
                factorSettings);
    }

    /**
     * Creates the flow with every collaborator but the abuse controls, which are off ({@link AbuseLimits#OFF}).
     *
     * @param state the state table, or {@code null} when no policy needs one
     * @param secrets encrypts TOTP secrets at rest
     */
    public CustomAuthFlow(
            PolicySet policies,
            StepwiseKeys keys,
            CodeGenerator codes,
            MessageTemplates templates,
            Map<DeliveryMedium, CodeDelivery> deliveries,
            Sleeper sleeper,
            StateStore state,
            SecretBox secrets,
            FactorSettings factorSettings) {
        this(policies, keys, codes, templates, deliveries, sleeper, state, secrets, factorSettings, AbuseLimits.OFF);
    }

    /**
     * Creates the flow with every collaborator and the abuse controls ({@link AbuseGuard}): lockout across sign-ins,
     * send limits, and no second send for a retried Create.
     *
     * @param state the state table, or {@code null} when no policy needs one and {@code abuse} is off
     * @param secrets encrypts TOTP secrets at rest
     * @param abuse the abuse controls' limits
     * @throws ConfigurationException when the abuse controls are on and there is no state table
     */
    public CustomAuthFlow(
            PolicySet policies,
            StepwiseKeys keys,
            CodeGenerator codes,
            MessageTemplates templates,
            Map<DeliveryMedium, CodeDelivery> deliveries,
            Sleeper sleeper,
            StateStore state,
            SecretBox secrets,
            FactorSettings factorSettings,
            AbuseLimits abuse) {
        if (abuse.enabled() && state == null) {
            throw new ConfigurationException("the abuse controls (lockout, send limits) keep their counts in the state"
                    + " table, and none is configured: set STEPWISE_STATE_TABLE, or STEPWISE_ABUSE_CONTROLS=off to run"
                    + " without them (not recommended)");
        }
        this.guard = abuse.enabled() ? new AbuseGuard(state, abuse) : null;
        this.retry = new SendRetry(sleeper, new SecureRandom(), System::nanoTime);
        this.claims = new SendClaims(guard, keys, new SecureRandom());
        this.decoys = new DecoyShape();
        this.state = state;
        this.secrets = secrets;
        this.factorSettings = factorSettings;
        this.random = new SecureRandom();
        for (DeliveryMedium medium : DeliveryMedium.values()) {
            sendTimes.put(medium, new RecentDurations(RECENT_SENDS, DEFAULT_SEND_TIME.toNanos()));
        }
        this.sleeper = sleeper;
        this.policies = policies;
        this.keys = keys;
        this.codes = codes;
        this.templates = templates;
        this.deliveries = deliveries.isEmpty() ? Map.of() : new EnumMap<>(deliveries);
        this.seal = new MetadataSeal(keys);
        this.hasher = new CodeHasher(keys);
    }

    private CustomAuthFlow(CustomAuthFlow flow) {
        this.guard = null;
        this.retry = flow.retry;
        this.claims = new SendClaims(null, flow.keys, flow.random);
        this.decoys = flow.decoys;
        this.state = flow.state;
        this.secrets = flow.secrets;
        this.factorSettings = flow.factorSettings;
        this.random = flow.random;
        this.sendTimes.putAll(flow.sendTimes);
        this.sleeper = flow.sleeper;
        this.policies = flow.policies;
        this.keys = flow.keys;
        this.codes = flow.codes;
        this.templates = flow.templates;
        this.deliveries = flow.deliveries;
        this.seal = flow.seal;
        this.hasher = flow.hasher;
    }

    /**
     * This flow without the abuse controls, for SnapStart priming: priming runs synthetic sign-ins that must not count
     * failures or sends in the state table.
     */
    public CustomAuthFlow withoutAbuseControls() {
        return guard == null ? this : new CustomAuthFlow(this);
    }

    /** Whether a policy in {@code policies} needs the state table: a step with alternatives, or a stateful factor. */
    public static boolean needsState(PolicySet policies) {
        List<Policy> all = new ArrayList<>(policies.byClient().values());
        all.add(policies.defaultPolicy());
        return all.stream()
                .flatMap(p -> p.steps().stream())
                .anyMatch(step -> step.factors().stream()
                                        .filter(f -> f != Factor.PASSWORD)
                                        .count()
                                > 1
                        || step.factors().stream()
                                .anyMatch(f -> f == Factor.TOTP || f == Factor.BACKUP_CODE || f == Factor.EMAIL_LINK));
    }

    /**
     * Define: the next step for this sign-in. With the abuse controls on, a wrong password in the last round is counted
     * first (Verify counts every other answer), a locked-out user is refused (on every Define, so that sign-ins started before the lock stop too), and
     * issuing tokens clears the count. A Define that Cognito retries after a timeout may count a wrong answer twice,
     * which errs toward locking.
     *
     * @throws SignInRefusedException when the user is locked out
     */
    public Decision define(SignInContext context, Instant now) {
        if (!policies.admits(context.clientId())) {
            return new Decision.Fail("app client " + context.clientId() + " is not named in STEPWISE_CLIENT_POLICIES"
                    + " and STEPWISE_UNLISTED_CLIENTS=refuse");
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
        Decision decision = decider(now).decide(policy, enrolled(policy, context, now), now);
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

    private Decider decider(Instant now) {
        return new Decider(
                seal,
                (context, nonce, step) -> requireState()
                        .get(
                                StateKeys.signIn(context.userPoolId(), context.userName(), nonce),
                                StateKeys.CHOICE + step,
                                now)
                        .flatMap(item -> Factor.fromId(String.valueOf(item.attribute("factor")))),
                factorSettings.totpSetup());
    }

    private StateStore requireState() {
        if (state == null) {
            throw new IllegalStateException(
                    "this policy needs the state table, but none is configured: set" + " STEPWISE_STATE_TABLE");
        }
        return state;
    }

    /** The context with the user's TOTP and backup-code enrolments read from the state table, when the policy uses them. */
    private SignInContext enrolled(Policy policy, SignInContext context, Instant now) {
        if (!(policy.uses(Factor.TOTP) || policy.uses(Factor.BACKUP_CODE))) {
            return context;
        }
        String pk = StateKeys.user(context.userPoolId(), context.userName());
        boolean totp = policy.uses(Factor.TOTP)
                && requireState().get(pk, StateKeys.TOTP, now).isPresent();
        int backups = policy.uses(Factor.BACKUP_CODE)
                ? requireState().query(pk, StateKeys.BACKUP, now).size()
                : 0;
        if (context.userNotFound()) {
            // The reads above ran only so that an unknown user's Define takes as long as a real one's.
            return context;
        }
        return new SignInContext(
                context.userPoolId(),
                context.userName(),
                context.clientId(),
                context.user().withEnrolments(totp, backups),
                context.history(),
                context.userNotFound());
    }

    /**
     * Create: recomputes the decision from the same history that Define saw, then makes the challenge: a new code (sent
     * to the user), the previous code again after a wrong answer (nothing sent), or a decoy for an unknown user
     * (nothing sent).
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
                    + ", which STEPWISE_UNLISTED_CLIENTS=refuse refuses");
        }
        Policy policy = policies.forClient(context.clientId());
        if (guard != null) {
            guard.checkNotLocked(context.userPoolId(), context.userName(), now);
        }
        context = enrolled(policy, context, now);
        Decision decision = decider(now).decide(policy, context, now);
        if (!(decision instanceof Decision.Present present)) {
            String why = decision instanceof Decision.Fail fail ? ": " + fail.reason() : "";
            throw new IllegalStateException("Create Auth Challenge was called, but this sign-in's history leads to '"
                    + decision.outcome() + "'" + why + "; Define answers the same, so no challenge is created");
        }
        if (guard != null && present.nonce() == null) {
            guard.openSignIn(context.userPoolId(), context.userName(), claims.roundId(context, present), now);
        }
        boolean dead = !context.userNotFound()
                && !present.selection()
                && !present.setup()
                && !context.user().canUse(present.factor());
        if (dead) {
            // A real user without this factor gets what an unknown user gets: a challenge that sends nothing and that
            // no answer passes (its code hash is empty).
            context = context.asDecoy();
        }
        String nonce = present.nonce() != null ? present.nonce() : newNonce();
        Limits limits = policy.limits();
        Instant expiresAt = now.truncatedTo(ChronoUnit.SECONDS).plus(limits.codeTtl());
        Map<String, String> privateParameters = new LinkedHashMap<>();
        Map<String, String> publicParameters = new LinkedHashMap<>();
        publicParameters.put(ChallengeContract.CONTRACT_VERSION, ChallengeContract.VERSION);
        publicParameters.put(
                ChallengeContract.STATUS,
                present.firstStep() ? ChallengeContract.NEEDS_FIRST_FACTOR : ChallengeContract.NEEDS_SECOND_FACTOR);
        publicParameters.put(ChallengeContract.ATTEMPTS_REMAINING, Integer.toString(present.attemptsRemaining()));
        if (present.selection()) {
            ChallengeMetadata metadata = new ChallengeMetadata(
                    null, present.step(), present.attempt(), expiresAt, "", nonce, present.options(), false);
            publicParameters.put(
                    ChallengeContract.STEP,
                    present.firstStep() ? ChallengeContract.FIRST_FACTOR_SELECTION : ChallengeContract.MFA_SELECTION);
            publicParameters.put(
                    ChallengeContract.OPTIONS,
                    String.join(",", present.options().stream().map(Factor::id).toList()));
            return issued(context, present, metadata, publicParameters, privateParameters, false);
        }
        Factor factor = present.factor();
        publicParameters.put(
                ChallengeContract.STEP, present.setup() ? ChallengeContract.TOTP_SETUP : factor.stepName());
        publicParameters.put(ChallengeContract.FACTOR, factor.id());
        if (factor == Factor.TOTP) {
            return createTotp(context, present, nonce, expiresAt, publicParameters, privateParameters);
        }
        if (factor == Factor.BACKUP_CODE) {
            ChallengeMetadata metadata =
                    new ChallengeMetadata(factor, present.step(), present.attempt(), expiresAt, "", nonce, null, false);
            publicParameters.put(
                    ChallengeContract.BACKUP_CODES_REMAINING,
                    Integer.toString(context.user().backupCodes()));
            return issued(context, present, metadata, publicParameters, privateParameters, false);
        }
        if (factor == Factor.EMAIL_LINK) {
            return createLink(
                    context, present, nonce, expiresAt, limits, publicParameters, privateParameters, now, dead);
        }
        ChallengeMetadata metadata;
        boolean sent = false;
        if (present.reusable() != null) {
            ChallengeMetadata previous = present.reusable();
            metadata = new ChallengeMetadata(
                    factor,
                    present.step(),
                    present.attempt(),
                    previous.expiresAt(),
                    dead ? "" : previous.codeHash(),
                    nonce,
                    null,
                    false);
        } else {
            SendClaims.Claim claim = claims.claim(
                    context, present, nonce, codes.random(limits.codeLength()).digits(), expiresAt, now);
            OneTimeCode code = new OneTimeCode(claim.secret());
            String hash = dead
                    ? ""
                    : hasher.hash(
                            context.userPoolId(), context.userName(), present.step(), factor, claim.expiresAt(), code);
            metadata = new ChallengeMetadata(
                    factor, present.step(), present.attempt(), claim.expiresAt(), hash, claim.nonce(), null, false);
            String destination = context.userNotFound() ? null : context.user().destination(factor);
            sent = dispatch(context, factor.medium(), claim, now, () -> send(factor, destination, code, limits));
        }
        publicParameters.put(ChallengeContract.DELIVERY_MEDIUM, factor.medium().name());
        publicParameters.put(ChallengeContract.DESTINATION, maskedDestination(context, factor, now));
        publicParameters.put(ChallengeContract.CODE_LENGTH, Integer.toString(limits.codeLength()));
        publicParameters.put(ChallengeContract.EXPIRES_AT, metadata.expiresAt().toString());
        return issued(context, present, metadata, publicParameters, privateParameters, sent);
    }

    private IssuedChallenge issued(
            SignInContext context,
            Decision.Present present,
            ChallengeMetadata metadata,
            Map<String, String> publicParameters,
            Map<String, String> privateParameters,
            boolean sent) {
        String sealed = seal.seal(context.userPoolId(), context.userName(), metadata);
        privateParameters.put(ChallengeContract.PRIVATE_CHALLENGE, sealed);
        return new IssuedChallenge(present, publicParameters, privateParameters, sealed, sent);
    }

    private IssuedChallenge createTotp(
            SignInContext context,
            Decision.Present present,
            String nonce,
            Instant expiresAt,
            Map<String, String> publicParameters,
            Map<String, String> privateParameters) {
        publicParameters.put(ChallengeContract.CODE_LENGTH, Integer.toString(Totp.DIGITS));
        if (!present.setup()) {
            ChallengeMetadata metadata = new ChallengeMetadata(
                    Factor.TOTP, present.step(), present.attempt(), expiresAt, "", nonce, null, false);
            return issued(context, present, metadata, publicParameters, privateParameters, false);
        }
        String setupContext = setupContext(context.userPoolId(), context.userName(), nonce);
        byte[] secret;
        String sealedSecret;
        Instant until = expiresAt;
        if (present.reusable() != null) {
            sealedSecret = present.reusable().codeHash();
            secret = secrets.open(sealedSecret, setupContext);
            until = present.reusable().expiresAt();
        } else {
            secret = new byte[20];
            random.nextBytes(secret);
            sealedSecret = secrets.seal(secret, setupContext);
        }
        String account = factorSettings
                .totpAccount()
                .replace("{username}", context.userName())
                .replace(
                        "{email}",
                        context.user().email() == null
                                ? context.userName()
                                : context.user().email());
        publicParameters.put(
                ChallengeContract.OTPAUTH_URI, Totp.otpauthUri(factorSettings.totpIssuer(), account, secret));
        publicParameters.put(ChallengeContract.EXPIRES_AT, until.toString());
        ChallengeMetadata metadata = new ChallengeMetadata(
                Factor.TOTP, present.step(), present.attempt(), until, sealedSecret, nonce, null, true);
        return issued(context, present, metadata, publicParameters, privateParameters, false);
    }

    private IssuedChallenge createLink(
            SignInContext context,
            Decision.Present present,
            String nonce,
            Instant expiresAt,
            Limits limits,
            Map<String, String> publicParameters,
            Map<String, String> privateParameters,
            Instant now,
            boolean dead) {
        publicParameters.put(ChallengeContract.DELIVERY_MEDIUM, DeliveryMedium.EMAIL.name());
        publicParameters.put(ChallengeContract.DESTINATION, maskedDestination(context, Factor.EMAIL_LINK, now));
        if (present.attempt() > 1) {
            String pk = StateKeys.signIn(context.userPoolId(), context.userName(), nonce);
            requireState()
                    .get(pk, StateKeys.VERDICT + present.step() + "#" + (present.attempt() - 1), expiresAt)
                    .map(item -> item.attribute("reason"))
                    .ifPresent(reason -> publicParameters.put(ChallengeContract.ERROR, reason));
        }
        ChallengeMetadata metadata;
        boolean sent = false;
        if (present.reusable() != null) {
            ChallengeMetadata previous = present.reusable();
            metadata = new ChallengeMetadata(
                    Factor.EMAIL_LINK,
                    present.step(),
                    present.attempt(),
                    previous.expiresAt(),
                    dead ? "" : previous.codeHash(),
                    nonce,
                    null,
                    false);
        } else {
            SendClaims.Claim claim = claims.claim(context, present, nonce, newNonce(), expiresAt, now);
            // A retried Create reuses the nonce and link id of the attempt that sent the link, so its link matches.
            String linkNonce = claim.nonce();
            String linkId = claim.secret();
            metadata = new ChallengeMetadata(
                    Factor.EMAIL_LINK,
                    present.step(),
                    present.attempt(),
                    claim.expiresAt(),
                    dead ? "" : linkIdHash(keys.linkKey(), linkId),
                    linkNonce,
                    null,
                    false);
            sent = dispatch(context, DeliveryMedium.EMAIL, claim, now, () -> {
                String token = linkId + "."
                        + linkMac(
                                keys.linkKey(),
                                context.userPoolId(),
                                context.userName(),
                                linkNonce,
                                present.step(),
                                linkId);
                String link = factorSettings.linkUrl().replace("{token}", token);
                String minutes = Long.toString((limits.codeTtl().toSeconds() + 59) / 60);
                deliver(new CodeMessage(
                        DeliveryMedium.EMAIL,
                        context.user().destination(Factor.EMAIL_LINK),
                        factorSettings.linkSubject(),
                        factorSettings.linkBody().replace("{link}", link).replace("{minutes}", minutes)));
            });
        }
        publicParameters.put(ChallengeContract.EXPIRES_AT, metadata.expiresAt().toString());
        return issued(context, present, metadata, publicParameters, privateParameters, sent);
    }

    private static String linkIdHash(byte[] key, String linkId) {
        return URL_SAFE.encodeToString(Hmac.sha256(key, "link-id", linkId));
    }

    private static String linkMac(
            byte[] key, String userPoolId, String userName, String nonce, int step, String linkId) {
        byte[] mac = Hmac.sha256(key, "link", userPoolId, userName, nonce, Integer.toString(step), linkId);
        return URL_SAFE.encodeToString(java.util.Arrays.copyOf(mac, 16));
    }

    private static String setupContext(String userPoolId, String userName, String nonce) {
        return "totp-setup|" + userPoolId + "|" + userName + "|" + nonce;
    }

    private static String secretContext(String userPoolId, String userName) {
        return "totp|" + userPoolId + "|" + userName;
    }

    private String newNonce() {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        return URL_SAFE.encodeToString(nonce);
    }

    /**
     * Verify: whether the answer is the code of the current round, compared in constant time against the keyed hash.
     * With the abuse controls on, a guess is reserved first ({@link AbuseGuard#reserveGuess}) and given back when the
     * answer is right, so a burst of answers from parallel sign-ins checks no more than the lockout allows; a locked
     * user's answer is not checked at all ({@link SignInRefusedException}).
     * Expired codes, malformed answers, missing or tampered private parameters and unknown users are all wrong; an
     * unknown user's answer is checked all the same (and then refused), so that the time taken reveals nothing.
     */
    public VerifyResult verify(VerifyContext context, Instant now) {
        // An unknown user's answer goes through the same checks and state-table reads as a real one's, so that Verify
        // takes as long, and is then wrong whatever they said.
        long guess = guard == null ? 0 : guard.reserveGuess(context.userPoolId(), context.userName(), now);
        VerifyResult result = check(context, now);
        // An unknown user's valid choice on a selection round passes, as a real user's does, so the decoy walks on to
        // the chosen factor's challenge; only the factors' answers are always wrong for them.
        boolean passes = result.correct() && (!context.userNotFound() || selection(context));
        if (guard != null) {
            guard.settleGuess(context.userPoolId(), context.userName(), passes, guess, now);
        }
        return passes || !context.userNotFound() ? result : VerifyResult.wrong("user not found");
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
            return VerifyResult.wrong("app client refused (STEPWISE_UNLISTED_CLIENTS=refuse)");
        }
        Optional<ChallengeMetadata> opened = seal.open(
                context.userPoolId(),
                context.userName(),
                context.privateParameters().get(ChallengeContract.PRIVATE_CHALLENGE));
        if (opened.isEmpty()) {
            return VerifyResult.wrong("missing or tampered private challenge parameters");
        }
        ChallengeMetadata metadata = opened.get();
        String answer = context.answer();
        if (answer == null || answer.length() > MAX_ANSWER_LENGTH) {
            return VerifyResult.wrong("answer missing or too long");
        }
        answer = answer.strip();
        if (metadata.selection()) {
            return verifyChoice(context, metadata, answer, now);
        }
        if (metadata.factor() == Factor.TOTP) {
            return verifyTotp(context, metadata, answer, now);
        }
        if (metadata.factor() == Factor.BACKUP_CODE) {
            return new BackupCodes(requireState(), keys, random)
                            .consume(context.userPoolId(), context.userName(), answer, now)
                    ? VerifyResult.right()
                    : VerifyResult.wrong("not an unused backup code");
        }
        if (metadata.factor() == Factor.EMAIL_LINK) {
            return verifyLink(context, metadata, answer, now);
        }
        if (!metadata.factor().sendsCode()) {
            return VerifyResult.wrong("the challenge is not a code challenge");
        }
        if (!answer.matches("[0-9]{4,10}")) {
            return VerifyResult.wrong("answer is not a code of 4 to 10 digits");
        }
        if (!now.isBefore(metadata.expiresAt())) {
            return VerifyResult.wrong("code expired");
        }
        boolean correct = hasher.matches(
                context.userPoolId(),
                context.userName(),
                metadata.step(),
                metadata.factor(),
                metadata.expiresAt(),
                answer,
                metadata.codeHash());
        if (!correct) {
            return VerifyResult.wrong("wrong code");
        }
        if (state != null
                && !state.putIfAbsent(
                        new StateItem(
                                StateKeys.user(context.userPoolId(), context.userName()),
                                StateKeys.USED + metadata.codeHash(),
                                Map.of(),
                                metadata.expiresAt()),
                        now)) {
            return VerifyResult.wrong("code already used");
        }
        return VerifyResult.right();
    }

    private VerifyResult verifyChoice(VerifyContext context, ChallengeMetadata metadata, String answer, Instant now) {
        Optional<Factor> choice = Factor.fromId(answer).filter(metadata.options()::contains);
        if (choice.isEmpty() || metadata.nonce().isEmpty()) {
            return VerifyResult.wrong("not one of the options");
        }
        requireState()
                .put(new StateItem(
                        StateKeys.signIn(context.userPoolId(), context.userName(), metadata.nonce()),
                        StateKeys.CHOICE + metadata.step(),
                        Map.of("factor", choice.get().id()),
                        now.plus(SIGN_IN_STATE_TTL)));
        return VerifyResult.right();
    }

    private VerifyResult verifyTotp(VerifyContext context, ChallengeMetadata metadata, String answer, Instant now) {
        String pk = StateKeys.user(context.userPoolId(), context.userName());
        byte[] secret;
        if (metadata.setup()) {
            if (!now.isBefore(metadata.expiresAt())) {
                return VerifyResult.wrong("set-up expired");
            }
            secret = secrets.open(
                    metadata.codeHash(), setupContext(context.userPoolId(), context.userName(), metadata.nonce()));
        } else {
            Optional<StateItem> enrolled = requireState().get(pk, StateKeys.TOTP, now);
            if (enrolled.isEmpty()) {
                return VerifyResult.wrong("no authenticator app enrolled");
            }
            secret = secrets.open(
                    enrolled.get().attribute("secret"), secretContext(context.userPoolId(), context.userName()));
        }
        OptionalLong matched = Totp.match(secret, answer, now);
        if (matched.isEmpty()) {
            return VerifyResult.wrong("wrong code");
        }
        Instant usedUntil = Instant.ofEpochSecond((matched.getAsLong() + Totp.DRIFT_STEPS + 2) * Totp.STEP.toSeconds());
        if (!requireState()
                .putIfAbsent(new StateItem(pk, StateKeys.TOTP_USED + matched.getAsLong(), Map.of(), usedUntil), now)) {
            return VerifyResult.wrong("code already used");
        }
        if (metadata.setup()) {
            boolean enrolledNow = requireState()
                    .putIfAbsent(
                            new StateItem(
                                    pk,
                                    StateKeys.TOTP,
                                    Map.of(
                                            "secret",
                                            secrets.seal(
                                                    secret, secretContext(context.userPoolId(), context.userName())),
                                            "enrolledAt",
                                            now.toString()),
                                    null),
                            now);
            if (!enrolledNow) {
                return VerifyResult.wrong("an authenticator app was enrolled meanwhile");
            }
            CodeMessage notice = context.userNotFound() ? null : EnrolmentNotice.forUser(context.user());
            try {
                if (notice == null) {
                    throw new IllegalStateException("no verified email or phone number to notify");
                }
                deliver(notice);
            } catch (RuntimeException e) {
                requireState().deleteIfPresent(pk, StateKeys.TOTP);
                return VerifyResult.wrong(
                        "the user could not be told of the new authenticator app, so it was not" + " enrolled");
            }
        }
        return VerifyResult.right();
    }

    private VerifyResult verifyLink(VerifyContext context, ChallengeMetadata metadata, String answer, Instant now) {
        String token = answer;
        int query = token.indexOf("token=");
        if (query >= 0) {
            token = token.substring(query + "token=".length()).split("&", 2)[0];
        }
        String[] parts = token.split("\\.", -1);
        String reason = null;
        if (parts.length != 2) {
            reason = ChallengeContract.ERROR_LINK_INVALID;
        } else {
            boolean macOk = false;
            boolean idOk = false;
            byte[] expectedId = metadata.codeHash().getBytes(StandardCharsets.US_ASCII);
            for (byte[] key : keys.linkKeys()) {
                byte[] expectedMac = linkMac(
                                key,
                                context.userPoolId(),
                                context.userName(),
                                metadata.nonce(),
                                metadata.step(),
                                parts[0])
                        .getBytes(StandardCharsets.US_ASCII);
                macOk |= MessageDigest.isEqual(expectedMac, parts[1].getBytes(StandardCharsets.US_ASCII));
                idOk |= MessageDigest.isEqual(
                        expectedId, linkIdHash(key, parts[0]).getBytes(StandardCharsets.US_ASCII));
            }
            if (!macOk) {
                reason = ChallengeContract.ERROR_LINK_INVALID;
            } else if (!idOk) {
                reason = ChallengeContract.ERROR_LINK_SUPERSEDED;
            } else if (!now.isBefore(metadata.expiresAt())) {
                reason = ChallengeContract.ERROR_LINK_EXPIRED;
            }
        }
        String pk = StateKeys.signIn(context.userPoolId(), context.userName(), metadata.nonce());
        if (reason == null
                && !requireState()
                        .putIfAbsent(
                                new StateItem(pk, StateKeys.LINK + parts[0], Map.of(), now.plus(SIGN_IN_STATE_TTL)),
                                now)) {
            reason = ChallengeContract.ERROR_LINK_USED;
        }
        if (reason == null) {
            return VerifyResult.right();
        }
        requireState()
                .put(new StateItem(
                        pk,
                        StateKeys.VERDICT + metadata.step() + "#" + metadata.attempt(),
                        Map.of("reason", reason),
                        now.plus(SIGN_IN_STATE_TTL)));
        return VerifyResult.wrong("email link refused: " + reason);
    }

    private void send(Factor factor, String recipient, OneTimeCode code, Limits limits) {
        deliver(templates.render(factor.medium(), recipient, code, limits.codeTtl()));
    }

    private void deliver(CodeMessage message) {
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
        sendTimes.get(message.medium()).add(System.nanoTime() - start);
        decoys.recordSend(message.medium(), message.recipient(), true);
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
    private boolean dispatch(
            SignInContext context, DeliveryMedium medium, SendClaims.Claim claim, Instant now, Runnable send) {
        if (claim.duplicate()) {
            return false;
        }
        try {
            if (guard != null) {
                guard.admitSend(context.userPoolId(), context.userName(), medium, now);
            }
            try {
                if (context.userNotFound()) {
                    imitateSend(medium);
                    if (decoys.failsNow(medium, random)) {
                        throw DeliveryException.forUser(new DeliveryException("decoy", true), 1);
                    }
                    return false;
                }
                send.run();
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
     * A decoy sends nothing, so without a pause an unknown user's Create would answer faster than a real one and the
     * difference would reveal which usernames exist. It waits as long as one of the last {@value #RECENT_SENDS} real
     * sends of the same medium in this container took, picked at random, so that both the typical and the slow
     * answers match (120 ms before the first send, at most 1 s). Limits: the samples are per container, and a real
     * first send in a cold container (class loading, TLS set-up) is slower than any pause.
     */
    private void imitateSend(DeliveryMedium medium) {
        long nanos = Math.min(sendTimes.get(medium).sample(random), MAX_IMITATED_SEND_TIME.toNanos());
        sleeper.sleep(Duration.ofNanos(nanos));
    }

    /** The last few durations of one kind, to draw a decoy's pause from. Thread-safe. */
    private static final class RecentDurations {
        private final long[] nanos;
        private int next;
        private int size;

        RecentDurations(int capacity, long initial) {
            nanos = new long[capacity];
            nanos[0] = initial;
            size = 1;
        }

        synchronized void add(long duration) {
            if (size == 1 && next == 0) {
                size = 0;
            }
            nanos[next] = duration;
            next = (next + 1) % nanos.length;
            size = Math.min(size + 1, nanos.length);
        }

        synchronized long sample(SecureRandom random) {
            return nanos[random.nextInt(size)];
        }
    }

    private String maskedDestination(SignInContext context, Factor factor, Instant now) {
        // Without the abuse controls (and in priming) nothing is written: the decoy is derived from the name alone.
        return decoys.masked(context, factor, guard == null ? null : state, keys.decoyKey(), now);
    }
}
