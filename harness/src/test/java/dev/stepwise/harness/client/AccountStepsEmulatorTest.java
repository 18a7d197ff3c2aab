package dev.stepwise.harness.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.harness.emulator.Mailbox;
import dev.stepwise.harness.junit.StepwiseEmulator;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

@StepwiseEmulator
class AccountStepsEmulatorTest {

    private static final String PASSWORD = AccountPool.PASSWORD;
    private static final String NEW_PASSWORD = "N3w-Passw0rd!";
    private static Mailbox mailbox;
    private static AccountPool pool;
    private static CognitoIdentityProviderClient cognito;
    private static SignInClient client;
    private static String poolId;

    @BeforeAll
    static void start(URI endpoint, Mailbox mailbox) {
        AccountStepsEmulatorTest.mailbox = mailbox;
        pool = AccountPool.create(endpoint, "accounts");
        cognito = pool.cognito();
        poolId = pool.poolId();
        client = SignInClient.builder()
                .endpoint(endpoint)
                .region("us-east-1")
                .userPoolId(poolId)
                .clientId(pool.clientId())
                .build();
    }

    @AfterAll
    static void stop() {
        client.close();
        pool.close();
    }

    private static String code(String address) {
        List<dev.stepwise.harness.emulator.SentEmail> emails = mailbox.emailsTo(address);
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
        pool.userWithTemporaryPassword("dave");

        NextStep first = client.start(SignInFlow.USER_SRP_AUTH, "dave", PASSWORD);

        assertThat(first).isInstanceOf(NextStep.Challenge.class);
        NextStep.Challenge challenge = (NextStep.Challenge) first;
        assertThat(challenge.step()).isEqualTo(SignInStep.CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED);
        assertThat(client.answer(challenge, NEW_PASSWORD)).isInstanceOf(NextStep.Done.class);
        assertThat(client.start(SignInFlow.USER_SRP_AUTH, "dave", NEW_PASSWORD)).isInstanceOf(NextStep.Done.class);
    }
}
