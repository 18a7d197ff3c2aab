package dev.stepwise.harness.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import dev.stepwise.harness.client.CodeReader;
import dev.stepwise.harness.client.HttpMailbox;
import dev.stepwise.harness.client.NextStep;
import dev.stepwise.harness.client.SignInClient;
import dev.stepwise.harness.client.SignInFlow;
import dev.stepwise.harness.client.Tokens;
import dev.stepwise.lambda.SignInFailedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LambdaConfigType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PreTokenGenerationLambdaVersionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PreventUserExistenceErrorTypes;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserLambdaValidationException;

class TokenGuardEmulatorTest {
    private static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:";
    private static final String PASSWORD = "Corr3ct-Horse!";
    private static final String REFUSED = "PreTokenGeneration failed with error " + SignInFailedException.MESSAGE;

    private static CognitoEmulator emulator;
    private static CognitoIdentityProviderClient cognito;
    private static String poolId;
    private static String clientId;

    @BeforeAll
    static void start() {
        emulator = CognitoEmulator.builder()
                .bundledTriggers(Map.of("STEPWISE_POLICY", "password > email_code"))
                .functionLog(line -> {})
                .start();
        cognito = EmulatorFixture.client(emulator);
        poolId = cognito.createUserPool(r -> r.poolName("guarded")
                        .lambdaConfig(LambdaConfigType.builder()
                                .defineAuthChallenge(ARN + CognitoEmulator.DEFINE_FUNCTION)
                                .createAuthChallenge(ARN + CognitoEmulator.CREATE_FUNCTION)
                                .verifyAuthChallengeResponse(ARN + CognitoEmulator.VERIFY_FUNCTION)
                                .preTokenGenerationConfig(
                                        c -> c.lambdaArn(ARN + CognitoEmulator.TOKEN_GENERATION_FUNCTION)
                                                .lambdaVersion(PreTokenGenerationLambdaVersionType.V2_0))
                                .build()))
                .userPool()
                .id();
        clientId = cognito.createUserPoolClient(r -> r.userPoolId(poolId)
                        .clientName("misconfigured")
                        .explicitAuthFlows(
                                ExplicitAuthFlowsType.ALLOW_CUSTOM_AUTH,
                                ExplicitAuthFlowsType.ALLOW_USER_SRP_AUTH,
                                ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH,
                                ExplicitAuthFlowsType.ALLOW_ADMIN_USER_PASSWORD_AUTH,
                                ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)
                        .preventUserExistenceErrors(PreventUserExistenceErrorTypes.ENABLED))
                .userPoolClient()
                .clientId();
        cognito.adminCreateUser(r -> r.userPoolId(poolId)
                .username("alice")
                .messageAction(MessageActionType.SUPPRESS)
                .userAttributes(a -> a.name("email").value("alice@example.com"), a -> a.name("email_verified")
                        .value("true")));
        cognito.adminSetUserPassword(
                r -> r.userPoolId(poolId).username("alice").password(PASSWORD).permanent(true));
    }

    @AfterAll
    static void stop() {
        cognito.close();
        emulator.close();
    }

    private static SignInClient client() {
        return SignInClient.builder()
                .endpoint(emulator.endpoint())
                .userPoolId(poolId)
                .clientId(clientId)
                .build();
    }

    private static Tokens stepwiseSignIn() {
        CodeReader codes = CodeReader.of(HttpMailbox.at(emulator.endpoint(), "us-east-1"));
        try (SignInClient client = client()) {
            NextStep next = client.start(SignInFlow.CUSTOM_WITH_SRP, "alice", PASSWORD);
            while (next instanceof NextStep.Challenge challenge) {
                next = client.answer(challenge, codes.awaitCode(challenge, Duration.ofSeconds(10)));
            }
            assertThat(next).isInstanceOf(NextStep.Done.class);
            return ((NextStep.Done) next).tokens();
        }
    }

    private static Map<String, Object> claims(String token) throws Exception {
        return SignedJWT.parse(token).getJWTClaimsSet().getClaims();
    }

    private static RealClientsTest.Result checkFactors(String accessToken, String accepted) throws Exception {
        return RealClientsTest.run(
                List.of("node", "check-factors.mjs"),
                Map.of(
                        "ENDPOINT", emulator.endpoint().toString(),
                        "POOL_ID", poolId,
                        "CLIENT_ID", clientId,
                        "ACCESS_TOKEN", accessToken,
                        "ACCEPTED", accepted,
                        "MAX_AGE", "900"),
                RealClientsTest.NODE_DIR);
    }

