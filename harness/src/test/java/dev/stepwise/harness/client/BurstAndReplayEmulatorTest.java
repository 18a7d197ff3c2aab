package dev.stepwise.harness.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.harness.emulator.CognitoEmulator;
import dev.stepwise.harness.emulator.Seeded;
import dev.stepwise.harness.emulator.SentEmail;
import dev.stepwise.harness.junit.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Replay and bursts end to end, through the emulator's Cognito API and the bundled triggers: a used code does not work
 * in a new sign-in, and 40 sessions whose answers arrive at once check no more wrong answers than the lockout allows.
 */
@Tag("slow")
class BurstAndReplayEmulatorTest {
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
    private static final int SESSIONS = 40;
    private static final int TRIALS = 20;
    private static final int LIMIT = 5;

    private final TestClock clock = TestClock.atSystemTime();
    private final List<String> functionLog = new CopyOnWriteArrayList<>();
    private CognitoEmulator emulator;
    private Seeded seeded;
    private SignInClient client;

    @AfterEach
    void tearDown() {
        client.close();
        emulator.close();
    }

    // Built by hand: the burst test counts the wrong answers Verify checked in the function log.
    private void start(Map<String, String> settings) {
        emulator = CognitoEmulator.builder()
                .clock(clock)
                .bundledTriggers(settings)
                .functionLog(functionLog::add)
                .start();
        seeded = emulator.seed();
        client = SignInClient.builder()
                .endpoint(emulator.endpoint())
                .region("us-east-1")
                .userPoolId(seeded.userPoolId())
                .clientId(seeded.clientId())
                .build();
    }

    private String lastCode() {
        List<SentEmail> emails = emulator.mailbox().emailsTo(seeded.email());
        Matcher matcher = CODE.matcher(emails.get(emails.size() - 1).textBody());
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    private static NextStep.Challenge challenge(NextStep next) {
        assertThat(next).isInstanceOf(NextStep.Challenge.class);
        return (NextStep.Challenge) next;
    }

    @Test
    void usedCode_answeredInTheNextSignIn_refusedAndTheNewEmailCarriesAnotherCode() {
        start(Map.of("STEPWISE_POLICY", "email_code"));
        String used = lastCodeAfter(client.start(seeded.username()));
        clock.advance(Duration.ofSeconds(1));

        NextStep.Challenge next = challenge(client.start(seeded.username()));
        NextStep replay = client.answer(next, used);

        assertThat(replay).isNotInstanceOf(NextStep.Done.class);
        assertThat(emulator.mailbox().emailsTo(seeded.email())).hasSize(2);
        assertThat(lastCode()).isNotEqualTo(used);
    }

    private String lastCodeAfter(NextStep started) {
        String code = lastCode();
        assertThat(client.answer(challenge(started), code)).isInstanceOf(NextStep.Done.class);
        return code;
    }

    @Test
    void burst_fortySessionsAnsweredAtOnce_neverTokensAndAtMostTheLimitOfWrongAnswersChecked() throws Exception {
        start(Map.of("STEPWISE_POLICY", "email_code", "STEPWISE_MAX_OPEN_SIGN_INS", "100"));
        Random random = new Random(7);
        ExecutorService pool = Executors.newFixedThreadPool(SESSIONS);
        int mostChecked = 0;
        Duration mostOpening = Duration.ZERO;
        try {
            for (int trial = 0; trial < TRIALS; trial++) {
                long opening = System.nanoTime();
                List<Future<NextStep>> starts = new ArrayList<>();
                for (int i = 0; i < SESSIONS; i++) {
                    starts.add(pool.submit(() -> client.start(seeded.username())));
                }
                List<NextStep.Challenge> sessions = new ArrayList<>();
                for (Future<NextStep> start : starts) {
                    sessions.add(challenge(start.get(60, TimeUnit.SECONDS)));
                }
                Duration opened = Duration.ofNanos(System.nanoTime() - opening);
                mostOpening = mostOpening.compareTo(opened) < 0 ? opened : mostOpening;
                String code = lastCode();
                int rightAt = LIMIT + random.nextInt(SESSIONS - LIMIT);
                int before = functionLog.size();
                AtomicInteger answered = new AtomicInteger();
                CountDownLatch go = new CountDownLatch(1);
                List<Future<NextStep>> outcomes = new ArrayList<>();
                for (int i = 0; i < SESSIONS; i++) {
                    NextStep.Challenge session = sessions.get(i);
                    boolean late = i >= rightAt;
                    String answer =
                            i == rightAt ? code : String.format("%06d", (Integer.parseInt(code) + 1 + i) % 1_000_000);
                    outcomes.add(pool.submit(() -> {
                        go.await();
                        while (late && answered.get() < LIMIT) {
                            Thread.sleep(1);
                        }
                        NextStep result = client.answer(session, answer);
                        answered.incrementAndGet();
                        return result;
                    }));
                }
                go.countDown();
                List<NextStep> results = new ArrayList<>();
                for (Future<NextStep> outcome : outcomes) {
                    results.add(outcome.get(120, TimeUnit.SECONDS));
                }
                long checkedWrong = functionLog.subList(before, functionLog.size()).stream()
                        .filter(line -> line.contains("VerifyAuthChallengeResponse"))
                        .filter(line -> line.contains("\"outcome\":\"wrong\""))
                        .count();
                mostChecked = Math.max(mostChecked, (int) checkedWrong);

                assertThat(results)
                        .as("trial %d, right code at %d", trial, rightAt)
                        .noneMatch(r -> r instanceof NextStep.Done);
                assertThat(checkedWrong)
                        .as("wrong answers checked in trial %d", trial)
                        .isLessThanOrEqualTo(LIMIT);
                clock.advance(Duration.ofMinutes(16));
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf(
                "race (emulator): %d trials of %d sessions opened within %d ms, at most %d wrong answers checked per"
                        + " window (limit %d)%n",
                TRIALS, SESSIONS, mostOpening.toMillis(), mostChecked, LIMIT);
        assertThat(mostChecked).isEqualTo(LIMIT);
    }
}
