package dev.stepwise.harness.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackTargetTest {

    record Request(String method, String path, String authorization, String body) {}

    final List<Request> requests = new CopyOnWriteArrayList<>();
    HttpServer fake;
    URI endpoint;

    @BeforeEach
    void startFakeLocalStack() throws Exception {
        fake = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fake.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            requests.add(new Request(
                    exchange.getRequestMethod(),
                    path,
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    body));
            byte[] reply;
            int status = 200;
            if (path.startsWith("/2015-03-31/functions/")) {
                reply = "{\"Configuration\":{\"State\":\"Active\"}}".getBytes(StandardCharsets.UTF_8);
            } else if (path.startsWith("/2015-03-31/functions") || path.startsWith("/v2/email/identities")) {
                reply = "{}".getBytes(StandardCharsets.UTF_8);
            } else {
                status = 400;
                reply = "{\"__type\":\"InvalidParameterException\",\"message\":\"fake\"}"
                        .getBytes(StandardCharsets.UTF_8);
            }
            exchange.sendResponseHeaders(status, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        fake.start();
        endpoint = URI.create("http://127.0.0.1:" + fake.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        fake.stop(0);
    }

    @Test
    void prepare_firstScenarioOfAPolicy_verifiesTheSenderAndDeploysTheThreeHandlersFromTheJar(@TempDir Path dir)
            throws Exception {
        Path jar = Files.write(dir.resolve("functions.jar"), new byte[] {1, 2, 3});
        Scenario scenario = ScenarioLoader.parse(
                "policy: password > email_code\nenvironment: { STEPWISE_MAX_ATTEMPTS: 2 }\n"
                        + "user: { username: ada, email: ada@example.com }\noutcome: DONE\n",
                "ls.yaml",
                "ls");

        ScenarioResult result;
        try (LocalStackTarget target = new LocalStackTarget(endpoint, jar, "http://localstack.internal:4566")) {
            result = ScenarioRunner.create(Duration.ofSeconds(1)).run(scenario, target);
        }

        assertThat(requests.get(0).path()).isEqualTo("/v2/email/identities");
        assertThat(requests.get(0).authorization()).contains("/us-east-1/ses/aws4_request");
        List<Request> creates = requests.stream()
                .filter(r -> r.method().equals("POST") && r.path().equals("/2015-03-31/functions"))
                .toList();
        assertThat(creates).hasSize(3);
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> functions = creates.stream()
                .map(r -> {
                    try {
                        return json.readTree(r.body());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
        assertThat(functions)
                .extracting(f -> f.path("Handler").asText())
                .containsExactlyInAnyOrder(
                        "dev.stepwise.lambda.DefineAuthChallengeHandler",
                        "dev.stepwise.lambda.CreateAuthChallengeHandler",
                        "dev.stepwise.lambda.VerifyAuthChallengeHandler");
        JsonNode first = functions.get(0);
        assertThat(first.path("Runtime").asText()).isEqualTo("java17");
        assertThat(first.path("Code").path("ZipFile").asText())
                .isEqualTo(Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}));
        JsonNode variables = first.path("Environment").path("Variables");
        assertThat(variables.path("STEPWISE_POLICY").asText()).isEqualTo("password > email_code");
        assertThat(variables.path("STEPWISE_MAX_ATTEMPTS").asText()).isEqualTo("2");
        assertThat(variables.path("STEPWISE_AWS_ENDPOINT").asText()).isEqualTo("http://localstack.internal:4566");
        assertThat(Base64.getDecoder().decode(variables.path("STEPWISE_SECRET").asText()))
                .hasSize(32);
        assertThat(creates.get(0).authorization()).contains("/us-east-1/lambda/aws4_request");
        assertThat(result.differences()).singleElement().asString().startsWith("setting up the pool and user failed:");
    }
}
