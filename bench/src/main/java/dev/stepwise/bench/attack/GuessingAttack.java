package dev.stepwise.bench.attack;

import dev.stepwise.harness.client.NextStep;
import dev.stepwise.harness.client.SignInClient;
import dev.stepwise.harness.emulator.CognitoEmulator;
import dev.stepwise.harness.emulator.Seeded;
import dev.stepwise.harness.junit.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * A code-guessing attacker against one user, through an in-process emulator with the bundled triggers (policy
 * {@code email_code}, default abuse-control settings unless given): sign-in after sign-in, it answers every code
 * challenge with wrong guesses as fast as it is allowed, and when a sign-in is refused (locked out, a code sent
 * moments ago, too many codes) it moves the emulator's clock on by the wait the refusal names, at most one probe step,
 * and tries again, until the simulated time is over. Each call also moves the clock by the request time, so an attack
 * the controls never stop still spends time. Guesses never repeat, which is the attacker's best strategy whether or
 * not a code outlives a sign-in.
 *
 * <p>The triggers must run on the emulator's clock: the handlers (the bundled ones unless
 * {@link Builder#triggers} names others) need public {@code (Map<String, String>, Clock)} constructors. Not
 * thread-safe; one run at a time.
 */
public final class GuessingAttack {

    private final Duration duration;
    private final Duration probeStep;
    private final Duration requestTime;
    private final int maxSignIns;
    private final Map<String, String> environment;
    private final Random random;
    private final List<String> handlers;

    private GuessingAttack(Builder builder) {
        this.handlers = List.of(builder.define, builder.create, builder.verify);
        this.duration = builder.duration;
        this.probeStep = builder.probeStep;
        this.requestTime = builder.requestTime;
        this.maxSignIns = builder.maxSignIns;
        this.environment = Map.copyOf(builder.environment);
        this.random = new Random(builder.seed);
    }

    /** A builder with the defaults: one simulated day, 30 s probe step, 100 ms per request, at most 20,000 sign-ins. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the attack in a fresh emulator.
     *
     * @throws IllegalStateException if the bundled handlers cannot run on the emulator's clock, or a sign-in ends in
     *     something other than a challenge, a failure or a refusal (a broken trigger)
     */
    public AttackReport run() {
        requireClockAwareHandlers(handlers);
        Map<String, String> settings = new HashMap<>();
        settings.put("STEPWISE_POLICY", "email_code");
        settings.putAll(environment);
        int codeLength = Integer.parseInt(settings.getOrDefault("STEPWISE_CODE_LENGTH", "6"));
        TestClock clock = TestClock.at(Instant.now());
        Instant end = clock.instant().plus(duration);
        long signIns = 0;
        long guesses = 0;
        long successes = 0;
        List<Integer> perSignIn = new ArrayList<>();
        Map<NextStep.Refused.Reason, Long> refusals = new EnumMap<>(NextStep.Refused.Reason.class);
        Set<Long> guessed = new HashSet<>();
        long space = (long) Math.pow(10, codeLength);
        Instant start = clock.instant();
        try (CognitoEmulator emulator = CognitoEmulator.builder()
                .clock(clock)
                .bundledTriggers(settings)
                .defineTrigger(handlers.get(0))
                .createTrigger(handlers.get(1))
                .verifyTrigger(handlers.get(2))
                .functionLog(line -> {})
                .start()) {
            Seeded victim = emulator.seed();
            try (SignInClient client = SignInClient.builder()
                    .endpoint(emulator.endpoint())
                    .region("us-east-1")
                    .userPoolId(victim.userPoolId())
                    .clientId(victim.clientId())
                    .clock(clock)
                    .build()) {
                while (clock.instant().isBefore(end) && signIns < maxSignIns) {
                    signIns++;
                    NextStep next = client.start(victim.username());
                    clock.advance(requestTime);
                    int answers = 0;
                    while (next instanceof NextStep.Challenge challenge) {
                        long guess = fresh(guessed, space);
                        next = client.answer(challenge, String.format("%0" + codeLength + "d", guess));
                        clock.advance(requestTime);
                        answers++;
                        guesses++;
                    }
                    if (answers > 0) {
                        perSignIn.add(answers);
                    }
                    if (next instanceof NextStep.Done) {
                        successes++;
                    } else if (next instanceof NextStep.Refused refused) {
                        refusals.merge(refused.reason(), 1L, Long::sum);
                        Duration wait = refused.retryAfter() == null
                                        || refused.retryAfter().compareTo(probeStep) > 0
                                ? probeStep
                                : refused.retryAfter();
                        clock.advance(wait);
                    } else if (!(next instanceof NextStep.Failed)) {
                        throw new IllegalStateException("the attack's sign-in ended in " + next
                                + "; expected a challenge, a failure or a refusal");
                    }
                }
            }
            long sent = emulator.mailbox().emailsTo(victim.email()).size();
            Duration simulated = Duration.between(start, clock.instant().isAfter(end) ? end : clock.instant());
            return new AttackReport(
                    simulated,
                    codeLength,
                    signIns,
                    sent,
                    guesses,
                    successes,
                    perSignIn,
                    refusals,
                    clock.instant().isBefore(end));
        }
    }

    private long fresh(Set<Long> guessed, long space) {
        if (guessed.size() >= space) {
            guessed.clear();
        }
        long guess;
        do {
            guess = (long) (random.nextDouble() * space);
        } while (!guessed.add(guess));
        return guess;
    }

    private static void requireClockAwareHandlers(List<String> handlers) {
        for (String name : handlers) {
            try {
                Class.forName(name).getConstructor(Map.class, Clock.class);
            } catch (ClassNotFoundException | NoSuchMethodException e) {
                throw new IllegalStateException(name + " has no public (Map<String, String>, Clock) constructor, so it"
                        + " cannot run on the emulator's clock and a simulated day cannot pass; add one that builds"
                        + " the handler as the Map constructor does, with the given clock");
            }
        }
    }

    /** Options for {@link GuessingAttack}. Not thread-safe. */
    public static final class Builder {
        private Duration duration = Duration.ofDays(1);
        private Duration probeStep = Duration.ofSeconds(30);
        private Duration requestTime = Duration.ofMillis(100);
        private int maxSignIns = 20_000;
        private Map<String, String> environment = Map.of();
        private long seed = 1;
        private String define = dev.stepwise.lambda.DefineAuthChallengeHandler.class.getName();
        private String create = dev.stepwise.lambda.CreateAuthChallengeHandler.class.getName();
        private String verify = dev.stepwise.lambda.VerifyAuthChallengeHandler.class.getName();

        private Builder() {}

        /**
         * Other handler classes for the three triggers (default: the bundled ones), each with a public
         * {@code (Map<String, String>, Clock)} constructor.
         */
        public Builder triggers(String define, String create, String verify) {
            this.define = Objects.requireNonNull(define, "define");
            this.create = Objects.requireNonNull(create, "create");
            this.verify = Objects.requireNonNull(verify, "verify");
            return this;
        }

        /** How long the attack runs in simulated time (1 minute to 30 days). */
        public Builder duration(Duration duration) {
            Objects.requireNonNull(duration, "duration");
            if (duration.compareTo(Duration.ofMinutes(1)) < 0 || duration.compareTo(Duration.ofDays(30)) > 0) {
                throw new IllegalArgumentException("duration must be from 1 minute to 30 days, was " + duration);
            }
            this.duration = duration;
            return this;
        }

        /** The longest the attacker waits after a refusal before trying again (1 s to 1 h). */
        public Builder probeStep(Duration probeStep) {
            Objects.requireNonNull(probeStep, "probeStep");
            if (probeStep.compareTo(Duration.ofSeconds(1)) < 0 || probeStep.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("probeStep must be from 1 s to 1 h, was " + probeStep);
            }
            this.probeStep = probeStep;
            return this;
        }

        /** Simulated time each Cognito call takes (0 to 10 s). */
        public Builder requestTime(Duration requestTime) {
            Objects.requireNonNull(requestTime, "requestTime");
            if (requestTime.isNegative() || requestTime.compareTo(Duration.ofSeconds(10)) > 0) {
                throw new IllegalArgumentException("requestTime must be from 0 to 10 s, was " + requestTime);
            }
            this.requestTime = requestTime;
            return this;
        }

        /** Stops after this many sign-ins even if the simulated time is not over (1 to 1,000,000). */
        public Builder maxSignIns(int maxSignIns) {
            if (maxSignIns < 1 || maxSignIns > 1_000_000) {
                throw new IllegalArgumentException("maxSignIns must be from 1 to 1,000,000, was " + maxSignIns);
            }
            this.maxSignIns = maxSignIns;
            return this;
        }

        /** Settings for the bundled triggers over {@code STEPWISE_POLICY=email_code}, e.g. other limits. */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
            return this;
        }

        /** The seed of the attacker's guesses. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The attack. */
        public GuessingAttack build() {
            return new GuessingAttack(this);
        }
    }
}
