package dev.stepwise.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.audit.AuditOptions;
import dev.stepwise.audit.AuditReport;
import dev.stepwise.audit.Finding;
import dev.stepwise.audit.PoolAudit;
import dev.stepwise.harness.cli.StepwiseCommand;
import dev.stepwise.harness.client.CodeReader;
import dev.stepwise.harness.client.HttpMailbox;
import dev.stepwise.harness.client.NextStep;
import dev.stepwise.harness.client.SignInClient;
import dev.stepwise.harness.client.SignInFlow;
import dev.stepwise.harness.emulator.CognitoEmulator;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/** The user pool and app client exactly as the new-pool stack configures them, created on the emulator. */
class DeployedPoolEmulatorTest {

    private static final String POLICY = "password > email_code";
    private static final String EMAIL = "bob@example.com";
    private static final String PASSWORD = "Correct-Horse-7-Battery!";
    private static final String FUNCTION = "arn:aws:lambda:us-east-1:000000000000:function:";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static CognitoEmulator emulator;
    private static String poolId;
    private static String clientId;
    private static ObjectNode template;

    @BeforeAll
    static void deployAsTheStackDoes() throws Exception {
        Synth synth = Synth.app(Map.of("mode", "new", "policy", POLICY, "senderAddress", "no-reply@example.com"));
        emulator = CognitoEmulator.builder()
                .bundledTriggers(Map.of("STEPWISE_POLICY", POLICY))
                .functionLog(line -> {})
                .start();

        ObjectNode pool = (ObjectNode) JSON.valueToTree(Synth.properties(synth.template()
                .findResources("AWS::Cognito::UserPool")
                .values()
                .iterator()
                .next()));
        pool.put("PoolName", "deployed");
        pool.set("LambdaConfig", bundled((ObjectNode) pool.path("LambdaConfig")));
        poolId = call("CreateUserPool", pool).path("UserPool").path("Id").asText();

        ObjectNode client = (ObjectNode) JSON.valueToTree(Synth.properties(synth.template()
                .findResources("AWS::Cognito::UserPoolClient")
                .values()
                .iterator()
                .next()));
        client.put("UserPoolId", poolId);
        client.put("ClientName", "app");
        clientId = call("CreateUserPoolClient", client)
                .path("UserPoolClient")
                .path("ClientId")
                .asText();

        template = client;

        ObjectNode user = JSON.createObjectNode();
        user.put("UserPoolId", poolId).put("Username", EMAIL).put("MessageAction", "SUPPRESS");
        user.putArray("UserAttributes")
                .add(JSON.createObjectNode().put("Name", "email").put("Value", EMAIL))
                .add(JSON.createObjectNode().put("Name", "email_verified").put("Value", "true"));
        call("AdminCreateUser", user);
        call(
                "AdminSetUserPassword",
                JSON.createObjectNode()
                        .put("UserPoolId", poolId)
                        .put("Username", EMAIL)
                        .put("Password", PASSWORD)
                        .put("Permanent", true));
    }

    /** The template's LambdaConfig with each trigger pointed at the emulator's bundled function of the same handler. */
    private static ObjectNode bundled(ObjectNode deployed) {
        Map<String, String> functions = Map.of(
                "DefineAuthChallenge", CognitoEmulator.DEFINE_FUNCTION,
                "CreateAuthChallenge", CognitoEmulator.CREATE_FUNCTION,
                "VerifyAuthChallengeResponse", CognitoEmulator.VERIFY_FUNCTION,
                "PostConfirmation", CognitoEmulator.POST_CONFIRMATION_FUNCTION);
        List<String> keys = new ArrayList<>();
        deployed.fieldNames().forEachRemaining(keys::add);
        assertThat(keys)
                .containsExactlyInAnyOrder(
                        "DefineAuthChallenge",
                        "CreateAuthChallenge",
                        "VerifyAuthChallengeResponse",
                        "PostConfirmation",
                        "PreTokenGenerationConfig");
        ObjectNode lambda = JSON.createObjectNode();
        functions.forEach((key, function) -> lambda.put(key, FUNCTION + function));
        lambda.putObject("PreTokenGenerationConfig")
                .put("LambdaArn", FUNCTION + CognitoEmulator.TOKEN_GENERATION_FUNCTION)
                .put(
                        "LambdaVersion",
                        deployed.path("PreTokenGenerationConfig")
                                .path("LambdaVersion")
                                .asText());
        return lambda;
    }

    @AfterAll
    static void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void signin_userSrpAuthOnTheStacksClient_isRefused() {
        Run run = signin(clientId, "USER_SRP_AUTH");

        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(4);
        assertThat(run.out()).doesNotContain("DONE");
    }

    @Test
    void signin_userSrpAuthOnAClientThatAllowsIt_theTokenGuardRefusesTokens() throws Exception {
        ObjectNode before = template.deepCopy();
        before.put("ClientName", "as-before");
        before.putArray("ExplicitAuthFlows")
                .add("ALLOW_CUSTOM_AUTH")
                .add("ALLOW_USER_SRP_AUTH")
                .add("ALLOW_REFRESH_TOKEN_AUTH");
        String passwordClientId = call("CreateUserPoolClient", before)
                .path("UserPoolClient")
                .path("ClientId")
                .asText();

        Run run;
        try {
            run = signin(passwordClientId, "USER_SRP_AUTH");
        } finally {
            call(
                    "DeleteUserPoolClient",
                    JSON.createObjectNode().put("UserPoolId", poolId).put("ClientId", passwordClientId));
        }

        assertThat(run.code()).as(run.out() + run.err()).isNotZero();
        assertThat(run.out() + run.err()).contains("PreTokenGeneration failed").doesNotContain("DONE");
    }

