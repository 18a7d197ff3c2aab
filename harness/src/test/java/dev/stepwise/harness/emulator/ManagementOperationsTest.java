package dev.stepwise.harness.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PreventUserExistenceErrorTypes;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

class ManagementOperationsTest {

    private static EmulatorFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new EmulatorFixture();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void updateUserPool_omittedLambdaConfig_resetsTriggersAsCognitoDoes() {
        String pool = fixture.cognito
                .createUserPool(r -> r.poolName("full-replace")
                        .lambdaConfig(l -> l.defineAuthChallenge(EmulatorFixture.ARN + "define-normal"))
                        .mfaConfiguration("OFF"))
                .userPool()
                .id();

        fixture.cognito.updateUserPool(r -> r.userPoolId(pool)
                .autoVerifiedAttributes(
                        software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType.EMAIL));
        var described =
                fixture.cognito.describeUserPool(r -> r.userPoolId(pool)).userPool();

        assertThat(described.lambdaConfig().defineAuthChallenge()).isNull();
        assertThat(described.name()).isEqualTo("full-replace");
        assertThat(described.autoVerifiedAttributesAsStrings()).containsExactly("email");
    }

    @Test
    void createUserPoolDomain_prefix_isDescribedAsTheDomainAndSurvivesUpdateUserPool() {
        String pool = fixture.pool();

        fixture.cognito.createUserPoolDomain(r -> r.userPoolId(pool).domain("stepwise-login"));
        fixture.cognito.updateUserPool(r -> r.userPoolId(pool).mfaConfiguration("OFF"));

        assertThat(fixture.cognito
                        .describeUserPool(r -> r.userPoolId(pool))
                        .userPool()
                        .domain())
                .isEqualTo("stepwise-login");
        assertThatThrownBy(() -> fixture.cognito.createUserPoolDomain(
                        r -> r.userPoolId(pool).domain("Not_A_Domain")))
                .hasMessageContaining("domain");
    }

    @Test
    void createUserPoolClient_settings_areDescribedBack() {
        String pool = fixture.pool();
        var created = fixture.cognito
                .createUserPoolClient(r -> r.userPoolId(pool)
                        .clientName("described")
                        .generateSecret(true)
                        .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_CUSTOM_AUTH)
                        .preventUserExistenceErrors(PreventUserExistenceErrorTypes.ENABLED)
                        .authSessionValidity(7)
                        .accessTokenValidity(5)
                        .tokenValidityUnits(u -> u.accessToken(
                                software.amazon.awssdk.services.cognitoidentityprovider.model.TimeUnitsType.MINUTES)))
                .userPoolClient();

        var described = fixture.cognito
                .describeUserPoolClient(r -> r.userPoolId(pool).clientId(created.clientId()))
                .userPoolClient();

