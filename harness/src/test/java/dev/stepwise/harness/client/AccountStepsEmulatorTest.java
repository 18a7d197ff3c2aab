package dev.stepwise.harness.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.harness.emulator.CognitoEmulator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;

class AccountStepsEmulatorTest {

    private static final String PASSWORD = "Passw0rd!";
    private static final String NEW_PASSWORD = "N3w-Passw0rd!";
    private static CognitoEmulator emulator;
    private static CognitoIdentityProviderClient cognito;
    private static SignInClient client;
    private static String poolId;

    @BeforeAll
    static void start() {
        emulator = CognitoEmulator.builder().functionLog(line -> {}).start();
        cognito = CognitoIdentityProviderClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        poolId = cognito.createUserPool(r -> r.poolName("accounts").autoVerifiedAttributes(VerifiedAttributeType.EMAIL))
                .userPool()
                .id();
        String clientId = cognito.createUserPoolClient(r -> r.userPoolId(poolId)
                        .clientName("accounts")
                        .explicitAuthFlows(
                                ExplicitAuthFlowsType.ALLOW_USER_SRP_AUTH,
                                ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                .userPoolClient()
                .clientId();
        client = SignInClient.builder()
                .endpoint(emulator.endpoint())
                .region("us-east-1")
                .userPoolId(poolId)
                .clientId(clientId)
                .build();
    }

    @AfterAll
    static void stop() {
        client.close();
        cognito.close();
        emulator.close();
    }

    private static String code(String address) {
        List<dev.stepwise.harness.emulator.SentEmail> emails =
                emulator.mailbox().emailsTo(address);
        Matcher m = Pattern.compile("\\b(\\d{6})\\b")
                .matcher(emails.get(emails.size() - 1).textBody());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void signUp_codeSent_confirmSignUp_thenSignIn() {
        AccountStep signedUp = client.signUp("ana", PASSWORD, Map.of("email", "ana@example.com"));

        assertThat(signedUp).isEqualTo(new AccountStep.CodeSent(new CodeDeliveryDetails("EMAIL", "a***@e***")));
        assertThat(client.confirmSignUp("ana", "not-it"))
                .isEqualTo(new AccountStep.Failed(
                        "CodeMismatchException", "Invalid verification code provided, please try again."));
        assertThat(client.confirmSignUp("ana", code("ana@example.com"))).isEqualTo(new AccountStep.Done(true));
        assertThat(client.start(SignInFlow.USER_SRP_AUTH, "ana", PASSWORD)).isInstanceOf(NextStep.Done.class);
    }

    @Test
    void signUp_takenUsername_failsWithUsernameExists() {
        client.signUp("ben", PASSWORD, Map.of("email", "ben@example.com"));

        assertThat(client.signUp("ben", PASSWORD, Map.of("email", "ben@example.com")))
                .isEqualTo(new AccountStep.Failed("UsernameExistsException", "User account already exists"));
    }

    @Test
    void resetPassword_codeThenNewPassword_signsInWithIt() {
        client.signUp("cleo", PASSWORD, Map.of("email", "cleo@example.com"));
        client.confirmSignUp("cleo", code("cleo@example.com"));

        AccountStep sent = client.resetPassword("cleo");
        AccountStep done = client.confirmResetPassword("cleo", code("cleo@example.com"), NEW_PASSWORD);

        assertThat(sent).isInstanceOf(AccountStep.CodeSent.class);
        assertThat(done).isEqualTo(new AccountStep.Done(true));
        assertThat(client.start(SignInFlow.USER_SRP_AUTH, "cleo", NEW_PASSWORD)).isInstanceOf(NextStep.Done.class);
        assertThat(client.start(SignInFlow.USER_SRP_AUTH, "cleo", PASSWORD)).isInstanceOf(NextStep.Failed.class);
    }

    @Test
    void newPasswordRequired_temporaryPassword_isAChallengeAnsweredWithTheNewPassword() {
        cognito.adminCreateUser(r -> r.userPoolId(poolId)
                .username("dave")
                .temporaryPassword(PASSWORD)
                .messageAction(MessageActionType.SUPPRESS)
                .userAttributes(a -> a.name("email").value("dave@example.com")));

        NextStep first = client.start(SignInFlow.USER_SRP_AUTH, "dave", PASSWORD);

        assertThat(first).isInstanceOf(NextStep.Challenge.class);
        NextStep.Challenge challenge = (NextStep.Challenge) first;
        assertThat(challenge.step()).isEqualTo(SignInStep.CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED);
        assertThat(client.answer(challenge, NEW_PASSWORD)).isInstanceOf(NextStep.Done.class);
        assertThat(client.start(SignInFlow.USER_SRP_AUTH, "dave", NEW_PASSWORD)).isInstanceOf(NextStep.Done.class);
    }
}
