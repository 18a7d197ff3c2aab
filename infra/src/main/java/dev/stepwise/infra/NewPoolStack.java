package dev.stepwise.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cognito.AccountRecovery;
import software.amazon.awscdk.services.cognito.AuthFlow;
import software.amazon.awscdk.services.cognito.AutoVerifiedAttrs;
import software.amazon.awscdk.services.cognito.ClientAttributes;
import software.amazon.awscdk.services.cognito.FeaturePlan;
import software.amazon.awscdk.services.cognito.KeepOriginalAttrs;
import software.amazon.awscdk.services.cognito.LambdaVersion;
import software.amazon.awscdk.services.cognito.PasswordPolicy;
import software.amazon.awscdk.services.cognito.SignInAliases;
import software.amazon.awscdk.services.cognito.StandardAttributesMask;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;
import software.amazon.awscdk.services.cognito.UserPoolOperation;
import software.amazon.awscdk.services.cognito.UserPoolTriggers;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.kms.IKey;
import software.constructs.Construct;

/**
 * A new user pool and app client wired to the Stepwise triggers, with the state table and the key for TOTP secrets
 * ({@link StepwiseBackend}).
 *
 * <p>Only the triggers sign anyone in. The app client allows exactly {@code ALLOW_CUSTOM_AUTH} and
 * {@code ALLOW_REFRESH_TOKEN_AUTH} (a {@code password} step runs SRP inside CUSTOM_AUTH), has OAuth disabled (no
 * managed login page, which does not run custom auth, even if a domain is added later), no secret, and prevents
 * user-existence errors. It may not write {@code email} or {@code phone_number}, and a changed email stays unused
 * until verified, so a token holder cannot redirect codes and links. Usernames are case-insensitive. Account recovery
 * goes by email only when the policy has no email factor; otherwise it is admin-only, so one inbox never yields both
 * a new password and the code. Users are created by an administrator ({@code AdminCreateUser}); self sign-up is off.
 *
 * <p>Pre token generation (version 2, so the pool is on the Essentials plan) runs the token guard: tokens only for
 * sign-ins that passed the triggers, refreshes allowed, factor claims in both tokens. Turn the refusal off with the
 * function setting {@code STEPWISE_TOKEN_GUARD=off} (the claims stay). Post confirmation revokes a user's trusted
 * devices when the password is reset with {@code ForgotPassword}/{@code ConfirmForgotPassword}.
 */
public final class NewPoolStack extends Stack {

    /** Output: the user pool id. */
    public static final String USER_POOL_ID_OUTPUT = StepwiseBackend.USER_POOL_ID_OUTPUT;
    /** Output: the app client id. */
    public static final String CLIENT_ID_OUTPUT = "UserPoolClientId";
    /** Output: the region. */
    public static final String REGION_OUTPUT = StepwiseBackend.REGION_OUTPUT;

    private final UserPool userPool;
    private final UserPoolClient client;
    private final StepwiseBackend backend;

