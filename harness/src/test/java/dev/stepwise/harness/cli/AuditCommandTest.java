package dev.stepwise.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepwise.harness.emulator.CognitoEmulator;
import dev.stepwise.harness.junit.StepwiseEmulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdvancedSecurityModeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CreateUserPoolClientRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CreateUserPoolRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RecoveryOptionNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolTierType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;

@StepwiseEmulator
class AuditCommandTest {

    private static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:";

    static CognitoEmulator emulator;
    static CognitoIdentityProviderClient cognito;

    @BeforeAll
    static void connect(CognitoEmulator emulator) {
        AuditCommandTest.emulator = emulator;
        cognito = AuditCommand.client(emulator.endpoint(), "us-east-1", Map.of());
    }

    @AfterAll
    static void disconnect() {
        cognito.close();
    }

    private static void clean(CreateUserPoolRequest.Builder pool) {
        pool.poolName("audited")
                .lambdaConfig(l -> l.defineAuthChallenge(ARN + "define")
                        .createAuthChallenge(ARN + "create")
                        .verifyAuthChallengeResponse(ARN + "verify"))
                .usernameConfiguration(u -> u.caseSensitive(false))
                .adminCreateUserConfig(a -> a.allowAdminCreateUserOnly(true))
                .accountRecoverySetting(r -> r.recoveryMechanisms(
                        m -> m.name(RecoveryOptionNameType.ADMIN_ONLY).priority(1)))
                .userAttributeUpdateSettings(
                        u -> u.attributesRequireVerificationBeforeUpdate(VerifiedAttributeType.EMAIL))
                .userPoolTier(UserPoolTierType.PLUS)
                .userPoolAddOns(a -> a.advancedSecurityMode(AdvancedSecurityModeType.ENFORCED));
    }

    private static void clean(CreateUserPoolClientRequest.Builder client) {
        client.clientName("web")
                .explicitAuthFlows(
                        ExplicitAuthFlowsType.ALLOW_CUSTOM_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)
                .writeAttributes("name", "locale")
                .allowedOAuthFlowsUserPoolClient(false);
    }

    private static String pool(
            Consumer<CreateUserPoolRequest.Builder> poolChange, Consumer<CreateUserPoolClientRequest.Builder> change) {
        String poolId = cognito.createUserPool(b -> {
                    clean(b);
                    poolChange.accept(b);
                })
                .userPool()
                .id();
        cognito.createUserPoolClient(b -> {
            clean(b);
            b.userPoolId(poolId);
            change.accept(b);
        });
        return poolId;
    }

