package dev.stepwise.harness.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostConfirmationEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserLambdaValidationException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;

class PostConfirmationTriggerTest {
    private static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:post-confirmation";
    private static final String PASSWORD = "Passw0rd!";
    private static final String NEW_PASSWORD = "N3w-Passw0rd!";
    private static final Map<String, String> FAIL = Map.of("fail", "yes");

    private static CognitoEmulator emulator;
    private static CognitoIdentityProviderClient cognito;
    private static String poolId;
    private static String clientId;

    /** Records every event; fails when the request's client metadata says {@code fail=yes}. */
    public static final class Recorder
            implements RequestHandler<CognitoUserPoolPostConfirmationEvent, CognitoUserPoolPostConfirmationEvent> {
        static final ConcurrentLinkedQueue<CognitoUserPoolPostConfirmationEvent> EVENTS = new ConcurrentLinkedQueue<>();

        @Override
        public CognitoUserPoolPostConfirmationEvent handleRequest(
                CognitoUserPoolPostConfirmationEvent event, Context context) {
            EVENTS.add(event);
            Map<String, String> metadata = event.getRequest().getClientMetadata();
            if (metadata != null && "yes".equals(metadata.get("fail"))) {
                throw new IllegalStateException("profile store unavailable");
            }
            return event;
        }
    }

