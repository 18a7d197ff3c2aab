package dev.stepwise.harness.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepwise.harness.junit.StepwiseEmulator;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
class RealClientsTest {

    static final Path NODE_DIR = Path.of("src/test/node");

    record Result(int exitCode, String stdout, String stderr) {}

    static Result run(List<String> command, Map<String, String> environment, Path directory)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("stepwise-out", ".txt");
        Path err = Files.createTempFile("stepwise-err", ".txt");
        try {
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command.subList(0, 2)) + " did not finish within 90 s");
            }
            return new Result(
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static void requireTool(String tool) {
        boolean present = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            present |= Files.isExecutable(Path.of(dir, tool));
        }
        if (tool.equals("node")) {
            present &= Files.isDirectory(NODE_DIR.resolve("node_modules/aws-amplify"));
        }
        if (!present) {
            String message = tool + " is not installed (or, for node, harness/src/test/node has no node_modules):"
                    + " the real-client test cannot run";
            if ("true".equals(System.getenv("CI"))) {
                fail(message + "; CI=true requires it");
            }
            Assumptions.abort(message + "; skipped outside CI");
        }
    }

    /** Built by hand: the tests that call this each name their own policy to one shared helper. */
    private static JsonNode amplify(String flow, String policy) throws Exception {
        requireTool("node");
        try (CognitoEmulator emulator = CognitoEmulator.builder()
                .bundledTriggers(Map.of("STEPWISE_POLICY", policy))
                .functionLog(line -> {})
                .start()) {
            Seeded seeded = emulator.seed();
            Result result = run(
                    List.of("node", "emulator-amplify-sign-in.mjs"),
                    Map.of(
                            "ENDPOINT", emulator.endpoint().toString(),
                            "POOL_ID", seeded.userPoolId(),
                            "CLIENT_ID", seeded.clientId(),
                            "USERNAME", seeded.username(),
                            "EMAIL", seeded.email(),
                            "PASSWORD", seeded.password(),
                            "FLOW", flow),
                    NODE_DIR);
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            return new ObjectMapper().readTree(result.stdout().strip());
        }
    }

    @Test
    void amplify_customWithoutSrp_signsInAndTokensVerifyAgainstJwks() throws Exception {
        JsonNode result = amplify("CUSTOM_WITHOUT_SRP", "email_code");

        assertThat(result.path("signedIn").asBoolean()).isTrue();
        assertThat(result.path("challengeStep").asText()).isEqualTo("CONFIRM_SIGN_IN_WITH_EMAIL_CODE");
        assertThat(result.path("username").asText()).isEqualTo("demo");
        assertThat(result.path("idTokenUse").asText()).isEqualTo("id");
        assertThat(result.path("accessTokenUse").asText()).isEqualTo("access");
    }

    @Test
    void amplify_customWithSrp_signsInWithPasswordThenEmailCode() throws Exception {
        JsonNode result = amplify("CUSTOM_WITH_SRP", "password > email_code");

        assertThat(result.path("signedIn").asBoolean()).isTrue();
        assertThat(result.path("steps").get(0).asText()).isEqualTo("CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE");
        assertThat(result.path("steps").get(1).asText()).isEqualTo("DONE");
    }

    @Test
    @StepwiseEmulator
    void amplify_signUpResetPasswordAndNewPasswordRequired_withGroupClaims(CognitoEmulator emulator) throws Exception {
        requireTool("node");
        try (var cognito = EmulatorFixture.client(emulator)) {
            String poolId = cognito.createUserPool(r -> r.poolName("amplify-accounts")
                            .autoVerifiedAttributes(
                                    software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType
                                            .EMAIL))
                    .userPool()
                    .id();
            String clientId = cognito.createUserPoolClient(
                            r -> r.userPoolId(poolId).clientName("amplify"))
                    .userPoolClient()
                    .clientId();
            cognito.adminCreateUser(r -> r.userPoolId(poolId)
                    .username("temporary")
                    .temporaryPassword("Temp-passw0rd")
                    .messageAction("SUPPRESS")
                    .userAttributes(a -> a.name("email").value("temporary@example.com")));
            cognito.createGroup(r -> r.userPoolId(poolId).groupName("admins").precedence(1));
            cognito.createGroup(r -> r.userPoolId(poolId).groupName("staff").precedence(2));
            cognito.adminAddUserToGroup(
                    r -> r.userPoolId(poolId).username("temporary").groupName("staff"));
            cognito.adminAddUserToGroup(
                    r -> r.userPoolId(poolId).username("temporary").groupName("admins"));

            Result result = run(
                    List.of("node", "emulator-amplify-account.mjs"),
                    Map.of(
                            "ENDPOINT", emulator.endpoint().toString(),
                            "POOL_ID", poolId,
                            "CLIENT_ID", clientId,
                            "USERNAME", "amy",
                            "EMAIL", "amy@example.com",
                            "PASSWORD", "Passw0rd!",
                            "NEW_PASSWORD", "N3w-Passw0rd!",
                            "TEMP_USERNAME", "temporary",
                            "TEMP_PASSWORD", "Temp-passw0rd"),
                    NODE_DIR);

            assertThat(result.exitCode()).as(result.stderr()).isZero();
            JsonNode steps = new ObjectMapper().readTree(result.stdout().strip());
            assertThat(steps.path("signUpStep").asText()).isEqualTo("CONFIRM_SIGN_UP");
            assertThat(steps.path("signUpDelivery").asText()).isEqualTo("EMAIL");
            assertThat(steps.path("signUpComplete").asBoolean()).isTrue();
            assertThat(steps.path("passwordSignIn").asBoolean()).isTrue();
            assertThat(steps.path("email").asText()).isEqualTo("amy@example.com");
            assertThat(steps.path("emailVerified").asText()).isEqualTo("true");
            assertThat(steps.path("resetStep").asText()).isEqualTo("CONFIRM_RESET_PASSWORD_WITH_CODE");
            assertThat(steps.path("signInAfterReset").asBoolean()).isTrue();
            assertThat(steps.path("temporaryStep").asText()).isEqualTo("CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED");
            assertThat(steps.path("newPasswordSignIn").asBoolean()).isTrue();
            assertThat(steps.path("idGroups").toString()).isEqualTo("[\"admins\",\"staff\"]");
            assertThat(steps.path("accessGroups").toString()).isEqualTo("[\"admins\",\"staff\"]");
            assertThat(steps.path("username").asText()).isEqualTo("temporary");
        }
    }

    @Test
    @StepwiseEmulator(policy = "email_code")
    void awsCli_initiateAuthThenRespond_signsIn(CognitoEmulator emulator, Seeded seeded) throws Exception {
        requireTool("aws");
        Map<String, String> environment = Map.of(
                "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test",
                "AWS_DEFAULT_REGION", "us-east-1",
                "AWS_CONFIG_FILE", "/dev/null",
                "AWS_SHARED_CREDENTIALS_FILE", "/dev/null",
                "AWS_EC2_METADATA_DISABLED", "true",
                "AWS_PAGER", "");
        List<String> common =
                List.of("--endpoint-url", emulator.endpoint().toString(), "--region", "us-east-1", "--output", "json");
        List<String> initiate = new ArrayList<>(List.of(
                "aws",
                "cognito-idp",
                "initiate-auth",
                "--client-id",
                seeded.clientId(),
                "--auth-flow",
                "CUSTOM_AUTH",
                "--auth-parameters",
                "USERNAME=" + seeded.username()));
        initiate.addAll(common);
        Result started = run(initiate, environment, null);
        assertThat(started.exitCode()).as(started.stderr()).isZero();
        JsonNode challenge = new ObjectMapper().readTree(started.stdout());
        String code = BundledTriggersTest.latestCode(emulator.endpoint(), seeded.email());
        List<String> respond = new ArrayList<>(List.of(
                "aws",
                "cognito-idp",
                "respond-to-auth-challenge",
                "--client-id",
                seeded.clientId(),
                "--challenge-name",
                "CUSTOM_CHALLENGE",
                "--session",
                challenge.path("Session").asText(),
                "--challenge-responses",
                "USERNAME=" + seeded.username() + ",ANSWER=" + code));
        respond.addAll(common);
        Result done = run(respond, environment, null);

        assertThat(challenge.path("ChallengeName").asText()).isEqualTo("CUSTOM_CHALLENGE");
        assertThat(done.exitCode()).as(done.stderr()).isZero();
        assertThat(new ObjectMapper()
                        .readTree(done.stdout())
                        .path("AuthenticationResult")
                        .path("IdToken")
                        .asText())
                .isNotBlank();
    }
}
