package dev.stepwise.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class PrimingTest {
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private HttpServer aws;

    @BeforeEach
    void startAws() throws IOException {
        aws = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        aws.createContext("/", exchange -> {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(exchange.getRequestURI().getPath() + " " + target + " " + body);
            byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        aws.start();
    }

    @AfterEach
    void stopAws() {
        aws.stop(0);
    }

    @Test
    void prime_define_decidesAFirstRoundAndIssuesTokensAfterAPassedOne() {
        FunctionWiring wiring = wiring("email_code");

        Priming.forDefine(new DefineAuthChallengeHandler(wiring.defineFlow(), Clock.systemUTC(), lines::add), wiring)
                .prime();

        assertThat(lines).hasSize(2 * Priming.ROUNDS);
        assertThat(lines.stream().filter(line -> line.contains("\"outcome\":\"challenge\"")))
                .hasSize(Priming.ROUNDS);
        assertThat(lines.stream().filter(line -> line.contains("\"outcome\":\"tokens\"")))
                .hasSize(Priming.ROUNDS);
        assertOnlyTheReadOfAKeyThatCannotExist();
    }

    @Test
    void prime_create_sendsThroughTheSesClientWithoutANetworkCall() {
        FunctionWiring wiring = wiring("email_code");

        Priming.forCreate(new CreateAuthChallengeHandler(wiring.createFlow(), Clock.systemUTC(), lines::add), wiring)
                .prime();

        assertThat(lines)
                .hasSize(Priming.ROUNDS)
                .allMatch(line -> line.contains("\"outcome\":\"challenge\"") && line.contains("\"sent\":true"));
        assertOnlyTheReadOfAKeyThatCannotExist();
    }

    @Test
    void prime_createWithSms_sendsThroughTheSnsClientWithoutANetworkCall() {
        FunctionWiring wiring = wiring("phone_code");

        Priming.forCreate(new CreateAuthChallengeHandler(wiring.createFlow(), Clock.systemUTC(), lines::add), wiring)
                .prime();

        assertThat(lines)
                .hasSize(Priming.ROUNDS)
                .allMatch(line -> line.contains("\"factor\":\"phone_code\"") && line.contains("\"sent\":true"));
        assertOnlyTheReadOfAKeyThatCannotExist();
    }

    @Test
    void prime_verify_checksAWrongAndTheRightAnswer() {
        FunctionWiring wiring = wiring("email_code");

        Priming.forVerify(new VerifyAuthChallengeHandler(wiring.verifyFlow(), Clock.systemUTC(), lines::add), wiring)
                .prime();

        assertThat(lines).hasSize(2 * Priming.ROUNDS);
        assertThat(lines.stream().filter(line -> line.contains("\"outcome\":\"wrong\"")))
                .hasSize(Priming.ROUNDS);
        assertThat(lines.stream().filter(line -> line.contains("\"outcome\":\"correct\"")))
                .hasSize(Priming.ROUNDS);
        assertOnlyTheReadOfAKeyThatCannotExist();
    }

    @Test
    @Tag("slow") // the one real read waits out the SDK's retries and their backoff against a closed port
    void prime_withoutANetwork_stillPrimesAndNeverThrows() throws IOException {
        FunctionWiring wiring = wiring("email_code", closedPort());

        Priming.forCreate(new CreateAuthChallengeHandler(wiring.createFlow(), Clock.systemUTC(), lines::add), wiring)
                .prime();

        assertThat(lines).hasSize(Priming.ROUNDS).allMatch(line -> line.contains("\"sent\":true"));
        assertThat(received).isEmpty();
    }

    @Test
    void prime_whenARoundFails_endsQuietly() {
        FunctionWiring wiring = wiring("email_code");
        CreateAuthChallengeHandler refusing =
                new CreateAuthChallengeHandler(wiring.createFlow(), Clock.systemUTC(), line -> {
                    lines.add(line);
                    throw new IllegalStateException("refused");
                });

        Priming.forCreate(refusing, wiring).prime();

        assertThat(lines).hasSize(1);
        assertOnlyTheReadOfAKeyThatCannotExist();
    }

    @Test
    void afterPriming_theClientsGoOverTheNetworkAgain() {
        FunctionWiring wiring = wiring("email_code");
        Priming.forCreate(new CreateAuthChallengeHandler(wiring.createFlow(), Clock.systemUTC(), lines::add), wiring)
                .prime();
        received.clear();

        wiring.stateStore().get("user#pool#alice", "lock", java.time.Instant.now());

        assertThat(received).singleElement().asString().contains("DynamoDB_20120810.GetItem", "user#pool#alice");
    }

    @Test
    void primingEvents_answeredThroughTheJsonEntryPoint_giveEachHandlersResponse() {
        FunctionWiring wiring = wiring("email_code");
        DefineAuthChallengeHandler define =
                new DefineAuthChallengeHandler(wiring.defineFlow(), Clock.systemUTC(), lines::add);
        CreateAuthChallengeHandler create =
                new CreateAuthChallengeHandler(wiring.createFlow(), Clock.systemUTC(), lines::add);
        VerifyAuthChallengeHandler verify =
                new VerifyAuthChallengeHandler(wiring.verifyFlow(), Clock.systemUTC(), lines::add);

        List<Map<String, Object>> answers = new ArrayList<>();
        wiring.offline(() -> {
            answers.add(Priming.answer(define, Priming.defineEvent()));
            answers.add(Priming.answer(create, Priming.createEvent()));
            @SuppressWarnings("unchecked")
            Map<String, String> privateParameters = (Map<String, String>)
                    ((Map<String, Object>) answers.get(1).get("response")).get("privateChallengeParameters");
            answers.add(Priming.answer(verify, Priming.verifyEvent(privateParameters, "not the code")));
        });
        Map<String, Object> defined = answers.get(0);
        Map<String, Object> created = answers.get(1);
        Map<String, Object> verified = answers.get(2);

        assertThat(defined)
                .containsEntry("userPoolId", Priming.POOL)
                .containsEntry("triggerSource", "DefineAuthChallenge_Authentication");
        assertThat(defined.get("response"))
                .isEqualTo(
                        Map.of("challengeName", "CUSTOM_CHALLENGE", "issueTokens", false, "failAuthentication", false));
        assertThat(created.get("response").toString()).contains("factor=email_code");
        assertThat(verified.get("response")).isEqualTo(Map.of("answerCorrect", false));
        assertThat(lines).hasSize(3);
        assertThat(received).isEmpty();
    }

    @Test
    void reseed_trackedGenerator_getsAFreshSeed() {
        List<byte[]> seeds = new ArrayList<>();
        SecureRandom random = Priming.reseededOnRestore(new SecureRandom() {
            @Override
            public synchronized void setSeed(byte[] seed) {
                seeds.add(seed.clone());
                super.setSeed(seed);
            }
        });
        seeds.clear();

        Priming.reseed();

        assertThat(random).isNotNull();
        assertThat(seeds).hasSize(1);
        assertThat(seeds.get(0)).hasSize(32);
    }

    private void assertOnlyTheReadOfAKeyThatCannotExist() {
        assertThat(received)
                .singleElement()
                .asString()
                .contains("DynamoDB_20120810.GetItem", "\"priming#")
                .doesNotContain(Priming.POOL);
    }

    private FunctionWiring wiring(String policy) {
        return wiring(policy, "http://127.0.0.1:" + aws.getAddress().getPort());
    }

    private static FunctionWiring wiring(String policy, String endpoint) {
        Map<String, String> environment = new HashMap<>();
        environment.put("STEPWISE_POLICY", policy);
        environment.put("STEPWISE_SECRET", Base64.getEncoder().encodeToString(new byte[32]));
        environment.put("STEPWISE_EMAIL_FROM", "no-reply@example.com");
        environment.put("STEPWISE_STATE_TABLE", "stepwise-state");
        environment.put("STEPWISE_AWS_ENDPOINT", endpoint);
        environment.put("AWS_REGION", "us-east-1");
        environment.put("AWS_ACCESS_KEY_ID", "AKIDPRIMINGTEST");
        environment.put("AWS_SECRET_ACCESS_KEY", "priming-test-secret");
        return FunctionWiring.from(environment);
    }

    private static String closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }
}
