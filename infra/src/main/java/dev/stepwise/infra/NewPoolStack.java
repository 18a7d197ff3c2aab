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
import software.amazon.awscdk.services.cognito.PasswordPolicy;
import software.amazon.awscdk.services.cognito.SignInAliases;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;
import software.amazon.awscdk.services.cognito.UserPoolTriggers;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.kms.Key;
import software.constructs.Construct;

/**
 * A new user pool and app client wired to the Stepwise triggers, with the state table and the key for TOTP secrets
 * ({@link StepwiseBackend}).
 *
 * <p>The app client allows {@code ALLOW_CUSTOM_AUTH}, {@code ALLOW_USER_SRP_AUTH} (the SRP prelude of a
 * {@code password} step) and {@code ALLOW_REFRESH_TOKEN_AUTH}, has no secret, and prevents user-existence errors.
 * Users are created by an administrator ({@code AdminCreateUser}); self sign-up is off.
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
        backend = new StepwiseBackend(this, settings);
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
                .accountRecovery(AccountRecovery.EMAIL_ONLY)
                .lambdaTriggers(UserPoolTriggers.builder()
                        .defineAuthChallenge(triggers.defineAuthChallenge())
                        .createAuthChallenge(triggers.createAuthChallenge())
                        .verifyAuthChallengeResponse(triggers.verifyAuthChallengeResponse())
                        .build())
                .deletionProtection(settings.removalPolicy() == RemovalPolicy.RETAIN)
                .removalPolicy(settings.removalPolicy())
                .build();
        NagSuppressions.addResourceSuppressions(
                userPool,
                List.of(
                        NagPackSuppression.builder()
                                .id("AwsSolutions-COG2")
                                .reason("Multi-factor sign-in is what the Stepwise triggers do: the policy chains the"
                                        + " factors (e.g. password > email_code) inside CUSTOM_AUTH, which Cognito's"
                                        + " own MFA setting does not cover.")
                                .build(),
                        NagPackSuppression.builder()
                                .id("AwsSolutions-COG3")
                                .reason("Threat protection (advanced security, ENFORCED) needs the Cognito Plus"
                                        + " feature plan, billed per monthly active user: an owner's choice, not a"
                                        + " default. Stepwise limits answers per challenge itself.")
                                .build()));
        client = userPool.addClient(
                "Client",
                UserPoolClientOptions.builder()
                        .authFlows(AuthFlow.builder().custom(true).userSrp(true).build())
                        .preventUserExistenceErrors(true)
                        .authSessionValidity(Duration.minutes(settings.authSessionMinutes()))
                        .generateSecret(false)
                        .build());
        backend.addOutputs(userPool.getUserPoolId(), "The user pool id");
        CfnOutput.Builder.create(this, CLIENT_ID_OUTPUT)
                .value(client.getUserPoolClientId())
                .description("The app client id (CUSTOM_AUTH, SRP, refresh; no secret)")
                .build();
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
    public Table stateTable() {
        return backend.stateTable();
    }

    /** The KMS key that encrypts TOTP secrets at rest. */
    public Key secretsKey() {
        return backend.secretsKey();
    }

    /** The triggers. */
    public StepwiseTriggers triggers() {
        return backend.triggers();
    }
}
