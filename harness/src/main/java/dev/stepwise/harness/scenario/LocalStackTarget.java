package dev.stepwise.harness.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.harness.client.HttpMailbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/**
 * Runs scenarios on LocalStack (Cognito is in its paid tier): the three Stepwise handlers are deployed from the
 * shaded functions jar as Lambda functions, once per distinct policy and environment, and each scenario gets a new
 * pool wired to them, a client and its user. Codes are read from LocalStack's {@code /_aws/ses} and
 * {@code /_aws/sns/sms-messages}.
 *
 * <p>Lambda and SES are called over their REST APIs with a dummy {@code Authorization} header that only names the
 * service (LocalStack routes by it and checks no signature), so the harness needs no Lambda SDK. Not thread-safe.
 */
public final class LocalStackTarget implements ScenarioTarget {

    /** Where the functions, inside their Lambda containers, reach LocalStack's SES and SNS. */
    public static final String DEFAULT_INTERNAL_ENDPOINT = "http://localhost.localstack.cloud:4566";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REGION = "us-east-1";
    private static final String ACCOUNT = "000000000000";
    private static final String SENDER = "no-reply@stepwise.example.com";
    private static final Map<String, String> HANDLERS = Map.of(
            "define", dev.stepwise.lambda.DefineAuthChallengeHandler.class.getName(),
            "create", dev.stepwise.lambda.CreateAuthChallengeHandler.class.getName(),
            "verify", dev.stepwise.lambda.VerifyAuthChallengeHandler.class.getName());

    private final URI endpoint;
    private final Path functionsJar;
    private final String internalEndpoint;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final CognitoIdentityProviderClient cognito;
    private final HttpMailbox mailbox;
    private final Map<Map<String, String>, String> deployed = new HashMap<>();
    private final String secret;
    private boolean senderVerified;

    /**
     * LocalStack at {@code endpoint}, deploying the handlers from {@code functionsJar}
     * ({@code functions/target/stepwise-functions-<version>-lambda.jar}).
     *
     * @param internalEndpoint how the functions reach LocalStack from their containers; null for
     *     {@link #DEFAULT_INTERNAL_ENDPOINT}
     */
    public LocalStackTarget(URI endpoint, Path functionsJar, String internalEndpoint) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.functionsJar = Objects.requireNonNull(functionsJar, "functionsJar");
        if (!Files.isRegularFile(functionsJar)) {
            throw new IllegalArgumentException("functions jar " + functionsJar
                    + " does not exist; build it with ./mvnw -pl functions package -DskipTests");
        }
        this.internalEndpoint = internalEndpoint == null ? DEFAULT_INTERNAL_ENDPOINT : internalEndpoint;
        this.cognito = CognitoIdentityProviderClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        this.mailbox = HttpMailbox.at(endpoint, REGION);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.secret = Base64.getEncoder().encodeToString(key);
    }

    @Override
    public String name() {
        return "localstack";
    }

    @Override
    public ScenarioEnvironment prepare(Scenario scenario) {
        if (scenario.user().backupCodes() > 0 || needsStateTable(scenario.policy())) {
            throw new ScenarioSkippedException("this target deploys no state table yet (choices, TOTP, backup codes and"
                    + " email links need one); run it on the emulator, or on a pool deployed with the CDK app");
        }
        Map<String, String> environment = new TreeMap<>(scenario.environment());
        environment.put("STEPWISE_POLICY", scenario.policy());
        String prefix = deployed.computeIfAbsent(environment, this::deploy);
        String arn = "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + prefix;
        PoolProvisioner pools = new PoolProvisioner(cognito);
        String poolId = pools.pool("scenario", arn + "define", arn + "create", arn + "verify");
        String clientId = pools.client(poolId, scenario.preventUserExistenceErrors());
        pools.user(poolId, scenario.user());
        mailbox.clear();
        return new ScenarioEnvironment(endpoint, REGION, poolId, clientId, mailbox, List.of(), false);
    }

    static boolean needsStateTable(String policy) {
        return policy.contains("|")
                || policy.contains("totp")
                || policy.contains("backup_code")
                || policy.contains("email_link");
    }

    private String deploy(Map<String, String> scenarioEnvironment) {
        verifySender();
        String prefix = "stepwise-scn-" + hash(scenarioEnvironment.toString()) + "-";
        Map<String, String> variables = new TreeMap<>(scenarioEnvironment);
        variables.putIfAbsent("STEPWISE_SECRET", secret);
        variables.putIfAbsent("STEPWISE_EMAIL_FROM", SENDER);
        variables.putIfAbsent("STEPWISE_AWS_ENDPOINT", internalEndpoint);
        String code = zipFile();
        HANDLERS.forEach((suffix, handler) -> {
            ObjectNode request = JSON.createObjectNode();
            request.put("FunctionName", prefix + suffix);
            request.put("Runtime", "java17");
            request.put("Role", "arn:aws:iam::" + ACCOUNT + ":role/stepwise-scenarios");
            request.put("Handler", handler); // the class alone: Lambda serves it as a RequestStreamHandler
            request.put("Timeout", 30);
            request.put("MemorySize", 1024);
            request.putObject("Code").put("ZipFile", code);
            ObjectNode vars = request.putObject("Environment").putObject("Variables");
            variables.forEach(vars::put);
            call("lambda", "POST", "/2015-03-31/functions", request.toString());
        });
        for (String suffix : HANDLERS.keySet()) {
            awaitActive(prefix + suffix);
        }
        return prefix;
    }

    private void verifySender() {
        if (!senderVerified) {
            call("ses", "POST", "/v2/email/identities", "{\"EmailIdentity\":\"" + SENDER + "\"}");
            senderVerified = true;
        }
    }

    private void awaitActive(String function) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            JsonNode state = call("lambda", "GET", "/2015-03-31/functions/" + function, null)
                    .path("Configuration")
                    .path("State");
            if ("Active".equals(state.asText())) {
                return;
            }
            if ("Failed".equals(state.asText())) {
                throw new IllegalStateException("LocalStack could not create the function " + function);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + function, e);
            }
        }
        throw new IllegalStateException(function + " did not become Active within 3 minutes");
    }

    private String zipFile() {
        try {
            return Base64.getEncoder().encodeToString(Files.readAllBytes(functionsJar));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + functionsJar, e);
        }
    }

    private JsonNode call(String service, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(path))
                .timeout(Duration.ofMinutes(2))
                // LocalStack picks the service from the credential scope and verifies no signature.
                .header(
                        "Authorization",
                        "AWS4-HMAC-SHA256 Credential=test/20260101/" + REGION + "/" + service
                                + "/aws4_request, SignedHeaders=host, Signature=0")
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " on LocalStack answered HTTP "
                        + response.statusCode() + ": " + response.body());
            }
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot reach LocalStack at " + endpoint + " ("
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                            + "): is it running? Start it with `localstack start` (Docker and LOCALSTACK_AUTH_TOKEN"
                            + " needed for Cognito), or pass --endpoint",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling LocalStack", e);
        }
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JVM", e);
        }
    }

    @Override
    public void close() {
        cognito.close();
    }
}
