package dev.stepwise.audit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LambdaConfigType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RecoveryOptionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientDescription;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;

/**
 * A read-only check of one user pool for every way to get tokens without the custom-auth triggers, and for the
 * settings that weaken the factors: app clients with password flows or OAuth (the managed login page does not run
 * custom auth), factor attributes a token holder may write, a recovery channel shared with a factor, missing or
 * foreign triggers, Cognito MFA, threat protection, self sign-up and case-sensitive usernames.
 *
 * <p>It calls {@code DescribeUserPool}, {@code ListUserPoolClients} and {@code DescribeUserPoolClient} only. Thread-safe
 * if the client is.
 *
 * @see <a href="https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow-methods.html">Authentication
 *     flows</a>
 */
public final class PoolAudit {

    /**
     * Client flows that sign in without the custom-auth triggers. {@code ALLOW_USER_AUTH} (choice-based sign-in) does
     * passwords, SRP, email and SMS codes and passkeys without other flags, and never runs custom auth. The last two
     * are the legacy names.
     */
    public static final Set<String> BYPASS_FLOWS = Set.of(
            "ALLOW_USER_SRP_AUTH",
            "ALLOW_USER_PASSWORD_AUTH",
            "ALLOW_ADMIN_USER_PASSWORD_AUTH",
            "ALLOW_USER_AUTH",
            "USER_PASSWORD_AUTH",
            "ADMIN_NO_SRP_AUTH");

    /** What a client allows when it names no flows (Cognito's documented default). */
    static final Set<String> DEFAULT_FLOWS =
            Set.of("ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH");

    private static final String CLIENT_UPDATE_NOTE = " (UpdateUserPoolClient resets every member it is not sent: run"
            + " 'aws cognito-idp describe-user-pool-client' first and pass all of its settings back with the change)";
    private static final String POOL_UPDATE_NOTE = " (UpdateUserPool resets every member it is not sent, triggers"
            + " included: pass the whole DescribeUserPool configuration back with the change)";

    private final CognitoIdentityProviderClient cognito;

    /**
     * Uses the given client.
     *
     * @param cognito the Cognito client; its credentials need {@code cognito-idp:DescribeUserPool},
     *     {@code cognito-idp:ListUserPoolClients} and {@code cognito-idp:DescribeUserPoolClient} on the pool
     */
    public PoolAudit(CognitoIdentityProviderClient cognito) {
        this.cognito = Objects.requireNonNull(cognito, "cognito");
    }

    /**
     * Audits one pool.
     *
     * @param userPoolId the pool
     * @param options the policy and expected triggers, if known
     * @return the findings, most serious first
     */
    public AuditReport audit(String userPoolId, AuditOptions options) {
        Objects.requireNonNull(userPoolId, "userPoolId");
        Objects.requireNonNull(options, "options");
        UserPoolType pool =
                cognito.describeUserPool(r -> r.userPoolId(userPoolId)).userPool();
        List<UserPoolClientType> clients = new ArrayList<>();
        for (UserPoolClientDescription description : cognito.listUserPoolClientsPaginator(
                        r -> r.userPoolId(userPoolId).maxResults(60))
                .userPoolClients()) {
            clients.add(
                    cognito.describeUserPoolClient(r -> r.userPoolId(userPoolId).clientId(description.clientId()))
                            .userPoolClient());
        }
        List<Finding> findings = new ArrayList<>();
        boolean passwordFlows = false;
        for (UserPoolClientType client : clients) {
            passwordFlows |= checkFlows(userPoolId, client, findings);
            checkOAuth(userPoolId, pool, client, findings);
            checkWriteAttributes(userPoolId, pool, client, findings);
        }
        checkRecovery(userPoolId, pool, options.policy(), findings);
        if (options.checkTriggers()) {
            checkTriggers(userPoolId, pool.lambdaConfig(), options, findings);
        }
        checkMfa(userPoolId, pool, passwordFlows, findings);
        checkThreatProtection(userPoolId, pool, findings);
        checkSelfSignUp(userPoolId, pool, findings);
        checkUsernameCase(userPoolId, pool, findings);
        return new AuditReport(userPoolId, findings);
    }

