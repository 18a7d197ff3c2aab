package dev.stepwise.core;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The three trigger operations over plain Java values: {@link #define}, {@link #create} and {@link #verify}. The
 * handlers map Cognito events to these calls and back. Thread-safe; one instance per function container.
 *
 * <p>Only Cognito's session history, {@code challengeMetadata} and the private challenge parameters carry state between
 * rounds: no database. The code itself never leaves this class except inside the message to the user.
 */
public final class CustomAuthFlow {
    private static final String[] DECOY_DOMAINS = {
        "gmail.com", "outlook.com", "yahoo.com", "icloud.com", "hotmail.com", "proton.me", "aol.com", "gmx.net"
    };
    private static final int MAX_ANSWER_LENGTH = 64;
    private static final Duration DEFAULT_SEND_TIME = Duration.ofMillis(120);
    private static final Duration MAX_IMITATED_SEND_TIME = Duration.ofSeconds(1);

    private final PolicySet policies;
    private final StepwiseKeys keys;
    private final CodeGenerator codes;
    private final MessageTemplates templates;
    private final Map<DeliveryMedium, CodeDelivery> deliveries;
    private final MetadataSeal seal;
    private final CodeHasher hasher;
    private final Decider decider;
    private final Sleeper sleeper;
    private final Map<DeliveryMedium, AtomicLong> sendNanos = new EnumMap<>(DeliveryMedium.class);

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
        for (DeliveryMedium medium : DeliveryMedium.values()) {
            sendNanos.put(medium, new AtomicLong(DEFAULT_SEND_TIME.toNanos()));
        }
        this.sleeper = sleeper;
        this.policies = policies;
        this.keys = keys;
        this.codes = codes;
        this.templates = templates;
        this.deliveries = deliveries.isEmpty() ? Map.of() : new EnumMap<>(deliveries);
        this.seal = new MetadataSeal(keys);
        this.hasher = new CodeHasher(keys);
        this.decider = new Decider(seal);
    }

    /** Define: the next step for this sign-in. */
    public Decision define(SignInContext context, Instant now) {
        return decider.decide(policies.forClient(context.clientId()), context, now);
    }

    /**
     * Create: recomputes the decision from the same history that Define saw, then makes the challenge: a new code (sent
     * to the user), the previous code again after a wrong answer (nothing sent), or a decoy for an unknown user
     * (nothing sent).
     *
     * <h2>Retried Create</h2>
     *
     * Cognito retries a trigger that does not answer within 5 seconds, up to three attempts, possibly in different
     * containers with no shared memory. A new code is therefore not drawn at random: it is derived with HMAC-SHA256
     * (key derived from {@code STEPWISE_SECRET}, unbiased digits, see {@link CodeGenerator#derive}) from the pool, the
     * user, the app client, the step, the attempt, the whole round history (which includes the sealed metadata of
     * earlier rounds, so every later round has unique input) and the time slot {@code floor(now / codeTtl)}. Every
     * attempt of the same Create inside one slot computes the same code, so the user never gets two different codes
     * for one round. Limits:
     *
     * <ul>
     *   <li>Each attempt still sends its message: the user may get the same code two or three times. Removing the
     *       duplicate message needs shared state (a later issue adds a DynamoDB table).
     *   <li>A retry that lands in the next slot derives a different code. With a 300 s lifetime and retries about 5 s
     *       apart this hits roughly 2 in 100 retried Creates; the earlier message's code is then not accepted.
     *   <li>The first round of two sign-ins of the same user, from the same client, in the same slot, gets the same
     *       code (their histories are equal). The code is still only usable until it expires, each sign-in still has
     *       its own attempt limit, and only the owner of the destination sees it.
     *   <li>Anyone holding {@code STEPWISE_SECRET} can compute codes; it must be kept like a password.
     * </ul>
     *
     * @throws IllegalStateException when the history does not lead to a challenge (Define would not have asked)
     * @throws DeliveryException when the code could not be sent
     */
    public IssuedChallenge create(SignInContext context, Instant now) {
        Policy policy = policies.forClient(context.clientId());
        Decision decision = decider.decide(policy, context, now);
        if (!(decision instanceof Decision.Present present)) {
            String why = decision instanceof Decision.Fail fail ? ": " + fail.reason() : "";
            throw new IllegalStateException("Create Auth Challenge was called, but this sign-in's history leads to '"
                    + decision.outcome() + "'" + why + "; Define answers the same, so no challenge is created");
        }
        Factor factor = present.factor();
        Limits limits = policy.limits();
        ChallengeMetadata metadata;
        boolean sent = false;
        if (present.reusable() != null) {
            ChallengeMetadata previous = present.reusable();
            metadata = new ChallengeMetadata(
                    factor, present.step(), present.attempt(), previous.expiresAt(), previous.codeHash());
        } else {
            Instant expiresAt = now.truncatedTo(ChronoUnit.SECONDS).plus(limits.codeTtl());
            OneTimeCode code = context.userNotFound()
                    ? codes.random(limits.codeLength())
                    : retryStableCode(context, present, limits, now);
            String hash =
                    hasher.hash(context.userPoolId(), context.userName(), present.step(), factor, expiresAt, code);
            metadata = new ChallengeMetadata(factor, present.step(), present.attempt(), expiresAt, hash);
            if (context.userNotFound()) {
                imitateSend(factor.medium());
            } else {
                send(factor, context.user().destination(factor), code, limits);
                sent = true;
            }
        }
        String sealed = seal.seal(context.userPoolId(), context.userName(), metadata);
        Map<String, String> publicParameters = publicParameters(context, present, limits, metadata);
        return new IssuedChallenge(
                present, publicParameters, Map.of(ChallengeContract.PRIVATE_CHALLENGE, sealed), sealed, sent);
    }

    /**
     * Verify: whether the answer is the code of the current round, compared in constant time against the keyed hash.
     * Expired codes, malformed answers, missing or tampered private parameters and unknown users are all wrong.
     */
    public VerifyResult verify(VerifyContext context, Instant now) {
        if (context.userNotFound()) {
            return VerifyResult.wrong("user not found");
        }
        Optional<ChallengeMetadata> opened = seal.open(
                context.userPoolId(),
                context.userName(),
                context.privateParameters().get(ChallengeContract.PRIVATE_CHALLENGE));
        if (opened.isEmpty()) {
            return VerifyResult.wrong("missing or tampered private challenge parameters");
        }
        ChallengeMetadata metadata = opened.get();
        if (!metadata.factor().sendsCode()) {
            return VerifyResult.wrong("the challenge is not a code challenge");
        }
        String answer = context.answer();
        if (answer == null || answer.length() > MAX_ANSWER_LENGTH) {
            return VerifyResult.wrong("answer missing or too long");
        }
        answer = answer.strip();
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
        return correct ? VerifyResult.right() : VerifyResult.wrong("wrong code");
    }

    private void send(Factor factor, String recipient, OneTimeCode code, Limits limits) {
        CodeDelivery delivery = deliveries.get(factor.medium());
        if (delivery == null) {
            throw new IllegalStateException("no sender is configured for " + factor.medium());
        }
        CodeMessage message = templates.render(factor.medium(), recipient, code, limits.codeTtl());
        long start = System.nanoTime();
        delivery.deliver(message);
        long took = System.nanoTime() - start;
        sendNanos.get(factor.medium()).updateAndGet(average -> (average * 7 + took) / 8);
    }

    /**
     * A decoy sends nothing, so without a pause an unknown user's Create would answer faster than a real one and the
     * difference would reveal which usernames exist. It waits as long as a real send of the same medium has recently
     * taken in this container (a moving average, 120 ms before the first send, at most 1 s). Limits: the average is
     * per container, and a real first send in a cold container (class loading, TLS set-up) is slower than any pause.
     */
    private void imitateSend(DeliveryMedium medium) {
        long nanos = Math.min(sendNanos.get(medium).get(), MAX_IMITATED_SEND_TIME.toNanos());
        sleeper.sleep(Duration.ofNanos(nanos));
    }

    private OneTimeCode retryStableCode(SignInContext context, Decision.Present present, Limits limits, Instant now) {
        List<String> inputs = new ArrayList<>();
        inputs.add("retry-stable-code");
        inputs.add(context.userPoolId());
        inputs.add(context.userName());
        inputs.add(context.clientId());
        inputs.add(present.factor().id());
        inputs.add(Integer.toString(present.step()));
        inputs.add(Integer.toString(present.attempt()));
        inputs.add(Long.toString(now.getEpochSecond() / limits.codeTtl().toSeconds()));
        for (Round round : context.history()) {
            inputs.add(round.challengeName());
            inputs.add(Boolean.toString(round.passed()));
            inputs.add(round.metadata());
        }
        return CodeGenerator.derive(keys.codeDerivationKey(), limits.codeLength(), inputs.toArray(String[]::new));
    }

    private Map<String, String> publicParameters(
            SignInContext context, Decision.Present present, Limits limits, ChallengeMetadata metadata) {
        Factor factor = present.factor();
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(ChallengeContract.CONTRACT_VERSION, ChallengeContract.VERSION);
        parameters.put(ChallengeContract.STEP, factor.stepName());
        parameters.put(ChallengeContract.FACTOR, factor.id());
        parameters.put(
                ChallengeContract.STATUS,
                present.firstStep() ? ChallengeContract.NEEDS_FIRST_FACTOR : ChallengeContract.NEEDS_SECOND_FACTOR);
        parameters.put(ChallengeContract.DELIVERY_MEDIUM, factor.medium().name());
        parameters.put(ChallengeContract.DESTINATION, maskedDestination(context, factor));
        parameters.put(ChallengeContract.ATTEMPTS_REMAINING, Integer.toString(present.attemptsRemaining()));
        parameters.put(ChallengeContract.CODE_LENGTH, Integer.toString(limits.codeLength()));
        parameters.put(ChallengeContract.EXPIRES_AT, metadata.expiresAt().toString());
        return parameters;
    }

    private String maskedDestination(SignInContext context, Factor factor) {
        if (!context.userNotFound()) {
            String destination = context.user().destination(factor);
            return factor.medium() == DeliveryMedium.EMAIL ? Masking.email(destination) : Masking.phone(destination);
        }
        return decoyDestination(context, factor.medium());
    }

    /**
     * A masked destination for an unknown user that is plausible and the same every time for that username, so that
     * repeated attempts cannot tell a real user from an unknown one by a changing destination.
     */
    private String decoyDestination(SignInContext context, DeliveryMedium medium) {
        String userName = context.userName();
        byte[] h = Hmac.sha256(keys.decoyKey(), "decoy", context.userPoolId(), userName, medium.name());
        if (medium == DeliveryMedium.EMAIL) {
            if (userName.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                return Masking.email(userName);
            }
            char initial = (char) ('a' + (h[0] & 0xff) % 26);
            return Masking.email(initial + "@" + DECOY_DOMAINS[(h[1] & 0xff) % DECOY_DOMAINS.length]);
        }
        if (userName.matches("\\+[1-9][0-9]{6,14}")) {
            return Masking.phone(userName);
        }
        StringBuilder number = new StringBuilder("+1");
        for (int i = 0; i < 10; i++) {
            number.append((h[2 + i] & 0xff) % 10);
        }
        return Masking.phone(number.toString());
    }
}
