package dev.stepwise.bench.floor;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

class SignedCallsHandlerTest {
    private record Received(Map<String, String> headers, String body) {}

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer aws;

    @BeforeEach
    void start() throws IOException {
        aws = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        aws.createContext("/", exchange -> {
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            received.add(new Received(
                    headers, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        aws.start();
    }

    @AfterEach
    void stop() {
        aws.stop(0);
    }

    @Test
    void calls_areSignedAsTheSdkSignsThem() {
        URI endpoint = URI.create("http://127.0.0.1:" + aws.getAddress().getPort());
        Map<String, String> env = Map.of(
                "STEPWISE_AWS_ENDPOINT", endpoint.toString(),
                "AWS_REGION", "eu-west-1",
                "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
                "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                "AWS_SESSION_TOKEN", "session",
                "STEPWISE_SECRET_ARN", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:s",
                "STEPWISE_STATE_TABLE", "state");

        Map<String, Object> answer = new SignedCallsHandler(env)
                .handleRequest(new HashMap<>(Map.of("userPoolId", "eu-west-1_P", "userName", "alice")), null);

        assertThat(answer).containsEntry("status", 200);
        assertThat(received).hasSize(3);
        assertThat(received)
                .extracting(r -> r.headers().get("x-amz-target"))
                .containsExactly(
                        "secretsmanager.GetSecretValue", "secretsmanager.GetSecretValue", "DynamoDB_20120810.GetItem");
        for (Received request : received) {
            String service = request.headers().get("x-amz-target").startsWith("Dynamo") ? "dynamodb" : "secretsmanager";
            assertThat(request.headers().get("authorization")).isEqualTo(sdkAuthorization(endpoint, service, request));
        }
    }

    private static String sdkAuthorization(URI endpoint, String service, Received request) {
        Instant at = LocalDateTime.parse(
                        request.headers().get("x-amz-date"), DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"))
                .toInstant(ZoneOffset.UTC);
        SdkHttpRequest http = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint)
                .putHeader("Content-Type", request.headers().get("content-type"))
                .putHeader("X-Amz-Target", request.headers().get("x-amz-target"))
                .build();
        return AwsV4HttpSigner.create()
                .sign(r -> r.identity(AwsSessionCredentialsIdentity.create(
                                "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "session"))
                        .request(http)
                        .payload(ContentStreamProvider.fromUtf8String(request.body()))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
                        .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)))
                .request()
                .firstMatchingHeader("Authorization")
                .orElseThrow();
    }
}
