package dev.stepwise.harness.emulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;

/**
 * Full sign-ins per second against the emulator: InitiateAuth (CUSTOM_AUTH) + one RespondToAuthChallenge through the
 * SDK over HTTP, with the bundled handlers (policy email_code, code read from the in-process mailbox). Not a test.
 *
 * <p>Arguments: threads (default 16), seconds (default 20), users (default 500).
 */
public final class EmulatorBenchmark {

    private EmulatorBenchmark() {}

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int users = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        try (CognitoEmulator emulator = CognitoEmulator.builder()
                        .bundledTriggers(Map.of("STEPWISE_POLICY", "email_code", "STEPWISE_SENDS_PER_HOUR", "1000"))
                        .functionLog(line -> {})
                        .start();
                CognitoIdentityProviderClient cognito = EmulatorFixture.client(emulator)) {
            Seeded seeded = emulator.seed();
            for (int i = 0; i < users; i++) {
                String name = "bench" + i;
                cognito.adminCreateUser(r -> r.userPoolId(seeded.userPoolId())
                        .username(name)
                        .userAttributes(a -> a.name("email").value(name + "@example.com"), a -> a.name("email_verified")
                                .value("true")));
            }
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<long[]>> results = new ArrayList<>();
            AtomicLong next = new AtomicLong();
            long warmupEnd = System.nanoTime() + 5_000_000_000L;
            long end = warmupEnd + seconds * 1_000_000_000L;
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    long[] latencies = new long[1 << 20];
                    int count = 0;
                    while (true) {
                        long start = System.nanoTime();
                        if (start > end) {
                            return Arrays.copyOf(latencies, count);
                        }
                        String name = "bench" + (next.getAndIncrement() % users);
                        var challenge = cognito.initiateAuth(r -> r.clientId(seeded.clientId())
                                .authFlow(AuthFlowType.CUSTOM_AUTH)
                                .authParameters(Map.of("USERNAME", name)));
                        var emails = emulator.mailbox().emailsTo(name + "@example.com");
                        String code =
                                emails.get(emails.size() - 1).textBody().replaceAll("(?s).*?\\b(\\d{6})\\b.*", "$1");
                        cognito.respondToAuthChallenge(r -> r.clientId(seeded.clientId())
                                .challengeName(ChallengeNameType.CUSTOM_CHALLENGE)
                                .session(challenge.session())
                                .challengeResponses(Map.of("USERNAME", name, "ANSWER", code)));
                        if (start > warmupEnd && count < latencies.length) {
                            latencies[count++] = System.nanoTime() - start;
                        }
                    }
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<long[]> result : results) {
                for (long latency : result.get()) {
                    all.add(latency);
                }
            }
            pool.shutdown();
            all.sort(Long::compare);
            System.out.printf(
                    "threads=%d seconds=%d sign-ins=%d rate=%.1f/s p50=%.1fms p99=%.1fms%n",
                    threads,
                    seconds,
                    all.size(),
                    all.size() / (double) seconds,
                    all.get(all.size() / 2) / 1e6,
                    all.get((int) (all.size() * 0.99)) / 1e6);
        }
    }
}