    @BeforeAll
    static void start() {
        emulator = CognitoEmulator.builder()
                .function("post-confirmation", Recorder.class.getName(), Map.of())
                .functionLog(line -> {})
                .start();
        cognito = EmulatorFixture.client(emulator);
        poolId = cognito.createUserPool(r -> r.poolName("confirming")
                        .autoVerifiedAttributes(VerifiedAttributeType.EMAIL)
                        .lambdaConfig(l -> l.postConfirmation(ARN)))
                .userPool()
                .id();
        clientId = cognito.createUserPoolClient(r -> r.userPoolId(poolId)
                        .clientName("app")
                        .explicitAuthFlows(
                                ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH,
                                ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                .userPoolClient()
                .clientId();
    }

    @AfterAll
    static void stop() {
        cognito.close();
        emulator.close();
    }

    private static CognitoUserPoolPostConfirmationEvent lastEventFor(String username) {
        List<CognitoUserPoolPostConfirmationEvent> events = Recorder.EVENTS.stream()
                .filter(e -> username.equals(e.getUserName()))
                .toList();
        assertThat(events).isNotEmpty();
        return events.get(events.size() - 1);
    }

    private static long eventsFor(String username) {
        return Recorder.EVENTS.stream()
                .filter(e -> username.equals(e.getUserName()))
                .count();
    }

    private static String lastCode(String address) {
        List<SentEmail> emails = emulator.mailbox().emailsTo(address);
        Matcher code = Pattern.compile("\\b(\\d{6})\\b")
                .matcher(emails.get(emails.size() - 1).textBody());
        assertThat(code.find()).isTrue();
        return code.group(1);
    }

    private static void signUp(String username) {
        cognito.signUp(
                r -> r.clientId(clientId).username(username).password(PASSWORD).userAttributes(a -> a.name("email")
                        .value(username + "@example.com")));
    }

    private static void confirmedUser(String username) {
        cognito.adminCreateUser(r -> r.userPoolId(poolId)
                .username(username)
                .messageAction(MessageActionType.SUPPRESS)
                .userAttributes(a -> a.name("email").value(username + "@example.com"), a -> a.name("email_verified")
                        .value("true")));
        cognito.adminSetUserPassword(
                r -> r.userPoolId(poolId).username(username).password(PASSWORD).permanent(true));
    }

    private static boolean signsInWith(String username, String password) {
        try {
            return cognito.initiateAuth(r -> r.clientId(clientId)
                                    .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                                    .authParameters(Map.of("USERNAME", username, "PASSWORD", password)))
                            .authenticationResult()
                    != null;
        } catch (software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException e) {
            return false;
        }
    }

    @Test
    void confirmSignUp_runsWithTheClientTheConfirmedUserAndTheMetadata() {
        signUp("ana");

        cognito.confirmSignUp(r -> r.clientId(clientId)
                .username("ana")
                .confirmationCode(lastCode("ana@example.com"))
                .clientMetadata(Map.of("plan", "pro")));

        CognitoUserPoolPostConfirmationEvent event = lastEventFor("ana");
        assertThat(event.getTriggerSource()).isEqualTo("PostConfirmation_ConfirmSignUp");
        assertThat(event.getUserPoolId()).isEqualTo(poolId);
        assertThat(event.getCallerContext().getClientId()).isEqualTo(clientId);
        assertThat(event.getRequest().getUserAttributes())
                .containsEntry("cognito:user_status", "CONFIRMED")
                .containsEntry("email_verified", "true")
                .containsKey("sub");
        assertThat(event.getRequest().getClientMetadata()).containsExactly(Map.entry("plan", "pro"));
    }

    @Test
    void adminConfirmSignUp_runsWithoutAnAppClient() {
        signUp("ben");

        cognito.adminConfirmSignUp(r -> r.userPoolId(poolId).username("ben"));

        CognitoUserPoolPostConfirmationEvent event = lastEventFor("ben");
        assertThat(event.getTriggerSource()).isEqualTo("PostConfirmation_ConfirmSignUp");
        assertThat(event.getCallerContext().getClientId()).isEqualTo("CLIENT_ID_NOT_APPLICABLE");
        assertThat(event.getRequest().getClientMetadata()).isNull();
    }

    @Test
    void confirmForgotPassword_runsAsAPasswordReset() {
        confirmedUser("cleo");
        cognito.forgotPassword(r -> r.clientId(clientId).username("cleo"));

        cognito.confirmForgotPassword(r -> r.clientId(clientId)
                .username("cleo")
                .confirmationCode(lastCode("cleo@example.com"))
                .password(NEW_PASSWORD));

        CognitoUserPoolPostConfirmationEvent event = lastEventFor("cleo");
        assertThat(event.getTriggerSource()).isEqualTo("PostConfirmation_ConfirmForgotPassword");
        assertThat(event.getCallerContext().getClientId()).isEqualTo(clientId);
        assertThat(signsInWith("cleo", NEW_PASSWORD)).isTrue();
    }

    @Test
    void adminCreateUserAndSetPassword_doNotRunIt() {
        confirmedUser("dan");

        assertThat(eventsFor("dan")).isZero();
    }

    @Test
    void confirmSignUp_triggerFails_userStaysUnconfirmed() {
        signUp("eve");
        String code = lastCode("eve@example.com");

        assertThatThrownBy(() -> cognito.confirmSignUp(r -> r.clientId(clientId)
                        .username("eve")
                        .confirmationCode(code)
                        .clientMetadata(FAIL)))
                .isInstanceOf(UserLambdaValidationException.class)
                .hasMessageContaining("PostConfirmation failed with error profile store unavailable.");
        assertThat(cognito.adminGetUser(r -> r.userPoolId(poolId).username("eve"))
                        .userStatusAsString())
                .isEqualTo("UNCONFIRMED");
    }

    @Test
    void adminConfirmSignUp_triggerFails_userStaysUnconfirmed() {
        signUp("fay");

        assertThatThrownBy(() -> cognito.adminConfirmSignUp(
                        r -> r.userPoolId(poolId).username("fay").clientMetadata(FAIL)))
                .isInstanceOf(UserLambdaValidationException.class);
        assertThat(cognito.adminGetUser(r -> r.userPoolId(poolId).username("fay"))
                        .userStatusAsString())
                .isEqualTo("UNCONFIRMED");
    }

    @Test
    void confirmForgotPassword_triggerFails_oldPasswordStays() {
        confirmedUser("gus");
        cognito.forgotPassword(r -> r.clientId(clientId).username("gus"));
        String code = lastCode("gus@example.com");

        assertThatThrownBy(() -> cognito.confirmForgotPassword(r -> r.clientId(clientId)
                        .username("gus")
                        .confirmationCode(code)
                        .password(NEW_PASSWORD)
                        .clientMetadata(FAIL)))
                .isInstanceOf(UserLambdaValidationException.class)
                .hasMessageContaining("PostConfirmation failed with error");
        assertThat(signsInWith("gus", PASSWORD)).isTrue();
        assertThat(signsInWith("gus", NEW_PASSWORD)).isFalse();
    }
}