    private static boolean checkFlows(String poolId, UserPoolClientType client, List<Finding> findings) {
        Set<String> flows = client.hasExplicitAuthFlows()
                        && !client.explicitAuthFlowsAsStrings().isEmpty()
                ? new LinkedHashSet<>(client.explicitAuthFlowsAsStrings())
                : DEFAULT_FLOWS;
        List<String> bypass =
                flows.stream().filter(BYPASS_FLOWS::contains).sorted().toList();
        if (bypass.isEmpty()) {
            return false;
        }
        findings.add(new Finding(
                Severity.BYPASS,
                "client-password-flow",
                subject(client),
                "allows " + String.join(", ", bypass)
                        + (client.hasExplicitAuthFlows()
                                        && !client.explicitAuthFlowsAsStrings().isEmpty()
                                ? ""
                                : " (no ExplicitAuthFlows: Cognito's default)")
                        + ", which issue tokens without running the custom-auth triggers: a password alone signs in.",
                "Console: App clients > " + client.clientName() + " > Edit > Authentication flows: keep only"
                        + " ALLOW_CUSTOM_AUTH and ALLOW_REFRESH_TOKEN_AUTH. CLI: aws cognito-idp update-user-pool-client"
                        + " --user-pool-id " + poolId + " --client-id " + client.clientId()
                        + " --explicit-auth-flows ALLOW_CUSTOM_AUTH ALLOW_REFRESH_TOKEN_AUTH" + CLIENT_UPDATE_NOTE
                        + ". A password step still works: it runs SRP inside CUSTOM_AUTH."));
        return true;
    }

    private static void checkOAuth(
            String poolId, UserPoolType pool, UserPoolClientType client, List<Finding> findings) {
        if (!Boolean.TRUE.equals(client.allowedOAuthFlowsUserPoolClient())) {
            return;
        }
        String domain = pool.domain() != null ? pool.domain() : pool.customDomain();
        boolean reachable = domain != null && !domain.isBlank();
        findings.add(new Finding(
                reachable ? Severity.BYPASS : Severity.MEDIUM,
                "client-managed-login",
                subject(client),
                "has OAuth enabled (" + String.join(", ", client.allowedOAuthFlowsAsStrings()) + ")"
                        + (reachable
                                ? " and the pool has the domain " + domain
                                        + ": the managed login page signs in with Cognito's own flows, never custom"
                                        + " auth."
                                : "; the pool has no domain yet, but adding one opens the managed login page, which"
                                        + " does not run custom auth."),
                "Console: App clients > " + client.clientName() + " > Login pages > Edit: remove the OAuth grant"
                        + " types. CLI: aws cognito-idp update-user-pool-client --user-pool-id " + poolId
                        + " --client-id " + client.clientId() + " --no-allowed-o-auth-flows-user-pool-client"
                        + CLIENT_UPDATE_NOTE + "."));
    }

    private static void checkWriteAttributes(
            String poolId, UserPoolType pool, UserPoolClientType client, List<Finding> findings) {
        boolean all = !client.hasWriteAttributes() || client.writeAttributes().isEmpty();
        Set<String> kept = pool.userAttributeUpdateSettings() == null
                ? Set.of()
                : Set.copyOf(pool.userAttributeUpdateSettings().attributesRequireVerificationBeforeUpdateAsStrings());
        List<String> writable = new ArrayList<>();
        for (String attribute : List.of("email", "phone_number")) {
            if ((all || client.writeAttributes().contains(attribute)) && !kept.contains(attribute)) {
                writable.add(attribute);
            }
        }
        if (writable.isEmpty()) {
            return;
        }
        findings.add(new Finding(
                Severity.HIGH,
                "client-writes-factor-attribute",
                subject(client),
                "lets any holder of an access token change " + String.join(" and ", writable)
                        + (all ? " (no WriteAttributes: every attribute is writable)" : "")
                        + " with immediate effect, so every later code or link goes where they choose.",
                "Console: App clients > " + client.clientName() + " > Attribute permissions: untick "
                        + String.join(" and ", writable) + " under write. CLI: aws cognito-idp update-user-pool-client"
                        + " --user-pool-id " + poolId + " --client-id " + client.clientId()
                        + " --write-attributes <the attributes users may change, without "
                        + String.join(" and ", writable)
                        + ">" + CLIENT_UPDATE_NOTE + ". Also keep the original until verified:"
                        + " --user-attribute-update-settings AttributesRequireVerificationBeforeUpdate="
                        + String.join(",", writable) + " on update-user-pool" + POOL_UPDATE_NOTE + "."));
    }