    /**
     * Creates the stack.
     *
     * @param scope the app
     * @param id the stack id
     * @param stackProps the stack's environment and name
     * @param settings the app settings (mode is not read)
     */
    public NewPoolStack(Construct scope, String id, StackProps stackProps, StepwiseSettings settings) {
        super(scope, id, stackProps);
        Objects.requireNonNull(settings, "settings");
        backend = new StepwiseBackend(this, settings, true);
        StepwiseTriggers triggers = backend.triggers();
        userPool = UserPool.Builder.create(this, "UserPool")
                .selfSignUpEnabled(false)
                .signInAliases(SignInAliases.builder().email(true).build())
                .autoVerify(AutoVerifiedAttrs.builder().email(true).build())
                .passwordPolicy(PasswordPolicy.builder()
                        .minLength(12)
                        .requireLowercase(true)
                        .requireUppercase(true)
                        .requireDigits(true)
                        .requireSymbols(true)
                        .tempPasswordValidity(Duration.days(3))
                        .build())
                .signInCaseSensitive(false)
                .keepOriginal(KeepOriginalAttrs.builder().email(true).build())
                .accountRecovery(accountRecovery(settings.policy() + " "
                        + settings.functionSettings().getOrDefault("STEPWISE_CLIENT_POLICIES", "")))
                .lambdaTriggers(UserPoolTriggers.builder()
                        .defineAuthChallenge(triggers.defineAuthChallenge())
                        .createAuthChallenge(triggers.createAuthChallenge())
                        .verifyAuthChallengeResponse(triggers.verifyAuthChallengeResponse())
                        .postConfirmation(triggers.postConfirmation())
                        .build())
                // Version 2 of pre token generation, which puts the factor claims in access tokens too, needs
                // Essentials.
                .featurePlan(FeaturePlan.ESSENTIALS)
                .deletionProtection(settings.removalPolicy() == RemovalPolicy.RETAIN)
                .removalPolicy(settings.removalPolicy())
                .build();
        userPool.addTrigger(
                UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, triggers.preTokenGeneration(), LambdaVersion.V2_0);
        NagSuppressions.addResourceSuppressions(
                userPool,
                List.of(
                        NagPackSuppression.builder()
                                .id("AwsSolutions-COG2")
                                .reason(
                                        "Cognito's MFA setting covers its own password flows, which this stack's app client"
                                                + " does not allow (ALLOW_CUSTOM_AUTH and refresh only; stepwise audit reports any"
                                                + " client that does). The factors are the Stepwise policy's steps inside"
                                                + " CUSTOM_AUTH; this deployment's policy is '" + settings.policy()
                                                + "' (one step means one factor).")
                                .build(),
                        NagPackSuppression.builder()
                                .id("AwsSolutions-COG3")
                                .reason("Threat protection (advanced security, ENFORCED) needs the Cognito Plus"
                                        + " feature plan, billed per monthly active user: an owner's choice, not a"
                                        + " default. Stepwise limits answers per challenge, locks users after repeated"
                                        + " failures and limits sends itself.")
                                .build()));
        client = userPool.addClient(
                "Client",
                UserPoolClientOptions.builder()
                        .authFlows(AuthFlow.builder().custom(true).build())
                        .disableOAuth(true)
                        .writeAttributes(new ClientAttributes()
                                .withStandardAttributes(StandardAttributesMask.builder()
                                        .fullname(true)
                                        .locale(true)
                                        .timezone(true)
                                        .build()))
                        .preventUserExistenceErrors(true)
                        .authSessionValidity(Duration.minutes(settings.authSessionMinutes()))
                        .generateSecret(false)
                        .build());
        backend.addOutputs(userPool.getUserPoolId(), "The user pool id");
        CfnOutput.Builder.create(this, CLIENT_ID_OUTPUT)
                .value(client.getUserPoolClientId())
                .description("The app client id (CUSTOM_AUTH and refresh only; no secret, no OAuth)")
                .build();
    }

    /**
     * Recovery by email unless an email factor shares that channel: then a reset password and the code would both come
     * from one inbox, so recovery is left to an administrator.
     */
    static AccountRecovery accountRecovery(String policy) {
        return StepwiseSettings.usesEmail(policy) ? AccountRecovery.NONE : AccountRecovery.EMAIL_ONLY;
    }

    /** The user pool. */
    public UserPool userPool() {
        return userPool;
    }

    /** The app client. */
    public UserPoolClient client() {
        return client;
    }

    /** The state table. */
    public ITable stateTable() {
        return backend.stateTable();
    }

    /** The KMS key that encrypts TOTP secrets at rest. */
    public IKey secretsKey() {
        return backend.secretsKey();
    }

    /** The triggers. */
    public StepwiseTriggers triggers() {
        return backend.triggers();
    }
}