    @Test
    void signin_customWithSrpOnTheStacksClient_needsPasswordAndEmailCode() {
        Run run = signin(
                clientId, "CUSTOM_WITH_SRP", "--mailbox", emulator.endpoint().toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("CONFIRM_SIGN_IN_WITH_PASSWORD")
                .contains("CONFIRM_SIGN_IN_WITH_EMAIL_CODE")
                .contains("DONE");
    }

    @Test
    void audit_poolAsTheStackConfiguresIt_findsNoWayAroundTheTriggersAndNothingAboveLow() {
        try (CognitoIdentityProviderClient cognito = CognitoIdentityProviderClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            AuditReport report = new PoolAudit(cognito).audit(poolId, new AuditOptions(POLICY, null, null, null, true));

            assertThat(report.hasBypass()).isFalse();
            assertThat(report.findings()).extracting(Finding::check).containsExactly("threat-protection");
        }
    }

    @Test
    void guide_createUserCommandsAsWritten_makeAUserWhoSignsInWithPasswordAndCode() throws Exception {
        requireAwsCli();
        String guide = Files.readString(Path.of("../docs/deploy.md"));
        String section = guide.substring(guide.indexOf("### Create a user who can sign in"));
        section = section.substring(0, section.indexOf("\n## "));
        List<String> commands = new ArrayList<>();
        Matcher blocks = Pattern.compile("```sh\n(.*?)```", Pattern.DOTALL).matcher(section);
        while (blocks.find()) {
            String block = blocks.group(1).replace("\\\n", " ");
            for (String line : block.split("\n")) {
                if (line.startsWith("aws cognito-idp ")) {
                    commands.add(line);
                }
            }
        }
        assertThat(commands).hasSize(2);

        for (String command : commands) {
            ProcessBuilder process = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true);
            process.environment()
                    .putAll(Map.of(
                            "POOL", poolId,
                            "AWS_ENDPOINT_URL", emulator.endpoint().toString(),
                            "AWS_ACCESS_KEY_ID", "test",
                            "AWS_SECRET_ACCESS_KEY", "test",
                            "AWS_DEFAULT_REGION", "us-east-1",
                            "AWS_REGION", "us-east-1"));
            Process started = process.start();
            String output = new String(started.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(started.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(started.exitValue()).as(command + "\n" + output).isZero();
        }
        Matcher user = Pattern.compile("--username (\\S+)").matcher(commands.get(0));
        Matcher password = Pattern.compile("--password '([^']+)'").matcher(commands.get(1));
        assertThat(user.find() && password.find()).isTrue();

        try (SignInClient client = SignInClient.builder()
                .endpoint(emulator.endpoint())
                .region("us-east-1")
                .userPoolId(poolId)
                .clientId(clientId)
                .build()) {
            NextStep first = client.start(SignInFlow.CUSTOM_WITH_SRP, user.group(1), password.group(1));
            assertThat(first).isInstanceOf(NextStep.Challenge.class);
            NextStep.Challenge code = (NextStep.Challenge) first;
            assertThat(code.stepName()).isEqualTo("CONFIRM_SIGN_IN_WITH_EMAIL_CODE");
            String sent = CodeReader.of(HttpMailbox.at(emulator.endpoint(), "us-east-1"))
                    .awaitCode(code, Duration.ofSeconds(10));

            assertThat(client.answer(code, sent)).isInstanceOf(NextStep.Done.class);
        }
    }

    private static void requireAwsCli() {
        boolean present = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            present |= Files.isExecutable(Path.of(dir, "aws"));
        }
        if (!present) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("the AWS CLI is not installed; CI=true requires it (.ci/run installs it)");
            }
            Assumptions.abort(
                    "the AWS CLI is not installed: the deploy guide's commands cannot run; skipped outside CI");
        }
    }

    private record Run(int code, String out, String err) {}

    private static Run signin(String client, String flow, String... extra) {
        return signinAs(EMAIL, PASSWORD, client, flow, extra);
    }

    private static Run signinAs(String username, String password, String client, String flow, String... extra) {
        CommandLine cli = StepwiseCommand.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] args = new String[] {
            "signin",
            "--endpoint",
            emulator.endpoint().toString(),
            "--region",
            "us-east-1",
            "--user-pool-id",
            poolId,
            "--client-id",
            client,
            "--username",
            EMAIL,
            "--flow",
            flow,
            "--no-claims"
        };
        String[] all = new String[args.length + extra.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        InputStream in = System.in;
        System.setIn(new ByteArrayInputStream((password + "\n").getBytes(StandardCharsets.UTF_8)));
        try {
            return new Run(cli.execute(all), out.toString(), err.toString());
        } finally {
            System.setIn(in);
        }
    }

    private static JsonNode call(String operation, JsonNode body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(emulator.endpoint() + "/"))
                                .header("Content-Type", "application/x-amz-json-1.1")
                                .header("X-Amz-Target", "AWSCognitoIdentityProviderService." + operation)
                                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError(operation + " failed: " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