    private static void checkRecovery(String poolId, UserPoolType pool, String policy, List<Finding> findings) {
        List<String> channels = new ArrayList<>();
        if (pool.accountRecoverySetting() == null
                || !pool.accountRecoverySetting().hasRecoveryMechanisms()
                || pool.accountRecoverySetting().recoveryMechanisms().isEmpty()) {
            channels.add("verified_phone_number");
            channels.add("verified_email");
        } else {
            for (RecoveryOptionType option : pool.accountRecoverySetting().recoveryMechanisms()) {
                if (!"admin_only".equals(option.nameAsString())) {
                    channels.add(option.nameAsString());
                }
            }
        }
        if (channels.isEmpty()) {
            return;
        }
        List<String> shared = new ArrayList<>();
        if (policy != null) {
            if (channels.contains("verified_email")
                    && (policy.contains("email_code") || policy.contains("email_link"))) {
                shared.add("verified_email");
            }
            if (channels.contains("verified_phone_number") && policy.contains("phone_code")) {
                shared.add("verified_phone_number");
            }
            if (shared.isEmpty()) {
                return;
            }
        }
        String fix = "Console: Sign-in > Account recovery > Edit: choose 'None - admin only' (or a channel no factor"
                + " uses). CLI: aws cognito-idp update-user-pool --user-pool-id " + poolId
                + " --account-recovery-setting 'RecoveryMechanisms=[{Name=admin_only,Priority=1}]'" + POOL_UPDATE_NOTE
                + ".";
        if (policy == null) {
            findings.add(new Finding(
                    Severity.LOW,
                    "recovery-channel",
                    "pool",
                    "resets passwords through " + String.join(", ", channels)
                            + (pool.accountRecoverySetting() == null ? " (no setting: Cognito's default)" : "")
                            + "; if a factor of your policy uses the same channel, one inbox or phone yields both a"
                            + " new password and the code (give --policy to check).",
                    fix));
        } else {
            findings.add(new Finding(
                    Severity.HIGH,
                    "recovery-channel",
                    "pool",
                    "resets passwords through " + String.join(", ", shared) + ", the channel of a factor of '" + policy
                            + "': whoever holds that inbox or phone gets both a new password and the code.",
                    fix));
        }
    }

    private static void checkTriggers(
            String poolId, LambdaConfigType config, AuditOptions options, List<Finding> findings) {
        String define = config == null ? null : config.defineAuthChallenge();
        String create = config == null ? null : config.createAuthChallenge();
        String verify = config == null ? null : config.verifyAuthChallengeResponse();
        List<String> missing = new ArrayList<>();
        if (blank(define)) {
            missing.add("DefineAuthChallenge");
        }
        if (blank(create)) {
            missing.add("CreateAuthChallenge");
        }
        if (blank(verify)) {
            missing.add("VerifyAuthChallengeResponse");
        }
        if (!missing.isEmpty()) {
            findings.add(new Finding(
                    Severity.HIGH,
                    "triggers-missing",
                    "pool",
                    "has no " + String.join(", ", missing) + " trigger: CUSTOM_AUTH does not run Stepwise.",
                    "Deploy the StepwiseExistingPool stack for this pool (docs/deploy.md, attach mode); do not set"
                            + " LambdaConfig by hand with update-user-pool" + POOL_UPDATE_NOTE + "."));
            return;
        }
        if (options.expectsTriggers()) {
            List<String> foreign = new ArrayList<>();
            foreignIf(foreign, "DefineAuthChallenge", define, options.define());
            foreignIf(foreign, "CreateAuthChallenge", create, options.create());
            foreignIf(foreign, "VerifyAuthChallengeResponse", verify, options.verify());
            if (!foreign.isEmpty()) {
                findings.add(new Finding(
                        Severity.HIGH,
                        "triggers-foreign",
                        "pool",
                        "runs other functions than expected: " + String.join("; ", foreign) + ".",
                        "Find out who changed them (CloudTrail UpdateUserPool); then deploy the StepwiseExistingPool"
                                + " stack again for this pool, which writes the three triggers back."));
            }
        }
    }

