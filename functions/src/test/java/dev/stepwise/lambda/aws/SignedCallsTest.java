package dev.stepwise.lambda.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.stepwise.lambda.aws.SignedCalls.Request;
import dev.stepwise.lambda.aws.SignedCalls.Response;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

class SignedCallsTest {
    private static final String KEY_ID = "AKIDEXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    private record Received(String path, Map<String, String> headers, String body) {}

    private record Answer(int status, Map<String, String> headers, String body, long delayMillis) {
        static Answer of(int status, String body) {
            return new Answer(status, Map.of(), body, 0);
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Answer> answers = new ArrayDeque<>();
    private HttpServer aws;
    private URI endpoint;

    @BeforeEach
    void start() throws IOException {
        aws = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        aws.createContext("/", exchange -> {
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            received.add(new Received(
                    exchange.getRequestURI().getPath(),
                    headers,
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            Answer answer;
            synchronized (answers) {
                answer = answers.isEmpty() ? Answer.of(200, "{}") : answers.poll();
            }
            if (answer.delayMillis() > 0) {
                try {
                    Thread.sleep(answer.delayMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            answer.headers()
                    .forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        aws.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        aws.start();
        endpoint = URI.create("http://127.0.0.1:" + aws.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        aws.stop(0);
    }

    private void answer(Answer... queued) {
        synchronized (answers) {
            answers.addAll(List.of(queued));
        }
    }

    private SignedCalls calls(String sessionToken, Duration callTimeout) {
        AwsSettings settings = new AwsSettings(
                "eu-west-1",
                endpoint,
                null,
                Duration.ofSeconds(2),
                Duration.ofSeconds(3),
                callTimeout,
                Duration.ofSeconds(1));
        return new SignedCalls(
                settings,
                () -> new AwsSettings.Credentials(KEY_ID, SECRET, sessionToken),
                new SignedCalls.Network(),
                Clock.systemUTC());
    }

    @Test
    void json_withAndWithoutSessionToken_isSignedAsTheSdkSignsIt() {
        calls("session-token", Duration.ofSeconds(4))
                .json("dynamodb", "DynamoDB_20120810.GetItem", "1.0", "{\"TableName\":\"t\",\"Key\":{\"é\":1}}");
        calls(null, Duration.ofSeconds(4))
                .json("secretsmanager", "secretsmanager.GetSecretValue", "1.1", "{\"SecretId\":\"arn:x\"}");

        assertThat(received).hasSize(2);
        assertThat(received.get(0).headers()).containsEntry("x-amz-security-token", "session-token");
        assertThat(received.get(1).headers()).doesNotContainKey("x-amz-security-token");
        assertThat(received.get(0).headers().get("authorization"))
                .isEqualTo(sdkAuthorization("dynamodb", received.get(0), "session-token"));
        assertThat(received.get(1).headers().get("authorization"))
                .isEqualTo(sdkAuthorization("secretsmanager", received.get(1), null));
    }

    @Test
    void call_withAPath_isSignedAsTheSdkSignsIt() {
        calls(null, Duration.ofSeconds(4))
                .call(
                        "ses",
                        "email",
                        "SendEmail",
                        "/v2/email/outbound-emails",
                        new TreeMap<>(Map.of("content-type", "application/json")),
                        "{\"a\":\"b\"}".getBytes(StandardCharsets.UTF_8),
                        Duration.ofSeconds(1),
                        1);

        assertThat(received.get(0).path()).isEqualTo("/v2/email/outbound-emails");
        assertThat(received.get(0).headers().get("authorization"))
                .isEqualTo(sdkAuthorization("ses", received.get(0), null));
    }

    @Test
    void json_serverErrorsAndThrottling_areTriedAgainUntilAnAnswer() {
        answer(
                Answer.of(500, "{\"__type\":\"InternalServerError\"}"),
                Answer.of(400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ThrottlingException\"}"),
                Answer.of(200, "{\"Item\":{\"pk\":{\"S\":\"p\"}}}"));

        Object answer = calls(null, Duration.ofSeconds(4)).json("dynamodb", "DynamoDB_20120810.GetItem", "1.0", "{}");

        assertThat(answer).isEqualTo(Map.of("Item", Map.of("pk", Map.of("S", "p"))));
        assertThat(received).hasSize(3);
    }

    @Test
    void json_threeServerErrors_failsRetryableAfterThreeAttempts() {
        answer(Answer.of(503, ""), Answer.of(503, ""), Answer.of(503, ""), Answer.of(200, "{}"));

        assertThatThrownBy(() ->
                        calls(null, Duration.ofSeconds(4)).json("dynamodb", "DynamoDB_20120810.GetItem", "1.0", "{}"))
                .isInstanceOfSatisfying(AwsCallException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.retryable()).isTrue();
                });
        assertThat(received).hasSize(3);
    }

    @Test
    void json_clientError_failsAtOnceWithTheCodeAndNeitherTheMessageNorASecret() {
        answer(Answer.of(
                400,
                "{\"__type\":\"com.amazon.coral.validate#ValidationException\","
                        + "\"message\":\"alice@example.com is not valid\"}"));

        assertThatThrownBy(() -> calls("session-token", Duration.ofSeconds(4))
                        .json("dynamodb", "DynamoDB_20120810.PutItem", "1.0", "{\"secret\":\"alice@example.com\"}"))
                .isInstanceOfSatisfying(AwsCallException.class, e -> {
                    assertThat(e.code()).isEqualTo("ValidationException");
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage())
                            .isEqualTo("dynamodb PutItem failed (ValidationException, HTTP 400)")
                            .doesNotContain("alice")
                            .doesNotContain(SECRET)
                            .doesNotContain("session-token");
                });
        assertThat(received).hasSize(1);
    }

    @Test
    void json_noAnswerInTime_givesUpWithinTheCallBudget() {
        answer(new Answer(200, Map.of(), "{}", 5_000), new Answer(200, Map.of(), "{}", 5_000));
        long start = System.nanoTime();

        assertThatThrownBy(() ->
                        calls(null, Duration.ofMillis(600)).json("dynamodb", "DynamoDB_20120810.GetItem", "1.0", "{}"))
                .isInstanceOfSatisfying(AwsCallException.class, e -> {
                    assertThat(e.code()).isEqualTo(SocketTimeoutException.class.getSimpleName());
                    assertThat(e.status()).isZero();
                    assertThat(e.retryable()).isTrue();
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("the read timeout is cut to what is left of the budget, not the 3 s of a read")
                .isLessThan(Duration.ofMillis(2_500));
    }

    @Test
    void json_refusedConnection_isRetryable() {
        aws.stop(0);

        assertThatThrownBy(() ->
                        calls(null, Duration.ofSeconds(1)).json("dynamodb", "DynamoDB_20120810.GetItem", "1.0", "{}"))
                .isInstanceOfSatisfying(
                        AwsCallException.class, e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void failure_readsTheCodeFromTheHeaderTheJsonOrTheXml() {
        assertThat(SignedCalls.failure(
                                "ses",
                                "SendEmail",
                                new Response(
                                        400,
                                        Map.of("x-amzn-errortype", "TooManyRequestsException:http://internal/"),
                                        "{\"message\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                        .describe())
                .isEqualTo("TooManyRequestsException, HTTP 400");
        assertThat(SignedCalls.failure(
                                "sns",
                                "Publish",
                                new Response(
                                        400,
                                        Map.of(),
                                        ("<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code>"
                                                        + "<Message>+15550100</Message></Error></ErrorResponse>")
                                                .getBytes(StandardCharsets.UTF_8)))
                        .retryable())
                .isTrue();
        AwsCallException rejected = SignedCalls.failure(
                "sns",
                "Publish",
                new Response(
                        400,
                        Map.of(),
                        "<ErrorResponse><Error><Code>InvalidParameter</Code></Error></ErrorResponse>"
                                .getBytes(StandardCharsets.UTF_8)));
        assertThat(rejected.code()).isEqualTo("InvalidParameter");
        assertThat(rejected.retryable()).isFalse();
        assertThat(SignedCalls.failure("x", "y", new Response(429, Map.of(), new byte[0]))
                        .retryable())
                .isTrue();
    }

    @Test
    void endpoint_withoutOverride_isTheRegionalOne() {
        List<URI> sent = new CopyOnWriteArrayList<>();
        SignedCalls.Transport recording = (Request request, Duration connect, Duration read) -> {
            sent.add(request.uri());
            assertThat(request.headers().get("host")).isEqualTo(request.uri().getHost());
            return new Response(200, Map.of(), "{}".getBytes(StandardCharsets.UTF_8));
        };
        for (String region : new String[] {"eu-west-1", "cn-north-1"}) {
            new SignedCalls(
                            AwsSettings.forFunctions(region, null, null),
                            () -> new AwsSettings.Credentials(KEY_ID, SECRET, null),
                            recording,
                            Clock.systemUTC())
                    .json("dynamodb", "DynamoDB_20120810.GetItem", "1.0", "{}");
        }

        assertThat(sent)
                .containsExactly(
                        URI.create("https://dynamodb.eu-west-1.amazonaws.com/"),
                        URI.create("https://dynamodb.cn-north-1.amazonaws.com.cn/"));
    }

    @Test
    void json_withoutCredentials_failsClosedBeforeSending() {
        SignedCalls none = new SignedCalls(
                AwsSettings.forFunctions("eu-west-1", endpoint, null),
                () -> null,
                new SignedCalls.Network(),
                Clock.systemUTC());

        assertThatThrownBy(() -> none.json("dynamodb", "DynamoDB_20120810.GetItem", "1.0", "{}"))
                .isInstanceOf(dev.stepwise.core.ConfigurationException.class);
        assertThat(received).isEmpty();
    }

    @Test
    void jsonWrite_escapesWhatJsonRequires() {
        String written = Json.write(Map.of("k", List.of("a\"b\\c\n\u0001\u2028😀", 5L, true)));

        assertThat(written).isEqualTo("{\"k\":[\"a\\\"b\\\\c\\n\\u0001\\u2028😀\",5,true]}");
        assertThat(Json.parse(written.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(Map.of("k", List.of("a\"b\\c\n\u0001\u2028😀", "5", true)));
        assertThatThrownBy(() -> Json.write("\ud800")).isInstanceOf(IllegalArgumentException.class);
    }

    private String sdkAuthorization(String service, Received request, String sessionToken) {
        Instant at = LocalDateTime.parse(
                        request.headers().get("x-amz-date"), DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"))
                .toInstant(ZoneOffset.UTC);
        SdkHttpRequest.Builder http = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint.resolve(request.path()))
                .putHeader("Content-Type", request.headers().get("content-type"));
        if (request.headers().containsKey("x-amz-target")) {
            http.putHeader("X-Amz-Target", request.headers().get("x-amz-target"));
        }
        AwsCredentialsIdentity identity = sessionToken == null
                ? AwsCredentialsIdentity.create(KEY_ID, SECRET)
                : AwsSessionCredentialsIdentity.create(KEY_ID, SECRET, sessionToken);
        return AwsV4HttpSigner.create()
                .sign(r -> r.identity(identity)
                        .request(http.build())
                        .payload(ContentStreamProvider.fromUtf8String(request.body()))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
                        .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)))
                .request()
                .firstMatchingHeader("Authorization")
                .orElseThrow();
    }
}
