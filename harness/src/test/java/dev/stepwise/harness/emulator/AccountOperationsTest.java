package dev.stepwise.harness.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.SignedJWT;
import dev.stepwise.harness.junit.TestClock;
import dev.stepwise.harness.srp.PasswordVerifierChallenge;
import dev.stepwise.harness.srp.SrpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminInitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DeliveryMediumType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SignUpResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;

class AccountOperationsTest {

    private static final String NEW_PASSWORD = "N3w-Passw0rd!";
    private static final TestClock CLOCK = TestClock.at(Instant.parse("2026-11-22T03:00:00Z"));
    private static EmulatorFixture fixture;
    private static String poolId;
    private static String clientId;
    private static String devicePool;
    private static String deviceClient;

    @BeforeAll
    static void start() {
        fixture = new EmulatorFixture(CognitoEmulator.builder().clock(CLOCK));
        poolId = fixture.cognito
                .createUserPool(r -> r.poolName("accounts").autoVerifiedAttributes(VerifiedAttributeType.EMAIL))
                .userPool()
                .id();
        clientId = client(poolId);
        devicePool = fixture.cognito
                .createUserPool(
                        r -> r.poolName("devices").deviceConfiguration(d -> d.challengeRequiredOnNewDevice(false)
                                .deviceOnlyRememberedOnUserPrompt(false)))
                .userPool()
                .id();
        deviceClient = client(devicePool);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static String client(String pool) {
        return fixture.cognito
                .createUserPoolClient(r -> r.userPoolId(pool)
                        .clientName("accounts")
                        .explicitAuthFlows(
                                ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH,
                                ExplicitAuthFlowsType.ALLOW_USER_SRP_AUTH,
                                ExplicitAuthFlowsType.ALLOW_ADMIN_USER_PASSWORD_AUTH,
                                ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                .userPoolClient()
                .clientId();
    }

    private static void user(String pool, String username, Map<String, String> attributes, boolean permanent) {
        List<AttributeType> list = attributes.entrySet().stream()
                .map(e -> AttributeType.builder()
                        .name(e.getKey())
                        .value(e.getValue())
                        .build())
                .toList();
        fixture.cognito.adminCreateUser(r -> r.userPoolId(pool)
                .username(username)
                .messageAction(MessageActionType.SUPPRESS)
                .temporaryPassword(permanent ? null : EmulatorFixture.PASSWORD)
                .userAttributes(list));
        if (permanent) {
            fixture.cognito.adminSetUserPassword(r -> r.userPoolId(pool)
                    .username(username)
                    .password(EmulatorFixture.PASSWORD)
                    .permanent(true));
        }
    }

    private static void verifiedUser(String username) {
        user(poolId, username, Map.of("email", username + "@example.com", "email_verified", "true"), true);
    }

    private static InitiateAuthResponse passwordAuth(String client, String username, String password) {
        return fixture.cognito.initiateAuth(r -> r.clientId(client)
                .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", username, "PASSWORD", password)));
    }

    private static String code(String address) {
        List<SentEmail> emails = fixture.emulator.mailbox().emailsTo(address);
        assertThat(emails).as("emails to " + address).isNotEmpty();
        Matcher m = Pattern.compile("\\b(\\d{6})\\b")
                .matcher(emails.get(emails.size() - 1).textBody());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static String status(String username) {
        return fixture.cognito
                .adminGetUser(r -> r.userPoolId(poolId).username(username))
                .userStatusAsString();
    }

    private static Map<String, String> attributes(String username) {
        Map<String, String> values = new HashMap<>();
        fixture.cognito
                .adminGetUser(r -> r.userPoolId(poolId).username(username))
                .userAttributes()
                .forEach(a -> values.put(a.name(), a.value()));
        return values;
    }

    private static void assertError(ThrowingCallable call, String type, String message) {
        assertThatThrownBy(call)
                .isInstanceOf(CognitoIdentityProviderException.class)
                .satisfies(e -> assertThat(((CognitoIdentityProviderException) e)
                                .awsErrorDetails()
                                .errorCode())
                        .isEqualTo(type))
                .satisfies(e -> assertThat(((CognitoIdentityProviderException) e)
                                .awsErrorDetails()
                                .errorMessage())
                        .isEqualTo(message));
    }

    @Test
    void signUp_sendsACodeToTheAutoVerifiedEmail_confirmSignUpTakesItOnce() {
        SignUpResponse signedUp = fixture.cognito.signUp(r -> r.clientId(clientId)
                .username("sam")
                .password(EmulatorFixture.PASSWORD)
                .userAttributes(a -> a.name("email").value("sam@example.com")));

        assertThat(signedUp.userConfirmed()).isFalse();
        assertThat(signedUp.codeDeliveryDetails().deliveryMedium()).isEqualTo(DeliveryMediumType.EMAIL);
        assertThat(signedUp.codeDeliveryDetails().destination()).isEqualTo("s***@e***");
        assertThat(signedUp.codeDeliveryDetails().attributeName()).isEqualTo("email");
        assertThat(fixture.emulator.mailbox().emailsTo("sam@example.com").get(0).source())
                .isEqualTo("no-reply@verificationemail.com");
        assertError(
                () -> passwordAuth(clientId, "sam", EmulatorFixture.PASSWORD),
                "UserNotConfirmedException",
                "User is not confirmed.");
        String code = code("sam@example.com");
        String wrong = code.equals("000000") ? "111111" : "000000";
        assertError(
                () -> fixture.cognito.confirmSignUp(
                        r -> r.clientId(clientId).username("sam").confirmationCode(wrong)),
                "CodeMismatchException",
                "Invalid verification code provided, please try again.");
        fixture.cognito.confirmSignUp(r -> r.clientId(clientId).username("sam").confirmationCode(code));
        assertThat(status("sam")).isEqualTo("CONFIRMED");
        assertThat(attributes("sam")).containsEntry("email_verified", "true");
        assertThat(passwordAuth(clientId, "sam", EmulatorFixture.PASSWORD).authenticationResult())
                .isNotNull();
        assertError(
                () -> fixture.cognito.confirmSignUp(
                        r -> r.clientId(clientId).username("sam").confirmationCode(code)),
                "NotAuthorizedException",
                "User cannot be confirmed. Current status is CONFIRMED");
    }

    @Test
    void resendConfirmationCode_replacesTheCode_andExpiredCodesAreRefused() {
        fixture.cognito.signUp(r -> r.clientId(clientId)
                .username("rita")
                .password(EmulatorFixture.PASSWORD)
                .userAttributes(a -> a.name("email").value("rita@example.com")));
        String first = code("rita@example.com");
        fixture.cognito.resendConfirmationCode(r -> r.clientId(clientId).username("rita"));
        String second = code("rita@example.com");

        assertThat(fixture.emulator.mailbox().emailsTo("rita@example.com")).hasSize(2);
        if (!first.equals(second)) {
            assertError(
                    () -> fixture.cognito.confirmSignUp(
                            r -> r.clientId(clientId).username("rita").confirmationCode(first)),
                    "CodeMismatchException",
                    "Invalid verification code provided, please try again.");
        }
        CLOCK.advance(Duration.ofHours(25));
        assertError(
                () -> fixture.cognito.confirmSignUp(
                        r -> r.clientId(clientId).username("rita").confirmationCode(second)),
                "ExpiredCodeException",
                "Invalid code provided, please request a code again.");
    }

    @Test
    void confirmSignUp_unknownUser_isUsernameClientIdNotFound() {
        assertError(
                () -> fixture.cognito.confirmSignUp(
                        r -> r.clientId(clientId).username("ghost").confirmationCode("123456")),
                "UserNotFoundException",
                "Username/client id combination not found.");
    }

    @Test
    void forgotPassword_codeToVerifiedEmail_confirmForgotPasswordSetsTheNewPassword() {
        verifiedUser("fred");

        var sent = fixture.cognito.forgotPassword(r -> r.clientId(clientId).username("fred"));
        String code = code("fred@example.com");

        assertThat(sent.codeDeliveryDetails().deliveryMedium()).isEqualTo(DeliveryMediumType.EMAIL);
        assertError(
                () -> fixture.cognito.confirmForgotPassword(r -> r.clientId(clientId)
                        .username("fred")
                        .confirmationCode(code)
                        .password("short")),
                "InvalidPasswordException",
                "Password did not conform with policy: Password not long enough");
        fixture.cognito.confirmForgotPassword(r ->
                r.clientId(clientId).username("fred").confirmationCode(code).password(NEW_PASSWORD));
        assertThat(passwordAuth(clientId, "fred", NEW_PASSWORD).authenticationResult())
                .isNotNull();
        assertError(
                () -> passwordAuth(clientId, "fred", EmulatorFixture.PASSWORD),
                "NotAuthorizedException",
                "Incorrect username or password.");
    }

    @Test
    void forgotPassword_noVerifiedEmailOrPhone_isInvalidParameter() {
        user(poolId, "nora", Map.of("email", "nora@example.com"), true);

        assertError(
                () -> fixture.cognito.forgotPassword(r -> r.clientId(clientId).username("nora")),
                "InvalidParameterException",
                "Cannot reset password for the user as there is no registered/verified email or phone_number");
    }

    @Test
    void adminResetUserPassword_signInNeedsAReset_untilConfirmForgotPassword() {
        verifiedUser("ralph");

        fixture.cognito.adminResetUserPassword(r -> r.userPoolId(poolId).username("ralph"));

        assertThat(status("ralph")).isEqualTo("RESET_REQUIRED");
        assertError(
                () -> passwordAuth(clientId, "ralph", EmulatorFixture.PASSWORD),
                "PasswordResetRequiredException",
                "Password reset required for the user");
        String code = code("ralph@example.com");
        fixture.cognito.confirmForgotPassword(r ->
                r.clientId(clientId).username("ralph").confirmationCode(code).password(NEW_PASSWORD));
        assertThat(status("ralph")).isEqualTo("CONFIRMED");
        assertThat(passwordAuth(clientId, "ralph", NEW_PASSWORD).authenticationResult())
                .isNotNull();
    }

    @Test
    void changePassword_needsThePreviousPassword() {
        verifiedUser("carl");
        String access = passwordAuth(clientId, "carl", EmulatorFixture.PASSWORD)
                .authenticationResult()
                .accessToken();

        assertError(
                () -> fixture.cognito.changePassword(r ->
                        r.accessToken(access).previousPassword("Wr0ng-one!").proposedPassword(NEW_PASSWORD)),
                "NotAuthorizedException",
                "Incorrect username or password.");
        fixture.cognito.changePassword(r ->
                r.accessToken(access).previousPassword(EmulatorFixture.PASSWORD).proposedPassword(NEW_PASSWORD));
        assertThat(passwordAuth(clientId, "carl", NEW_PASSWORD).authenticationResult())
                .isNotNull();
    }

    @Test
    void newPasswordRequired_forceChangePasswordUser_passwordAuth_thenTokensAndConfirmed() {
        user(poolId, "tina", Map.of("email", "tina@example.com"), false);

        InitiateAuthResponse challenge = passwordAuth(clientId, "tina", EmulatorFixture.PASSWORD);

        assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.NEW_PASSWORD_REQUIRED);
        assertThat(challenge.authenticationResult()).isNull();
        assertThat(challenge.challengeParameters())
                .containsEntry("USER_ID_FOR_SRP", "tina")
                .containsEntry("requiredAttributes", "[]");
        assertThat(challenge.challengeParameters().get("userAttributes")).contains("tina@example.com");
        assertError(
                () -> fixture.cognito.respondToAuthChallenge(r -> r.clientId(clientId)
                        .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED)
                        .session(challenge.session())
                        .challengeResponses(Map.of("USERNAME", "tina", "NEW_PASSWORD", "weak"))),
                "InvalidPasswordException",
                "Password did not conform with policy: Password not long enough");
        assertThat(status("tina")).isEqualTo("FORCE_CHANGE_PASSWORD");
    }

    @Test
    void newPasswordRequired_answered_setsPasswordAndAttributesAndIssuesTokens() throws Exception {
        user(poolId, "uma", Map.of("email", "uma@example.com"), false);
        AdminInitiateAuthResponse challenge = fixture.cognito.adminInitiateAuth(r -> r.userPoolId(poolId)
                .clientId(clientId)
                .authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", "uma", "PASSWORD", EmulatorFixture.PASSWORD)));

        AuthenticationResultType tokens = fixture.cognito
                .respondToAuthChallenge(r -> r.clientId(clientId)
                        .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED)
                        .session(challenge.session())
                        .challengeResponses(
                                Map.of("USERNAME", "uma", "NEW_PASSWORD", NEW_PASSWORD, "userAttributes.name", "Uma")))
                .authenticationResult();

        assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.NEW_PASSWORD_REQUIRED);
        assertThat(SignedJWT.parse(tokens.idToken()).getJWTClaimsSet().getClaim("name"))
                .isEqualTo("Uma");
        assertThat(status("uma")).isEqualTo("CONFIRMED");
        assertThat(passwordAuth(clientId, "uma", NEW_PASSWORD).authenticationResult())
                .isNotNull();
    }

    @Test
    void newPasswordRequired_afterUserSrpAuth() {
        user(poolId, "vera", Map.of("email", "vera@example.com"), false);
        SrpClient srp = SrpClient.create(poolId);
        InitiateAuthResponse started = fixture.cognito.initiateAuth(r -> r.clientId(clientId)
                .authFlow(AuthFlowType.USER_SRP_AUTH)
                .authParameters(Map.of("USERNAME", "vera", "SRP_A", srp.srpA())));
        Map<String, String> claim = new HashMap<>(srp.claim(
                        PasswordVerifierChallenge.fromParameters(started.challengeParameters()),
                        EmulatorFixture.PASSWORD,
                        CLOCK.instant())
                .challengeResponses());
        claim.put("USERNAME", "vera");

        var next = fixture.cognito.respondToAuthChallenge(r -> r.clientId(clientId)
                .challengeName(ChallengeNameType.PASSWORD_VERIFIER)
                .session(started.session())
                .challengeResponses(claim));

        assertThat(next.challengeName()).isEqualTo(ChallengeNameType.NEW_PASSWORD_REQUIRED);
        assertThat(fixture.cognito
                        .respondToAuthChallenge(r -> r.clientId(clientId)
                                .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED)
                                .session(next.session())
                                .challengeResponses(Map.of("USERNAME", "vera", "NEW_PASSWORD", NEW_PASSWORD)))
                        .authenticationResult()
                        .idToken())
                .isNotBlank();
    }

    @Test
    void updateUserAttributes_newEmail_isUnverifiedUntilVerifyUserAttribute() {
        verifiedUser("ed");
        String access = passwordAuth(clientId, "ed", EmulatorFixture.PASSWORD)
                .authenticationResult()
                .accessToken();

        var updated = fixture.cognito.updateUserAttributes(
                r -> r.accessToken(access).userAttributes(a -> a.name("email").value("ed.new@example.com")));

        assertThat(updated.codeDeliveryDetailsList()).hasSize(1);
        assertThat(attributes("ed"))
                .containsEntry("email", "ed.new@example.com")
                .containsEntry("email_verified", "false");
        assertError(
                () -> fixture.cognito.verifyUserAttribute(
                        r -> r.accessToken(access).attributeName("email").code("12345")),
                "CodeMismatchException",
                "Invalid verification code provided, please try again.");
        String code = code("ed.new@example.com");
        fixture.cognito.verifyUserAttribute(
                r -> r.accessToken(access).attributeName("email").code(code));
        assertThat(attributes("ed")).containsEntry("email_verified", "true");
    }

    @Test
    void getUserAttributeVerificationCode_phone_sendsAnSms() {
        user(poolId, "pia", Map.of("phone_number", "+15555550177"), true);
        String access = passwordAuth(clientId, "pia", EmulatorFixture.PASSWORD)
                .authenticationResult()
                .accessToken();

        var sent = fixture.cognito.getUserAttributeVerificationCode(
                r -> r.accessToken(access).attributeName("phone_number"));

        assertThat(sent.codeDeliveryDetails().deliveryMedium()).isEqualTo(DeliveryMediumType.SMS);
        assertThat(sent.codeDeliveryDetails().destination()).endsWith("0177");
        assertThat(fixture.emulator.mailbox().smsTo("+15555550177")).hasSize(1);
    }

    @Test
    void adminUpdateUserAttributes_newEmail_resetsEmailVerifiedUnlessSetInTheSameCall() {
        verifiedUser("amy");

        fixture.cognito.adminUpdateUserAttributes(
                r -> r.userPoolId(poolId).username("amy").userAttributes(a -> a.name("email")
                        .value("amy2@example.com")));
        Map<String, String> reset = attributes("amy");
        fixture.cognito.adminUpdateUserAttributes(r -> r.userPoolId(poolId)
                .username("amy")
                .userAttributes(
                        AttributeType.builder()
                                .name("email")
                                .value("amy3@example.com")
                                .build(),
                        AttributeType.builder()
                                .name("email_verified")
                                .value("true")
                                .build()));

        assertThat(reset).containsEntry("email_verified", "false");
        assertThat(attributes("amy")).containsEntry("email_verified", "true");
    }

    @Test
    void deleteUser_removesTheUserAndRevokesItsTokens() {
        verifiedUser("dora");
        String access = passwordAuth(clientId, "dora", EmulatorFixture.PASSWORD)
                .authenticationResult()
                .accessToken();

        fixture.cognito.deleteUser(r -> r.accessToken(access));

        assertError(
                () -> fixture.cognito.adminGetUser(r -> r.userPoolId(poolId).username("dora")),
                "UserNotFoundException",
                "User does not exist.");
        assertError(
                () -> fixture.cognito.getUser(r -> r.accessToken(access)),
                "NotAuthorizedException",
                "Access Token has been revoked");
    }

    @Test
    void getTokensFromRefreshToken_issuesNewIdAndAccessTokens() throws Exception {
        verifiedUser("gil");
        AuthenticationResultType first =
                passwordAuth(clientId, "gil", EmulatorFixture.PASSWORD).authenticationResult();

        AuthenticationResultType refreshed = fixture.cognito
                .getTokensFromRefreshToken(r -> r.clientId(clientId).refreshToken(first.refreshToken()))
                .authenticationResult();

        assertThat(SignedJWT.parse(refreshed.idToken()).getJWTClaimsSet().getStringClaim("cognito:username"))
                .isEqualTo("gil");
        assertThat(refreshed.accessToken()).isNotEqualTo(first.accessToken());
        assertError(
                () -> fixture.cognito.getTokensFromRefreshToken(
                        r -> r.clientId(clientId).refreshToken("not-a-refresh-token")),
                "NotAuthorizedException",
                "Invalid Refresh Token");
    }

    @Test
    void deviceTracking_newDeviceMetadata_confirmListAndForget() {
        user(devicePool, "dev", Map.of("email", "dev@example.com"), true);
        AuthenticationResultType tokens =
                passwordAuth(deviceClient, "dev", EmulatorFixture.PASSWORD).authenticationResult();
        String key = tokens.newDeviceMetadata().deviceKey();

        var confirmed = fixture.cognito.confirmDevice(r -> r.accessToken(tokens.accessToken())
                .deviceKey(key)
                .deviceName("laptop")
                .deviceSecretVerifierConfig(
                        v -> v.passwordVerifier("dmVyaWZpZXI=").salt("c2FsdA==")));
        var listed = fixture.cognito.listDevices(r -> r.accessToken(tokens.accessToken()));
        var adminListed =
                fixture.cognito.adminListDevices(r -> r.userPoolId(devicePool).username("dev"));
        fixture.cognito.forgetDevice(r -> r.accessToken(tokens.accessToken()).deviceKey(key));

        assertThat(key).startsWith("us-east-1_");
        assertThat(tokens.newDeviceMetadata().deviceGroupKey()).isNotBlank();
        assertThat(confirmed.userConfirmationNecessary()).isFalse();
        assertThat(listed.devices()).hasSize(1);
        assertThat(listed.devices().get(0).deviceAttributes())
                .anySatisfy(a -> assertThat(a.name() + "=" + a.value()).isEqualTo("device_name=laptop"));
        assertThat(adminListed.devices()).hasSize(1);
        assertThat(fixture.cognito
                        .listDevices(r -> r.accessToken(tokens.accessToken()))
                        .devices())
                .isEmpty();
        assertError(
                () -> fixture.cognito.getDevice(
                        r -> r.accessToken(tokens.accessToken()).deviceKey(key)),
                "ResourceNotFoundException",
                "Device does not exist.");
    }

    @Test
    void noDeviceConfiguration_noNewDeviceMetadata() {
        verifiedUser("nick");

        assertThat(passwordAuth(clientId, "nick", EmulatorFixture.PASSWORD)
                        .authenticationResult()
                        .newDeviceMetadata())
                .isNull();
    }

    @Test
    void groups_createListMembershipAndErrors() {
        verifiedUser("gwen");
        fixture.cognito.createGroup(
                r -> r.userPoolId(poolId).groupName("editors").description("can edit"));
        fixture.cognito.adminAddUserToGroup(
                r -> r.userPoolId(poolId).username("gwen").groupName("editors"));

        assertThat(fixture.cognito
                        .getGroup(r -> r.userPoolId(poolId).groupName("editors"))
                        .group()
                        .description())
                .isEqualTo("can edit");
        assertThat(fixture.cognito
                        .adminListGroupsForUser(r -> r.userPoolId(poolId).username("gwen"))
                        .groups())
                .extracting(g -> g.groupName())
                .containsExactly("editors");
        assertThat(fixture.cognito
                        .listUsersInGroup(r -> r.userPoolId(poolId).groupName("editors"))
                        .users())
                .extracting(u -> u.username())
                .containsExactly("gwen");
        assertThat(fixture.cognito.listGroups(r -> r.userPoolId(poolId)).groups())
                .extracting(g -> g.groupName())
                .contains("editors");
        assertError(
                () -> fixture.cognito.createGroup(r -> r.userPoolId(poolId).groupName("editors")),
                "GroupExistsException",
                "A group with the name editors already exists.");
        fixture.cognito.adminRemoveUserFromGroup(
                r -> r.userPoolId(poolId).username("gwen").groupName("editors"));
        assertThat(fixture.cognito
                        .adminListGroupsForUser(r -> r.userPoolId(poolId).username("gwen"))
                        .groups())
                .isEmpty();
        fixture.cognito.deleteGroup(r -> r.userPoolId(poolId).groupName("editors"));
        assertError(
                () -> fixture.cognito.getGroup(r -> r.userPoolId(poolId).groupName("editors")),
                "ResourceNotFoundException",
                "Group not found.");
    }
}