        assertThat(described.clientSecret()).hasSize(51).isEqualTo(created.clientSecret());
        assertThat(described.explicitAuthFlows()).containsExactly(ExplicitAuthFlowsType.ALLOW_CUSTOM_AUTH);
        assertThat(described.preventUserExistenceErrors()).isEqualTo(PreventUserExistenceErrorTypes.ENABLED);
        assertThat(described.authSessionValidity()).isEqualTo(7);
        assertThat(described.accessTokenValidity()).isEqualTo(5);
    }

    @Test
    void listUserPools_paginates() {
        fixture.pool();
        fixture.pool();

        var first = fixture.cognito.listUserPools(r -> r.maxResults(1));

        assertThat(first.userPools()).hasSize(1);
        assertThat(first.nextToken()).isNotNull();
        assertThat(fixture.cognito
                        .listUserPools(r -> r.maxResults(1).nextToken(first.nextToken()))
                        .userPools())
                .hasSize(1);
    }

    @Test
    void users_lifecycle_createGetUpdateListDelete() {
        String pool = fixture.cognito
                .createUserPool(
                        r -> r.poolName("schema").schema(s -> s.name("tier").attributeDataType("String")))
                .userPool()
                .id();
        fixture.user(pool, "alice");

        fixture.cognito.adminUpdateUserAttributes(
                r -> r.userPoolId(pool).username("alice").userAttributes(a -> a.name("custom:tier")
                        .value("gold")));
        var user = fixture.cognito.adminGetUser(r -> r.userPoolId(pool).username("alice"));
        var listed = fixture.cognito.listUsers(r -> r.userPoolId(pool).filter("email = \"alice@example.com\""));
        fixture.cognito.adminDeleteUser(r -> r.userPoolId(pool).username("alice"));

        assertThat(user.userStatus()).isEqualTo(UserStatusType.CONFIRMED);
        assertThat(user.userAttributes())
                .anyMatch(a -> a.name().equals("custom:tier") && a.value().equals("gold"));
        assertThat(user.userAttributes()).anyMatch(a -> a.name().equals("sub"));
        assertThat(listed.users()).extracting(u -> u.username()).containsExactly("alice");
        assertThatThrownBy(() ->
                        fixture.cognito.adminGetUser(r -> r.userPoolId(pool).username("alice")))
                .isInstanceOf(UserNotFoundException.class);
    }

    @Test
    void poolWithEmailUsernames_signInByEmail_eventCarriesGeneratedUsername() {
        String pool = fixture.cognito
                .createUserPool(r -> r.poolName("email-names")
                        .usernameAttributesWithStrings("email")
                        .lambdaConfig(l -> l.defineAuthChallenge(EmulatorFixture.ARN + "define-normal")
                                .createAuthChallenge(EmulatorFixture.ARN + "create-normal")
                                .verifyAuthChallengeResponse(EmulatorFixture.ARN + "verify-normal")))
                .userPool()
                .id();
        String client = fixture.client(pool, false);
        String username = fixture.cognito
                .adminCreateUser(r -> r.userPoolId(pool).username("zoe@example.com"))
                .user()
                .username();

        var challenge = fixture.cognito.initiateAuth(r -> r.clientId(client)
                .authFlow(AuthFlowType.CUSTOM_AUTH)
                .authParameters(Map.of("USERNAME", "zoe@example.com")));

        assertThat(username).isNotEqualTo("zoe@example.com").hasSize(36);
        assertThat(challenge.challengeParameters()).containsEntry("USERNAME", username);
        assertThat(ScriptedTriggers.events("DefineAuthChallenge_Authentication", pool)
                        .get(0))
                .containsEntry("userName", username);
    }

    @Test
    void stateFile_restart_keepsPoolsClientsAndUsersButNoPasswords(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("state.json");
        String pool;
        String client;
        // Built by hand: two emulators in turn over one state file.
        try (CognitoEmulator first = CognitoEmulator.builder().stateFile(file).start();
                CognitoIdentityProviderClient cognito = EmulatorFixture.client(first)) {
            pool = cognito.createUserPool(r -> r.poolName("kept")).userPool().id();
            client = cognito.createUserPoolClient(r -> r.userPoolId(pool).clientName("kept"))
                    .userPoolClient()
                    .clientId();
            cognito.adminCreateUser(r -> r.userPoolId(pool).username("kept-user"));
            cognito.adminSetUserPassword(r -> r.userPoolId(pool)
                    .username("kept-user")
                    .password("Secret-passw0rd")
                    .permanent(true));
        }
        try (CognitoEmulator second = CognitoEmulator.builder().stateFile(file).start();
                CognitoIdentityProviderClient cognito = EmulatorFixture.client(second)) {
            assertThat(cognito.adminGetUser(r -> r.userPoolId(pool).username("kept-user"))
                            .userStatus())
                    .isEqualTo(UserStatusType.CONFIRMED);
            assertThat(cognito.describeUserPoolClient(r -> r.userPoolId(pool).clientId(client))
                            .userPoolClient()
                            .clientName())
                    .isEqualTo("kept");
        }
        assertThat(Files.readString(file)).contains("kept-user").doesNotContain("Secret-passw0rd");
    }

    @Test
    void stateFile_restart_keepsGroupsAndMemberships(@TempDir Path dir) {
        Path file = dir.resolve("state.json");
        String pool;
        // Built by hand: two emulators in turn over one state file.
        try (CognitoEmulator first = CognitoEmulator.builder().stateFile(file).start();
                CognitoIdentityProviderClient cognito = EmulatorFixture.client(first)) {
            pool = cognito.createUserPool(r -> r.poolName("kept")).userPool().id();
            cognito.adminCreateUser(r -> r.userPoolId(pool).username("member"));
            cognito.createGroup(
                    r -> r.userPoolId(pool).groupName("admins").precedence(3).description("all"));
            cognito.adminAddUserToGroup(
                    r -> r.userPoolId(pool).username("member").groupName("admins"));
        }
        try (CognitoEmulator second = CognitoEmulator.builder().stateFile(file).start();
                CognitoIdentityProviderClient cognito = EmulatorFixture.client(second)) {
            var groups = cognito.adminListGroupsForUser(r -> r.userPoolId(pool).username("member"))
                    .groups();

            assertThat(groups).hasSize(1);
            assertThat(groups.get(0).groupName()).isEqualTo("admins");
            assertThat(groups.get(0).precedence()).isEqualTo(3);
            assertThat(groups.get(0).description()).isEqualTo("all");
        }
    }

    @Test
    void seed_withStateFileAcrossRestarts_reusesPoolAndClientWithNewPassword(@TempDir Path dir) {
        Path file = dir.resolve("state.json");
        Seeded first;
        try (CognitoEmulator emulator =
                CognitoEmulator.builder().stateFile(file).start()) {
            first = emulator.seed();
        }
        try (CognitoEmulator emulator =
                CognitoEmulator.builder().stateFile(file).start()) {
            Seeded second = emulator.seed();

            assertThat(second.userPoolId()).isEqualTo(first.userPoolId());
            assertThat(second.clientId()).isEqualTo(first.clientId());
            assertThat(second.password()).isNotEqualTo(first.password());
        }
    }
}
