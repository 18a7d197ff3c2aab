package dev.stepwise.harness.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;

/**
 * The time a full email-code sign-in (InitiateAuth + RespondToAuthChallenge through the SDK, the bundled triggers,
 * the code read from the mailbox) takes with the triggers in process and in child JVMs: the first sign-in after start
 * (cold: each function's JVM starts) and the median of the next ones (warm). Not a test.
 *
 * <p>Arguments: warm sign-ins (default 20), rounds (default 3).
 */
public final class ChildJvmBenchmark {

    private ChildJvmBenchmark() {}

    public static void main(String[] args) throws Exception {
        int warm = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        for (int round = 1; round <= rounds; round++) {
            for (TriggerRunner runner : TriggerRunner.values()) {
                long[] times = run(runner, warm);
                long[] rest = java.util.Arrays.copyOfRange(times, 1, times.length);
                java.util.Arrays.sort(rest);
                System.out.printf(
                        "round %d %-10s cold %5d ms   warm median %4d ms (min %d, max %d)%n",
                        round, runner, times[0], rest[rest.length / 2], rest[0], rest[rest.length - 1]);
            }
        }
    }

    private static long[] run(TriggerRunner runner, int warm) throws Exception {
        try (CognitoEmulator emulator = CognitoEmulator.builder()
                        .bundledTriggers(Map.of("STEPWISE_POLICY", "email_code", "STEPWISE_SENDS_PER_HOUR", "1000"))
                        .triggerRunner(runner)
                        .functionLog(line -> {})
                        .start();
                CognitoIdentityProviderClient cognito = EmulatorFixture.client(emulator)) {
            Seeded seeded = emulator.seed();
            List<String> users = new ArrayList<>();
            for (int i = 0; i <= warm; i++) {
                String name = "bench" + i;
                cognito.adminCreateUser(r -> r.userPoolId(seeded.userPoolId())
                        .username(name)
                        .messageAction("SUPPRESS")
                        .userAttributes(a -> a.name("email").value(name + "@example.com"), a -> a.name("email_verified")
                                .value("true")));
                users.add(name);
            }
            long[] times = new long[users.size()];
            for (int i = 0; i < users.size(); i++) {
                String name = users.get(i);
                long started = System.nanoTime();
                var challenge = cognito.initiateAuth(r -> r.clientId(seeded.clientId())
                        .authFlow(AuthFlowType.CUSTOM_AUTH)
                        .authParameters(Map.of("USERNAME", name)));
                List<SentEmail> emails = emulator.mailbox().emailsTo(name + "@example.com");
                String body = emails.get(emails.size() - 1).textBody();
                java.util.regex.Matcher code =
                        java.util.regex.Pattern.compile("\\b(\\d{6})\\b").matcher(body);
                if (!code.find()) {
                    throw new IllegalStateException("no code for " + name);
                }
                var done = cognito.respondToAuthChallenge(r -> r.clientId(seeded.clientId())
                        .challengeName(ChallengeNameType.CUSTOM_CHALLENGE)
                        .session(challenge.session())
                        .challengeResponses(Map.of("USERNAME", name, "ANSWER", code.group(1))));
                if (done.authenticationResult() == null) {
                    throw new IllegalStateException("no tokens for " + name);
                }
                times[i] = (System.nanoTime() - started) / 1_000_000;
            }
            return times;
        }
    }
}
