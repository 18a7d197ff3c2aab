package dev.stepwise.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.core.SignInRefusedException;
import dev.stepwise.core.StateItem;
import dev.stepwise.core.StateKeys;
import dev.stepwise.core.StateStore;
import dev.stepwise.lambda.aws.DynamoDbLocal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A burst of answers from parallel sign-ins of one user: 40 sessions opened together share one code, and their answers
 * are fired at once, the right code among those sent after the lockout's worth of guesses is taken. Verify reserves a
 * guess before it checks, so no interleaving checks more wrong answers than the limit, and no burst gets tokens.
 */
@Tag("slow")
class RaceTest {
    private static final int SESSIONS = 40;
    private static final int TRIALS = 20;
    private static final int LIMIT = 5;
    private static final Map<String, String> ALICE = Map.of("email", "alice@example.com", "email_verified", "true");
    private static DynamoDbLocal dynamo;

    @BeforeAll
    static void start() throws Exception {
        dynamo = DynamoDbLocal.start();
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    static Stream<Arguments> stores() {
        return dynamo.stores("race");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void burst_fortySessionsAnsweredAtOnce_neverTokensAndAtMostTheLimitOfWrongAnswersChecked(
            String name, Supplier<StateStore> store) throws Exception {
        CountingStore counting = new CountingStore(store.get());
        HandlerRig triggers = new HandlerRig(
                Map.of("STEPWISE_POLICY", "email_code", "STEPWISE_MAX_OPEN_SIGN_INS", "100"), null, counting);
        Random random = new Random(42);
        ExecutorService pool = Executors.newFixedThreadPool(SESSIONS);
        int mostChecked = 0;
        try {
            for (int trial = 0; trial < TRIALS; trial++) {
                String user = "alice" + trial;
                CognitoLoop loop = new CognitoLoop(triggers, user, "client1", ALICE, false);
                List<JsonNode> sessions = new ArrayList<>();
                for (int i = 0; i < SESSIONS; i++) {
                    sessions.add(loop.open(1).get(0));
                }
                String code = triggers.lastCode();
                int rightAt = LIMIT + random.nextInt(SESSIONS - LIMIT);
                int before = triggers.logLines.size();
                counting.granted.set(0);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<String>> outcomes = new ArrayList<>();
                for (int i = 0; i < SESSIONS; i++) {
                    JsonNode session = sessions.get(i);
                    boolean late = i >= rightAt;
                    String answer = i == rightAt ? code : wrong(code, i);
                    outcomes.add(pool.submit(() -> {
                        go.await();
                        if (late) {
                            counting.awaitGranted(LIMIT);
                        }
                        try {
                            return loop.answer(session, answer);
                        } catch (SignInRefusedException e) {
                            return "refused";
                        }
                    }));
                }
                go.countDown();
                List<String> results = new ArrayList<>();
                for (Future<String> outcome : outcomes) {
                    results.add(outcome.get(60, TimeUnit.SECONDS));
                }
                List<String> verifyLines = triggers.logLines.subList(before, triggers.logLines.size()).stream()
                        .filter(line -> line.contains("VerifyAuthChallengeResponse"))
                        .toList();
                long checkedWrong = verifyLines.stream()
                        .filter(line -> line.contains("\"outcome\":\"wrong\""))
                        .count();
                mostChecked = Math.max(mostChecked, (int) checkedWrong);

                assertThat(results)
                        .as("trial %d, right code at %d", trial, rightAt)
                        .doesNotContain("tokens");
                assertThat(checkedWrong)
                        .as("wrong answers checked in trial %d", trial)
                        .isLessThanOrEqualTo(LIMIT);
                assertThat(verifyLines).noneMatch(line -> line.contains("\"outcome\":\"correct\""));
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf(
                "race (%s): %d trials of %d sessions, at most %d wrong answers checked per window (limit %d)%n",
                name, TRIALS, SESSIONS, mostChecked, LIMIT);
        assertThat(mostChecked).isEqualTo(LIMIT);
    }

    private static String wrong(String code, int i) {
        String candidate = String.format("%06d", (Integer.parseInt(code) + 1 + i) % 1_000_000);
        return candidate.equals(code)
                ? String.format("%06d", (Integer.parseInt(code) + 500_000) % 1_000_000)
                : candidate;
    }

    /** Counts the guesses the store grants, so the late answers can be released once the limit's worth is taken. */
    private static final class CountingStore implements StateStore {
        private final StateStore delegate;
        final AtomicInteger granted = new AtomicInteger();

        CountingStore(StateStore delegate) {
            this.delegate = delegate;
        }

        void awaitGranted(int count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (granted.get() < count && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
        }

        @Override
        public long incrementUpTo(String pk, String sk, long limit, Instant expiresAt, Instant now) {
            long count = delegate.incrementUpTo(pk, sk, limit, expiresAt, now);
            if (count >= 0 && sk.equals(StateKeys.FAILURES)) {
                granted.incrementAndGet();
            }
            return count;
        }

        @Override
        public Optional<StateItem> get(String pk, String sk, Instant now) {
            return delegate.get(pk, sk, now);
        }

        @Override
        public boolean putIfAbsent(StateItem item, Instant now) {
            return delegate.putIfAbsent(item, now);
        }

        @Override
        public void put(StateItem item) {
            delegate.put(item);
        }

        @Override
        public boolean deleteIfPresent(String pk, String sk) {
            return delegate.deleteIfPresent(pk, sk);
        }

        @Override
        public List<StateItem> query(String pk, String skPrefix, Instant now) {
            return delegate.query(pk, skPrefix, now);
        }

        @Override
        public long increment(String pk, String sk, Instant expiresAt, Instant now) {
            return delegate.increment(pk, sk, expiresAt, now);
        }

        @Override
        public boolean decrement(String pk, String sk, Instant now) {
            return delegate.decrement(pk, sk, now);
        }
    }
}
