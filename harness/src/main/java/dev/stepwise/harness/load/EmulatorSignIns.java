package dev.stepwise.harness.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.harness.client.DeliveredMessage;
import dev.stepwise.harness.client.HttpMailbox;
import dev.stepwise.harness.emulator.CognitoEmulator;
import dev.stepwise.harness.emulator.Seeded;
import dev.stepwise.harness.emulator.SentEmail;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

/**
 * Full email-code sign-ins against a Stepwise emulator: {@code InitiateAuth} (CUSTOM_AUTH), the code read from the
 * emulator's mailbox, {@code RespondToAuthChallenge}, tokens. The two Cognito calls go over HTTP as Cognito's JSON 1.1
 * protocol, with a lean client so the load generator leaves the CPU to the emulator. Sign-in {@code i} uses user
 * {@code i mod users}, so concurrent sign-ins of one user are rare with enough users.
 *
 * <p>Only loopback endpoints are accepted: this is a tool for a local emulator, not for load on a real pool.
 * Thread-safe.
 */
public final class EmulatorSignIns implements SignInTask, AutoCloseable {
    private static final Pattern CODE = Pattern.compile("\\b(\\d{4,10})\\b");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final String clientId;
    private final int users;
    private final Function<String, String> codes;
    private final AutoCloseable owned;
    private final HttpClient http;

    private EmulatorSignIns(
            URI endpoint, String clientId, int users, Function<String, String> codes, AutoCloseable owned) {
        this.endpoint = endpoint;
        this.clientId = clientId;
        this.users = users;
        this.codes = codes;
        this.owned = owned;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /**
     * The bundled triggers' settings for a load run: policy {@code email_code}, and a per-user hourly send limit high
     * enough for every load user to sign in many times an hour. A load run measures throughput, and with the default
     * of 10 sends per user and hour a few hundred users would be refused within a minute. Every other abuse control
     * stays on, so the load pays for their state-table calls as a deployment does.
     */
    public static final Map<String, String> LOAD_TRIGGERS =
            Map.of("STEPWISE_POLICY", "email_code", "STEPWISE_SENDS_PER_HOUR", "1000");

    /**
     * Starts an emulator in this process with the bundled triggers ({@link #LOAD_TRIGGERS}), seeds its demo pool and
     * creates {@code users} users with verified emails. {@link #close()} stops it.
     */
    public static EmulatorSignIns inProcess(int users) {
        return inProcess(users, LOAD_TRIGGERS);
    }

    /**
     * Like {@link #inProcess(int)}, with these settings for the bundled triggers (they must ask for an email code), e.g.
     * to compare a run with the abuse controls off.
     */
    public static EmulatorSignIns inProcess(int users, Map<String, String> triggers) {
        CognitoEmulator emulator = CognitoEmulator.builder()
                .bundledTriggers(triggers)
                .functionLog(line -> {})
                .start();
        try {
            Seeded seeded = emulator.seed();
            createUsers(emulator.endpoint(), seeded.userPoolId(), users);
            return new EmulatorSignIns(
                    emulator.endpoint(), seeded.clientId(), users, address -> lastCode(emulator, address), emulator);
        } catch (RuntimeException e) {
            emulator.close();
            throw e;
        }
    }

    /**
     * Signs in against an emulator already running at {@code endpoint} (e.g. {@code stepwise emulator --seed}), in
     * the pool and app client given, whose triggers must ask for an email code. Creates the load users in that pool
     * when missing and reads codes from the emulator's mailbox over HTTP ({@code /_aws/ses}; every read lists the whole
     * mailbox, so this mode suits runs of thousands, not millions).
     *
     * @throws IllegalArgumentException when the endpoint is not a loopback {@code http} URL
     */
    public static EmulatorSignIns remote(URI endpoint, String userPoolId, String clientId, int users) {
        requireLoopback(endpoint);
        createUsers(endpoint, userPoolId, users);
        HttpMailbox mailbox = HttpMailbox.at(endpoint, "us-east-1");
        return new EmulatorSignIns(endpoint, clientId, users, address -> remoteCode(mailbox, address), () -> {});
    }

    /**
     * Checks that {@code endpoint} is an {@code http} URL on this machine's loopback interface.
     *
     * @throws IllegalArgumentException when it is not
     */
    public static void requireLoopback(URI endpoint) {
        String host = endpoint.getHost();
        boolean loopback;
        try {
            loopback = host != null && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            loopback = false;
        }
        if (!"http".equals(endpoint.getScheme()) || !loopback) {
            throw new IllegalArgumentException("load runs only against a local emulator: " + endpoint
                    + " is not an http URL on the loopback interface (e.g. http://127.0.0.1:9229)");
        }
    }

    /** The emulator's endpoint. */
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void signIn(long index) throws Exception {
        String username = username(index % users);
        ObjectNode initiate =
                JSON.createObjectNode().put("AuthFlow", "CUSTOM_AUTH").put("ClientId", clientId);
        initiate.putObject("AuthParameters").put("USERNAME", username);
        JsonNode challenge = call("InitiateAuth", initiate);
        String code = codes.apply(username + "@example.com");
        if (code == null) {
            throw new IllegalStateException("no code was sent to " + username);
        }
        ObjectNode respond = JSON.createObjectNode()
                .put("ChallengeName", "CUSTOM_CHALLENGE")
                .put("ClientId", clientId)
                .put("Session", challenge.path("Session").asText());
        respond.putObject("ChallengeResponses").put("USERNAME", username).put("ANSWER", code);
        JsonNode result = call("RespondToAuthChallenge", respond);
        if (!result.path("AuthenticationResult").has("IdToken")) {
            throw new IllegalStateException("no tokens: the sign-in asked for " + result.path("ChallengeName"));
        }
    }

    private JsonNode call(String operation, ObjectNode body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AWSCognitoIdentityProviderService." + operation)
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                .build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        JsonNode json = JSON.readTree(response.body());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(operation + " answered " + response.statusCode() + " "
                    + json.path("__type").asText() + ": " + json.path("message").asText());
        }
        return json;
    }

    private static String remoteCode(HttpMailbox mailbox, String address) {
        // LocalStack's ?email= filter matches the sender, not the recipient, so the recipient is picked here.
        List<DeliveredMessage> emails = mailbox.emails();
        for (int i = emails.size() - 1; i >= 0; i--) {
            if (address.equals(emails.get(i).destination())) {
                return code(emails.get(i).body());
            }
        }
        return null;
    }

    private static String lastCode(CognitoEmulator emulator, String address) {
        List<SentEmail> emails = emulator.mailbox().emailsTo(address);
        return emails.isEmpty() ? null : code(emails.get(emails.size() - 1).textBody());
    }

    private static String code(String body) {
        Matcher matcher = CODE.matcher(body == null ? "" : body);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static String username(long n) {
        return "load-" + n;
    }

    private static void createUsers(URI endpoint, String userPoolId, int users) {
        try (CognitoIdentityProviderClient cognito = CognitoIdentityProviderClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("load", "load")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build()) {
            for (int i = 0; i < users; i++) {
                String name = username(i);
                try {
                    cognito.adminCreateUser(r -> r.userPoolId(userPoolId)
                            .username(name)
                            .messageAction("SUPPRESS")
                            .userAttributes(
                                    a -> a.name("email").value(name + "@example.com"),
                                    a -> a.name("email_verified").value("true")));
                } catch (UsernameExistsException e) {
                    // A second run against the same emulator reuses its users.
                }
            }
        }
    }

    @Override
    public void close() throws Exception {
        owned.close();
    }
}