    private static CliRun audit(String poolId, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "audit",
                "--endpoint",
                emulator.endpoint().toString(),
                "--region",
                "us-east-1",
                "--user-pool-id",
                poolId));
        args.addAll(List.of(extra));
        return CliRun.run(args.toArray(String[]::new));
    }

    @Test
    void audit_cleanPool_exitsZeroWithNoFindings() {
        String poolId = pool(p -> {}, c -> {});

        CliRun run = audit(poolId, "--policy", "password > email_code");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().strip()).isEqualTo("audit " + poolId + ": no findings");
    }

    @Test
    void audit_clientWithSrpFlow_reportsBypassWithTheFixAndExitsTen() {
        String poolId = pool(
                p -> {},
                c -> c.explicitAuthFlows(
                        ExplicitAuthFlowsType.ALLOW_CUSTOM_AUTH,
                        ExplicitAuthFlowsType.ALLOW_USER_SRP_AUTH,
                        ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH));

        CliRun run = audit(poolId);

        assertThat(run.exitCode()).isEqualTo(10);
        assertThat(run.out())
                .contains("BYPASS client-password-flow [client web (")
                .contains("allows ALLOW_USER_SRP_AUTH")
                .contains("--explicit-auth-flows ALLOW_CUSTOM_AUTH ALLOW_REFRESH_TOKEN_AUTH")
                .contains("a way to tokens around the triggers exists (exit 10)");
    }

    @Test
    void audit_clientWithoutExplicitFlows_reportsCognitosDefaultAsBypass() {
        String poolId = pool(p -> {}, c -> c.explicitAuthFlows((List<ExplicitAuthFlowsType>) null));

        CliRun run = audit(poolId);

        assertThat(run.exitCode()).isEqualTo(10);
        assertThat(run.out()).contains("BYPASS client-password-flow").contains("allows ALLOW_USER_SRP_AUTH");
    }

    @Test
    void audit_clientWithUserAuthOrPasswordFlows_reportsEachAsBypass() {
        String poolId = pool(
                p -> {},
                c -> c.explicitAuthFlows(
                        ExplicitAuthFlowsType.ALLOW_CUSTOM_AUTH,
                        ExplicitAuthFlowsType.ALLOW_USER_AUTH,
                        ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH,
                        ExplicitAuthFlowsType.ALLOW_ADMIN_USER_PASSWORD_AUTH,
                        ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH));

        CliRun run = audit(poolId);

        assertThat(run.exitCode()).isEqualTo(10);
        assertThat(run.out())
                .contains("allows ALLOW_ADMIN_USER_PASSWORD_AUTH, ALLOW_USER_AUTH, ALLOW_USER_PASSWORD_AUTH");
    }

    @Test
    void audit_oauthClientWithoutDomain_warnsButExitsZero() {
        String poolId = pool(p -> {}, c -> c.allowedOAuthFlowsUserPoolClient(true)
                .allowedOAuthFlows(OAuthFlowType.CODE)
                .allowedOAuthScopes("openid")
                .callbackURLs("https://app.example.com/callback")
                .supportedIdentityProviders("COGNITO"));

        CliRun run = audit(poolId);

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out())
                .contains("MEDIUM client-managed-login")
                .contains("adding one opens the managed login page")
                .contains("--no-allowed-o-auth-flows-user-pool-client");
    }

    @Test
    void audit_oauthClientWithDomain_reportsManagedLoginAsBypass() {
        String poolId = pool(p -> {}, c -> c.allowedOAuthFlowsUserPoolClient(true)
                .allowedOAuthFlows(OAuthFlowType.CODE)
                .allowedOAuthScopes("openid")
                .callbackURLs("https://app.example.com/callback")
                .supportedIdentityProviders("COGNITO"));
        cognito.createUserPoolDomain(b -> b.userPoolId(poolId).domain("audited-login"));

        CliRun run = audit(poolId);

        assertThat(run.exitCode()).isEqualTo(10);
        assertThat(run.out()).contains("BYPASS client-managed-login").contains("the domain audited-login");
    }

    @Test
    void audit_clientThatMayWriteEmailAndPhone_reportsTheRedirect() {
        String poolId = pool(
                p -> p.userAttributeUpdateSettings(u -> u.attributesRequireVerificationBeforeUpdate(List.of())),
                c -> c.writeAttributes((List<String>) null));

        CliRun run = audit(poolId);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("HIGH client-writes-factor-attribute")
                .contains("change email and phone_number (no WriteAttributes: every attribute is writable)");
    }

    @Test
    void audit_writableEmailKeptUntilVerified_reportsOnlyThePhone() {
        String poolId = pool(p -> {}, c -> c.writeAttributes("email", "phone_number"));

        CliRun run = audit(poolId);

        assertThat(run.out())
                .contains("change phone_number with immediate effect")
                .doesNotContain("change email");
    }

    @Test
    void audit_recoveryByEmailWithAnEmailFactor_reportsTheSharedChannel() {
        String poolId = pool(
                p -> p.accountRecoverySetting(r -> r.recoveryMechanisms(
                        m -> m.name(RecoveryOptionNameType.VERIFIED_EMAIL).priority(1))),
                c -> {});

        CliRun shared = audit(poolId, "--policy", "password > email_code");
        CliRun other = audit(poolId, "--policy", "password > totp");
        CliRun unknown = audit(poolId);

        assertThat(shared.out())
                .contains(
                        "HIGH recovery-channel [pool] resets passwords through verified_email, the channel of a factor")
                .contains("Name=admin_only");
        assertThat(other.out()).doesNotContain("recovery-channel");
        assertThat(unknown.out()).contains("LOW recovery-channel").contains("give --policy to check");
    }

    @Test
    void audit_poolWithoutTriggers_reportsThemMissing() {
        String poolId = pool(p -> p.lambdaConfig(l -> {}), c -> {});

        CliRun run = audit(poolId);

        assertThat(run.out())
                .contains("HIGH triggers-missing [pool] has no DefineAuthChallenge, CreateAuthChallenge,"
                        + " VerifyAuthChallengeResponse trigger");
    }

    @Test
    void audit_poolWithOtherTriggersThanExpected_reportsThemForeign() {
        String poolId = pool(p -> {}, c -> {});

        CliRun expected = audit(poolId, "--expect-triggers", ARN + "define," + ARN + "create," + ARN + "verify");
        CliRun foreign = audit(poolId, "--expect-triggers", ARN + "define," + ARN + "ours," + ARN + "verify");

        assertThat(expected.out()).doesNotContain("triggers-foreign");
        assertThat(foreign.out())
                .contains("HIGH triggers-foreign")
                .contains("CreateAuthChallenge is " + ARN + "create, expected " + ARN + "ours");
    }

    @Test
    void audit_passwordFlowWithoutRequiredMfa_reportsMfa() {
        String poolId = pool(
                p -> {},
                c -> c.explicitAuthFlows(
                        ExplicitAuthFlowsType.ALLOW_CUSTOM_AUTH, ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH));

        CliRun run = audit(poolId);

        assertThat(run.out()).contains("MEDIUM mfa [pool] has MFA OFF while a client allows a password flow");
    }

    @Test
    void audit_withoutThreatProtection_reportsItLow() {
        String poolId = pool(
                p -> p.userPoolTier(UserPoolTierType.ESSENTIALS)
                        .userPoolAddOns(a -> a.advancedSecurityMode(AdvancedSecurityModeType.OFF)),
                c -> {});

        CliRun run = audit(poolId);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("LOW threat-protection [pool] threat protection is OFF");
    }

    @Test
    void audit_selfSignUpAllowed_reportsIt() {
        String poolId = pool(p -> p.adminCreateUserConfig(a -> a.allowAdminCreateUserOnly(false)), c -> {});

        CliRun run = audit(poolId);

        assertThat(run.out())
                .contains("MEDIUM self-sign-up")
                .contains("--admin-create-user-config AllowAdminCreateUserOnly=true");
    }

    @Test
    void audit_caseSensitiveUsernames_reportsThem() {
        String poolId = pool(p -> p.usernameConfiguration(u -> u.caseSensitive(true)), c -> {});

        CliRun run = audit(poolId);

        assertThat(run.out()).contains("LOW username-case-sensitive");
    }

    @Test
    void audit_json_printsOneObjectWithEveryFinding() throws Exception {
        String poolId = pool(
                p -> {},
                c -> c.explicitAuthFlows(
                        ExplicitAuthFlowsType.ALLOW_CUSTOM_AUTH, ExplicitAuthFlowsType.ALLOW_USER_SRP_AUTH));

        CliRun run = audit(poolId, "--json");
        JsonNode report = new ObjectMapper().readTree(run.out());

        assertThat(run.exitCode()).isEqualTo(10);
        assertThat(report.get("userPoolId").asText()).isEqualTo(poolId);
        assertThat(report.get("bypass").asBoolean()).isTrue();
        assertThat(report.get("findings").get(0).get("severity").asText()).isEqualTo("BYPASS");
        assertThat(report.get("findings").get(0).get("check").asText()).isEqualTo("client-password-flow");
        assertThat(report.get("findings").get(0).get("fix").asText()).contains("update-user-pool-client");
    }

    @Test
    void audit_unknownPool_exitsFourWithOneLine() {
        CliRun run = audit("us-east-1_Missing123");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).startsWith("stepwise: Cognito refused:").doesNotContain("\tat ");
    }
}