    @Test
    void stepwiseSignIn_guardOn_tokensCarryTheFactorClaims() throws Exception {
        Tokens tokens = stepwiseSignIn();

        for (String token : List.of(tokens.idToken(), tokens.accessToken())) {
            assertThat(claims(token))
                    .containsEntry("stepwise:amr", "pwd otp mfa")
                    .containsKey("stepwise:last_step_at")
                    .doesNotContainKey("stepwise:device");
        }
    }

    @Test
    void stepwiseSignIn_thenPasswordOnly_theMarkWorksOnce() {
        stepwiseSignIn();

        assertThatThrownBy(() -> cognito.initiateAuth(r -> r.clientId(clientId)
                        .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                        .authParameters(Map.of("USERNAME", "alice", "PASSWORD", PASSWORD))))
                .isInstanceOf(UserLambdaValidationException.class)
                .hasMessageContaining(REFUSED);
    }

    @Test
    void refresh_afterStepwiseSignIn_tokensWithoutFactorClaims() throws Exception {
        Tokens tokens = stepwiseSignIn();

        var refreshed = cognito.initiateAuth(r -> r.clientId(clientId)
                        .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                        .authParameters(Map.of("REFRESH_TOKEN", tokens.refreshToken())))
                .authenticationResult();

        assertThat(refreshed.idToken()).isNotNull();
        assertThat(claims(refreshed.accessToken())).doesNotContainKey("stepwise:amr");
    }

    @Test
    void awsJwtVerify_factorCheckOfTheDocs_passesForOtpRefusesForPasskeys() throws Exception {
        RealClientsTest.requireTool("node");
        Tokens tokens = stepwiseSignIn();

        RealClientsTest.Result otp = checkFactors(tokens.accessToken(), "otp hwk swk");
        RealClientsTest.Result passkey = checkFactors(tokens.accessToken(), "hwk swk");

        assertThat(otp.exitCode()).as(otp.stderr()).isZero();
        JsonNode result = new ObjectMapper().readTree(otp.stdout().strip());
        assertThat(result.path("amr").toString()).isEqualTo("[\"pwd\",\"otp\",\"mfa\"]");
        assertThat(passkey.exitCode()).isEqualTo(1);
        assertThat(passkey.stderr()).contains("step up: sign in with a stronger factor");
    }

    @Test
    void userPasswordAuth_clientAllowsIt_noTokens() {
        assertThatThrownBy(() -> cognito.initiateAuth(r -> r.clientId(clientId)
                        .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                        .authParameters(Map.of("USERNAME", "alice", "PASSWORD", PASSWORD))))
                .isInstanceOf(UserLambdaValidationException.class)
                .hasMessageContaining(REFUSED);
    }

    @Test
    void adminUserPasswordAuth_clientAllowsIt_noTokens() {
        assertThatThrownBy(() -> cognito.adminInitiateAuth(r -> r.userPoolId(poolId)
                        .clientId(clientId)
                        .authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH)
                        .authParameters(Map.of("USERNAME", "alice", "PASSWORD", PASSWORD))))
                .isInstanceOf(UserLambdaValidationException.class)
                .hasMessageContaining(REFUSED);
    }

    @Test
    void userSrpAuth_clientAllowsIt_noTokens() {
        try (SignInClient client = client()) {
            NextStep outcome = client.start(SignInFlow.USER_SRP_AUTH, "alice", PASSWORD);

            assertThat(outcome).isInstanceOfSatisfying(NextStep.TriggerError.class, error -> assertThat(error.message())
                    .contains(REFUSED));
        }
    }

    @Test
    void awsCli_userPasswordAuth_noTokens() throws Exception {
        RealClientsTest.requireTool("aws");
        List<String> command = new ArrayList<>(List.of(
                "aws",
                "cognito-idp",
                "initiate-auth",
                "--client-id",
                clientId,
                "--auth-flow",
                "USER_PASSWORD_AUTH",
                "--auth-parameters",
                "USERNAME=alice,PASSWORD=" + PASSWORD,
                "--endpoint-url",
                emulator.endpoint().toString(),
                "--no-sign-request"));

        RealClientsTest.Result result = RealClientsTest.run(
                command,
                Map.of(
                        "AWS_DEFAULT_REGION", "us-east-1",
                        "AWS_CONFIG_FILE", "/dev/null",
                        "AWS_SHARED_CREDENTIALS_FILE", "/dev/null",
                        "AWS_EC2_METADATA_DISABLED", "true"),
                null);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("UserLambdaValidationException").contains(REFUSED);
        assertThat(result.stdout()).doesNotContain("IdToken");
    }
}