    private static void foreignIf(List<String> foreign, String name, String actual, String expected) {
        if (expected != null && !expected.equals(actual)) {
            foreign.add(name + " is " + actual + ", expected " + expected);
        }
    }

    private static void checkMfa(String poolId, UserPoolType pool, boolean passwordFlows, List<Finding> findings) {
        String mfa = pool.mfaConfigurationAsString();
        if (!passwordFlows || "ON".equals(mfa)) {
            return;
        }
        findings.add(new Finding(
                Severity.MEDIUM,
                "mfa",
                "pool",
                "has MFA " + (mfa == null ? "OFF" : mfa) + " while a client allows a password flow: that flow needs"
                        + " nothing but the password. (Cognito MFA never applies to CUSTOM_AUTH.)",
                "Remove the password flows (client-password-flow); until then: aws cognito-idp"
                        + " set-user-pool-mfa-config --user-pool-id " + poolId
                        + " --mfa-configuration ON --software-token-mfa-configuration Enabled=true."));
    }

    private static void checkThreatProtection(String poolId, UserPoolType pool, List<Finding> findings) {
        String mode =
                pool.userPoolAddOns() == null ? null : pool.userPoolAddOns().advancedSecurityModeAsString();
        if ("ENFORCED".equals(mode)) {
            return;
        }
        findings.add(new Finding(
                Severity.LOW,
                "threat-protection",
                "pool",
                "threat protection is " + (mode == null ? "OFF" : mode)
                        + ": no adaptive blocking of compromised credentials or risky sign-ins (Stepwise's own lockout"
                        + " and send limits still apply).",
                "Needs the Plus feature plan (billed per active user). Console: Threat protection > Activate, enforcement"
                        + " mode Full function. CLI: aws cognito-idp update-user-pool --user-pool-id " + poolId
                        + " --user-pool-tier PLUS --user-pool-add-ons AdvancedSecurityMode=ENFORCED" + POOL_UPDATE_NOTE
                        + "."));
    }

    private static void checkSelfSignUp(String poolId, UserPoolType pool, List<Finding> findings) {
        if (pool.adminCreateUserConfig() != null
                && Boolean.TRUE.equals(pool.adminCreateUserConfig().allowAdminCreateUserOnly())) {
            return;
        }
        findings.add(new Finding(
                Severity.MEDIUM,
                "self-sign-up",
                "pool",
                "lets anyone sign up with any attributes through the public SignUp API, including an email or phone"
                        + " they do not control, unless a pre sign-up trigger checks it.",
                "Console: Sign-up > Self-service sign-up > Edit: disable. CLI: aws cognito-idp update-user-pool"
                        + " --user-pool-id " + poolId + " --admin-create-user-config AllowAdminCreateUserOnly=true"
                        + POOL_UPDATE_NOTE + "."));
    }

    private static void checkUsernameCase(String poolId, UserPoolType pool, List<Finding> findings) {
        if (pool.usernameConfiguration() != null
                && Boolean.FALSE.equals(pool.usernameConfiguration().caseSensitive())) {
            return;
        }
        findings.add(new Finding(
                Severity.LOW,
                "username-case-sensitive",
                "pool",
                "treats 'Alice' and 'alice' as two users, so a look-alike account can be created beside a real one.",
                "Case sensitivity is fixed when a pool is created: create new pools with"
                        + " --username-configuration CaseSensitive=false (the Stepwise CDK app does)."));
    }

    private static String subject(UserPoolClientType client) {
        return "client " + client.clientName() + " (" + client.clientId() + ")";
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
