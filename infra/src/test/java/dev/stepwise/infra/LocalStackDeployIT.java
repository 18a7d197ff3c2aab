package dev.stepwise.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepwise.harness.client.CodeReader;
import dev.stepwise.harness.client.HttpMailbox;
import dev.stepwise.harness.client.NextStep;
import dev.stepwise.harness.client.SignInClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.sesv2.SesV2Client;

class LocalStackDeployIT {

    private static final String IMAGE = System.getenv().getOrDefault("LOCALSTACK_IMAGE", "localstack/localstack-pro:4");
    private static final String REGION = "us-east-1";
    private static final String SENDER = "no-reply@example.com";
    private static final String USER = "ada@example.com";
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    private static LocalStackContainer localstack;
    private static Map<String, String> cliEnvironment;

    @BeforeAll
    static void deploy() throws Exception {
        String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
        skipUnless(
                token != null && !token.isBlank(),
                "LocalStackDeployIT skipped: LOCALSTACK_AUTH_TOKEN is not set (LocalStack's Cognito is a paid-tier"
                        + " feature; export the token to run this test)");
        skipUnless(
                DockerClientFactory.instance().isDockerAvailable(),
                "LocalStackDeployIT skipped: no Docker engine found (LocalStack and its Lambda containers need one)");
        localstack = new LocalStackContainer(
                        DockerImageName.parse(IMAGE).asCompatibleSubstituteFor("localstack/localstack"))
                .withEnv("LOCALSTACK_AUTH_TOKEN", token)
                .withFileSystemBind("/var/run/docker.sock", "/var/run/docker.sock");
        localstack.start();
        cliEnvironment = Map.of(
                "AWS_ENDPOINT_URL",
                endpoint().toString(),
                "AWS_ACCESS_KEY_ID",
                "test",
                "AWS_SECRET_ACCESS_KEY",
                "test",
                "AWS_REGION",
                REGION,
                "AWS_DEFAULT_REGION",
                REGION,
                "CDK_DEFAULT_ACCOUNT",
                "000000000000",
                "CDK_DEFAULT_REGION",
                REGION,
                "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION",
                "20");
        try (SesV2Client ses = SesV2Client.builder()
                .endpointOverride(endpoint())
                .region(Region.of(REGION))
                .credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            ses.createEmailIdentity(b -> b.emailIdentity(SENDER));
        }
        run("npm", "ci", "--no-audit", "--no-fund");
        run("npx", "cdklocal", "bootstrap", "aws://000000000000/" + REGION);
        run(
                "npx",
                "cdklocal",
                "deploy",
                StepwiseApp.NEW_POOL_STACK,
                "--require-approval",
                "never",
                "--outputs-file",
                "target/localstack-outputs.json",
                "-c",
                "settings=settings/localstack.json");
    }

    @AfterAll
    static void stop() {
        if (localstack != null) {
            localstack.stop();
        }
    }

    @Test
    void deploy_newPool_signsInWithAnEmailCodeThroughTheHarness() throws IOException {
        JsonNode outputs = new ObjectMapper()
                .readTree(Path.of("target/localstack-outputs.json").toFile())
                .path(StepwiseApp.NEW_POOL_STACK);
        String poolId = outputs.path(NewPoolStack.USER_POOL_ID_OUTPUT).asText();
        String clientId = outputs.path(NewPoolStack.CLIENT_ID_OUTPUT).asText();
        try (CognitoIdentityProviderClient cognito = CognitoIdentityProviderClient.builder()
                .endpointOverride(endpoint())
                .region(Region.of(REGION))
                .credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            cognito.adminCreateUser(b -> b.userPoolId(poolId)
                    .username(USER)
                    .messageAction(MessageActionType.SUPPRESS)
                    .userAttributes(a -> a.name("email").value(USER), a -> a.name("email_verified")
                            .value("true")));
        }
        try (SignInClient client = SignInClient.builder()
                .endpoint(endpoint())
                .region(REGION)
                .userPoolId(poolId)
                .clientId(clientId)
                .build()) {
            NextStep first = client.start(USER);
            assertThat(first).isInstanceOf(NextStep.Challenge.class);
            NextStep.Challenge challenge = (NextStep.Challenge) first;
            String code =
                    CodeReader.of(HttpMailbox.at(endpoint(), REGION)).awaitCode(challenge, Duration.ofSeconds(30));

            assertThat(client.answer(challenge, code)).isInstanceOf(NextStep.Done.class);
        }
    }

    private static URI endpoint() {
        return localstack.getEndpoint();
    }

    private static void run(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(command));
        ProcessBuilder process = new ProcessBuilder(line).inheritIO();
        process.environment().putAll(cliEnvironment);
        Process started = process.start();
        if (!started.waitFor(15, TimeUnit.MINUTES) || started.exitValue() != 0) {
            started.destroyForcibly();
            throw new IllegalStateException(String.join(" ", line) + " failed; see its output above");
        }
    }

    private static void skipUnless(boolean condition, String reason) {
        if (!condition) {
            // Failsafe's console shows only "Skipped: 1"; say why where the person running the build looks.
            System.err.println(reason);
        }
        assumeTrue(condition, reason);
    }
}
