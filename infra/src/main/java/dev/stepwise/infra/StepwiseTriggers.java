package dev.stepwise.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.iam.AnyPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Permission;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.ResourcePolicy;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * The three Stepwise custom-auth triggers (Define, Create and Verify Auth Challenge), the token guard (pre token
 * generation) and, with a state table, post confirmation (revokes trusted devices on a password reset) as Lambda
 * functions built from the one shaded jar of the {@code functions} module, each behind a {@value #ALIAS} alias on a
 * published version with SnapStart.
 *
 * <p>Point a user pool at {@link #defineAuthChallenge()}, {@link #createAuthChallenge()} and
 * {@link #verifyAuthChallengeResponse()}, its pre token generation (version 2) at {@link #preTokenGeneration()} and
 * its post confirmation at {@link #postConfirmation()}: they are the aliases, so Cognito invokes the SnapStart snapshot rather than
 * {@code $LATEST}, which SnapStart never applies to (aws-cdk#34479). The functions read the user pool id and app
 * client id from each event, never from their environment, so a pool can reference them without a circular
 * dependency (aws-cdk#7016).
 *
 * <p>Each function has its own role: write access to its own log group; {@code secretsmanager:GetSecretValue} on the
 * key secret and nothing else of Secrets Manager (post confirmation reads no secret); on the state table, if any,
 * exactly the DynamoDB actions its code calls ({@link #DEFINE_TABLE_ACTIONS}, {@link #CREATE_TABLE_ACTIONS},
 * {@link #VERIFY_TABLE_ACTIONS}, and, on users' own partitions only, {@link #TOKEN_GENERATION_TABLE_ACTIONS} and
 * {@link #POST_CONFIRMATION_TABLE_ACTIONS}); Create may
 * also send email from the configured sender only ({@code ses:SendEmail} on that identity, with an
 * {@code ses:FromAddress} condition) and, when SMS is enabled, publish SMS (never to a topic); Create and Verify may
 * encrypt and decrypt with the key for TOTP secrets, if any, and only with Stepwise's encryption context.
 *
 * <p>The key material never enters the template or the environment: the secret is generated at deploy time in Secrets
 * Manager (or adopted, {@link StepwiseTriggersProps#secret()}), the functions get its ARN as
 * {@value #SECRET_ARN_VARIABLE} and read the value at init. A resource policy on the secret denies
 * {@code GetSecretValue} to every principal but the roles that read it. Logs are written in Lambda's JSON format, so each
 * line carries the request id.
 *
 * @see <a href="https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-challenge.html">Custom
 *     authentication challenge Lambda triggers</a>
 */
public final class StepwiseTriggers extends Construct {

    /** The Lambda runtime the triggers run on; bytecode stays at Java 17. */
    public static final Runtime RUNTIME = Runtime.JAVA_21;

    /**
     * Define Auth Challenge entry point in the shaded jar. The three custom-auth handlers are named by class alone:
     * Lambda's runtime then serves them through their {@code RequestStreamHandler} interface (they read and write
     * their events themselves), as the emulator's child JVMs do.
     */
    public static final String DEFINE_HANDLER = "dev.stepwise.lambda.DefineAuthChallengeHandler";

    /** Create Auth Challenge entry point. */
    public static final String CREATE_HANDLER = "dev.stepwise.lambda.CreateAuthChallengeHandler";

    /** Verify Auth Challenge Response entry point. */
    public static final String VERIFY_HANDLER = "dev.stepwise.lambda.VerifyAuthChallengeHandler";

    /**
     * Pre token generation entry point (event version 2): the token guard and the factor claims; a stream handler too,
     * named by class alone.
     */
    public static final String TOKEN_GENERATION_HANDLER = "dev.stepwise.lambda.PreTokenGenerationHandler";

    /** Post confirmation entry point: revokes a user's trusted devices when the password is reset. */
    public static final String POST_CONFIRMATION_HANDLER = "dev.stepwise.lambda.PostConfirmationHandler::handleRequest";

    /** The alias the user pool invokes. */
    public static final String ALIAS = "live";

    /** The variable that carries the state table's name to the functions. */
    public static final String STATE_TABLE_VARIABLE = "STEPWISE_STATE_TABLE";

    /** The variable that carries the ARN of the Secrets Manager secret holding the HMAC key to the functions. */
    public static final String SECRET_ARN_VARIABLE = "STEPWISE_SECRET_ARN";

    /** The function setting that allows enrolling an authenticator app during sign-in. */
    public static final String TOTP_SETUP_VARIABLE = "STEPWISE_TOTP_SETUP";

    /** The setting that turns on passkey set-up during sign-in; Verify then sends a notice, as for TOTP. */
    public static final String PASSKEY_SETUP_VARIABLE = "STEPWISE_PASSKEY_SETUP";

    /**
     * DynamoDB actions Define calls on the state table: the lockout check, failure counts and locks, clearing them
     * after a success ({@code AbuseGuard}), reading enrolments and a chosen alternative.
     */
    public static final List<String> DEFINE_TABLE_ACTIONS = List.of(
            "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query");

    /** DynamoDB actions Create calls: send claims, cooldowns and counts, enrolments, earlier verdicts. */
    public static final List<String> CREATE_TABLE_ACTIONS = List.of(
            "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query");

    /**
     * DynamoDB actions Verify calls: TOTP enrolment and used steps, chosen alternatives, single-use links, backup
     * codes, verdicts, used codes, and the guess it reserves before checking an answer ({@code UpdateItem}).
     */
    public static final List<String> VERIFY_TABLE_ACTIONS = List.of(
            "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query");

    /**
     * DynamoDB actions pre token generation calls: finding the sign-in's mark ({@code Query}) and taking it with a
     * conditional delete. It writes nothing else.
     */
    public static final List<String> TOKEN_GENERATION_TABLE_ACTIONS = List.of("dynamodb:Query", "dynamodb:DeleteItem");

    /**
     * DynamoDB actions post confirmation calls: listing the user's trusted devices ({@code Query}) and deleting them.
     * It writes nothing else and reads no secret.
     */
    public static final List<String> POST_CONFIRMATION_TABLE_ACTIONS = List.of("dynamodb:Query", "dynamodb:DeleteItem");

    /**
     * The partition keys pre token generation and post confirmation may touch: a user's own partition
     * ({@code user#<pool>#<username>}), where the marks and the trusted devices live. IAM cannot narrow further (to a
     * sort-key prefix or to one pool, whose id would make the pool and the functions depend on each other).
     */
    static final String USER_PARTITIONS = "user#*";

    /** The variable that carries the ARN of the key for TOTP secrets to the functions. */
    public static final String KMS_KEY_VARIABLE = "STEPWISE_KMS_KEY_ID";

    /**
     * The only encryption-context key the functions use with the secrets key ({@code KmsSecretBox.CONTEXT_KEY} in the
     * functions jar): their grant is limited to requests whose context has exactly this key.
     */
    static final String KMS_CONTEXT_KEY = "stepwise:context-sha256";

    /*
     * Cognito waits 5 s for a trigger and then retries (which sends a second code). With SnapStart a restore takes
     * well under a second; 5 s leaves room for one SES or DynamoDB call on a cold path.
     */
    private static final Duration TIMEOUT = Duration.seconds(5);

    private final ISecret secret;
    private final Function define;
    private final Function create;
    private final Function verify;
    private final Function tokenGeneration;
    private final Function postConfirmation;
    private final Alias defineAlias;
    private final Alias createAlias;
    private final Alias verifyAlias;
    private final Alias tokenGenerationAlias;
    private final Alias postConfirmationAlias;

    /**
     * Creates the secret and the three functions with their aliases.
     *
     * @param scope the parent construct
     * @param id this construct's id
     * @param props where the jar is and the functions' settings
     */
    public StepwiseTriggers(Construct scope, String id, StepwiseTriggersProps props) {
        super(scope, id);
        Objects.requireNonNull(props, "props");
        secret = props.secret() != null ? props.secret() : generatedSecret(props);

        Code code = Code.fromAsset(props.functionsJar().toString());
        Map<String, String> environment = new LinkedHashMap<>(props.environment());
        environment.put("STEPWISE_POLICY", props.policy());
        environment.put(SECRET_ARN_VARIABLE, secret.getSecretArn());
        if (props.senderAddress() != null) {
            environment.put("STEPWISE_EMAIL_FROM", props.senderAddress());
        }
        if (props.stateTable() != null) {
            environment.put(STATE_TABLE_VARIABLE, props.stateTable().getTableName());
        }
        if (props.secretsKey() != null) {
            environment.put(KMS_KEY_VARIABLE, props.secretsKey().getKeyArn());
        }
        environment.putIfAbsent("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");

        define = function("Define", DEFINE_HANDLER, code, environment, props);
        create = function("Create", CREATE_HANDLER, code, environment, props);
        verify = function("Verify", VERIFY_HANDLER, code, environment, props);
        tokenGeneration = props.tokenGuard()
                ? function("TokenGeneration", TOKEN_GENERATION_HANDLER, code, environment, props)
                : null;
        // Trusted devices live in the state table: without one there is nothing to revoke.
        postConfirmation = props.stateTable() != null
                ? function("PostConfirmation", POST_CONFIRMATION_HANDLER, code, environment, props)
                : null;
        List<Function> all = tokenGeneration == null
                ? List.of(define, create, verify)
                : List.of(define, create, verify, tokenGeneration);
        // With TOTP or passkey set-up during sign-in on, Verify tells the owner of an enrolment on their other channel.
        boolean setup = "on".equals(environment.get(TOTP_SETUP_VARIABLE))
                || "on".equals(environment.get(PASSKEY_SETUP_VARIABLE));
        List<Function> senders = setup ? List.of(create, verify) : List.of(create);
        for (Function sender : senders) {
            if (props.senderAddress() != null) {
                sender.addToRolePolicy(sendEmail(props.senderAddress()));
            }
            if (props.smsEnabled()) {
                // SMS to a phone number has no resource ARN; NotResource on every SNS ARN still rules out topics.
                sender.addToRolePolicy(PolicyStatement.Builder.create()
                        .effect(Effect.ALLOW)
                        .actions(List.of("sns:Publish"))
                        .notResources(List.of("arn:" + Stack.of(this).getPartition() + ":sns:*:*:*"))
                        .build());
            }
        }
        if (props.stateTable() != null) {
            useTable(define, props.stateTable(), DEFINE_TABLE_ACTIONS);
            useTable(create, props.stateTable(), CREATE_TABLE_ACTIONS);
            useTable(verify, props.stateTable(), VERIFY_TABLE_ACTIONS);
            if (tokenGeneration != null) {
                useUserPartitions(tokenGeneration, props.stateTable(), TOKEN_GENERATION_TABLE_ACTIONS);
            }
            useUserPartitions(postConfirmation, props.stateTable(), POST_CONFIRMATION_TABLE_ACTIONS);
        }
        // Pre token generation reads the settings the way the others do, secret included, at init.
        for (Function function : all) {
            function.addToRolePolicy(PolicyStatement.Builder.create()
                    .effect(Effect.ALLOW)
                    .actions(List.of("secretsmanager:GetSecretValue"))
                    .resources(List.of(secret.getSecretArn()))
                    .build());
        }
        // A resource of its own (not Secret.addToResourcePolicy) so that an adopted secret gets it too.
        ResourcePolicy readers = ResourcePolicy.Builder.create(this, "SecretReaders")
                .secret(secret)
                .build();
        readers.getDocument()
                .addStatements(PolicyStatement.Builder.create()
                        .sid("OnlyTheStepwiseTriggersReadTheKey")
                        .effect(Effect.DENY)
                        .principals(List.of(new AnyPrincipal()))
                        .actions(List.of("secretsmanager:GetSecretValue"))
                        .resources(List.of("*"))
                        .conditions(Map.of(
                                "StringNotEquals",
                                Map.of(
                                        "aws:PrincipalArn",
                                        all.stream()
                                                .map(function ->
                                                        function.getRole().getRoleArn())
                                                .toList())))
                        .build());
        if (props.secretsKey() != null) {
            // Create seals a new set-up secret and reopens it when a set-up round is repeated; Verify opens set-up and
            // enrolled secrets and seals the enrolled one. Define never touches secrets.
            for (Function function : List.of(create, verify)) {
                function.addToRolePolicy(useSecretsKey(props.secretsKey()));
            }
        }
        defineAlias = alias("DefineLive", define);
        createAlias = alias("CreateLive", create);
        verifyAlias = alias("VerifyLive", verify);
        tokenGenerationAlias = tokenGeneration == null ? null : alias("TokenGenerationLive", tokenGeneration);
        postConfirmationAlias = postConfirmation == null ? null : alias("PostConfirmationLive", postConfirmation);
    }

    private Function function(
            String name, String handler, Code code, Map<String, String> environment, StepwiseTriggersProps props) {
        LogGroup logs = LogGroup.Builder.create(this, name + "Logs")
                .retention(props.logRetention())
                .removalPolicy(props.removalPolicy())
                .build();
        Role role = Role.Builder.create(this, name + "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Stepwise " + name + " Auth Challenge trigger")
                .build();
        logs.grantWrite(role);
        Function function = Function.Builder.create(this, name)
                .runtime(RUNTIME)
                .architecture(Architecture.ARM_64)
                .handler(handler)
                .code(code)
                .timeout(TIMEOUT)
                .memorySize(props.memorySize())
                .environment(environment)
                .logGroup(logs)
                .loggingFormat(LoggingFormat.JSON)
                .role(role)
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .build();
        Annotations.of(function)
                .acknowledgeWarning(
                        "@aws-cdk/aws-lambda:snapStartRequirePublish",
                        "The alias publishes a version (currentVersion) and the pool invokes the alias");
        suppressRuntimeFinding(function);
        return function;
    }

    /**
     * Records why the functions run on {@link #RUNTIME} although Lambda offers a newer Java runtime.
     *
     * @param function a Java function of this project
     */
    static void suppressRuntimeFinding(Function function) {
        NagSuppressions.addResourceSuppressions(
                function,
                List.of(
                        NagPackSuppression.builder()
                                .id("AwsSolutions-L1")
                                .reason(RUNTIME_REASON)
                                .build(),
                        NagPackSuppression.builder()
                                .id("Serverless-LambdaLatestVersion")
                                .reason(RUNTIME_REASON)
                                .build(),
                        NagPackSuppression.builder()
                                .id("Serverless-LambdaTracing")
                                .reason("Each invocation writes structured JSON log lines carrying the request id"
                                        + " (Lambda's JSON log format); X-Ray tracing would add per-trace cost and an"
                                        + " xray grant on '*', since X-Ray has no resource-level permissions.")
                                .build(),
                        NagPackSuppression.builder()
                                .id("Serverless-LambdaDLQ")
                                .reason("Invoked synchronously only (Cognito waits for the trigger's answer;"
                                        + " CloudFormation's custom-resource provider waits for the attach handler): a"
                                        + " dead-letter queue receives failed asynchronous invocations alone, so it"
                                        + " would never hold anything. Failures reach the caller and the log.")
                                .build()));
    }

    private Secret generatedSecret(StepwiseTriggersProps props) {
        Secret generated = Secret.Builder.create(this, "Secret")
                .description("Stepwise HMAC key for challenge metadata and codes (read by the triggers at init through"
                        + " " + SECRET_ARN_VARIABLE + ")")
                // 64 characters of [A-Za-z0-9] are valid base64 of 48 bytes, about 380 bits of entropy.
                .generateSecretString(SecretStringGenerator.builder()
                        .passwordLength(64)
                        .excludePunctuation(true)
                        .includeSpace(false)
                        .build())
                .removalPolicy(props.removalPolicy())
                .build();
        NagSuppressions.addResourceSuppressions(
                generated,
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-SMG4")
                        .reason("Rotation is a manual, two-stage procedure rather than a rotation Lambda: put a new"
                                + " secret value (AWSCURRENT moves to it, AWSPREVIOUS keeps the old one, which the"
                                + " functions still accept so sign-ins in flight finish), then publish new function"
                                + " versions so the SnapStart snapshots read it at init (docs/security.md).")
                        .build()));
        return generated;
    }

    private static void useUserPartitions(Function function, ITable table, List<String> actions) {
        function.addToRolePolicy(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(actions)
                .resources(List.of(table.getTableArn()))
                .conditions(Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", List.of(USER_PARTITIONS))))
                .build());
    }

    private static void useTable(Function function, ITable table, List<String> actions) {
        function.addToRolePolicy(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(actions)
                .resources(List.of(table.getTableArn()))
                .build());
    }

    private static final String RUNTIME_REASON = "java21 is the project's chosen runtime (bytecode is Java 17): a"
            + " supported LTS with SnapStart; moving to java25 is a one-line change of StepwiseTriggers.RUNTIME once it is"
            + " tested.";

    private Alias alias(String id, Function function) {
        return Alias.Builder.create(this, id)
                .aliasName(ALIAS)
                .version(function.getCurrentVersion())
                .build();
    }

    private static PolicyStatement useSecretsKey(IKey key) {
        return PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(List.of("kms:Encrypt", "kms:Decrypt"))
                .resources(List.of(key.getKeyArn()))
                // Null=false: ForAllValues alone would also match a request with no encryption context.
                .conditions(Map.of(
                        "ForAllValues:StringEquals",
                        Map.of("kms:EncryptionContextKeys", List.of(KMS_CONTEXT_KEY)),
                        "Null",
                        Map.of("kms:EncryptionContextKeys", "false")))
                .build();
    }

    private PolicyStatement sendEmail(String senderAddress) {
        Stack stack = Stack.of(this);
        String identities =
                "arn:" + stack.getPartition() + ":ses:" + stack.getRegion() + ":" + stack.getAccount() + ":identity/";
        String domain = senderAddress.substring(senderAddress.indexOf('@') + 1);
        // SES authorises against the verified identity: the address itself, or its domain.
        return PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(List.of("ses:SendEmail"))
                .resources(List.of(identities + senderAddress, identities + domain))
                .conditions(Map.of("StringEquals", Map.of("ses:FromAddress", senderAddress)))
                .build();
    }

    /**
     * Lets Cognito invoke the aliases for one user pool only ({@code SourceArn} and {@code SourceAccount}
     * conditions). A pool built with the CDK {@code UserPool} construct adds these itself; use this for a pool that
     * is not managed by CDK.
     *
     * @param userPoolArn the pool's ARN
     */
    public void allowInvokeFrom(String userPoolArn) {
        Objects.requireNonNull(userPoolArn, "userPoolArn");
        List<Alias> aliases = new java.util.ArrayList<>(List.of(defineAlias, createAlias, verifyAlias));
        if (tokenGenerationAlias != null) {
            aliases.add(tokenGenerationAlias);
        }
        if (postConfirmationAlias != null) {
            aliases.add(postConfirmationAlias);
        }
        for (Alias alias : aliases) {
            alias.addPermission(
                    "CognitoInvoke",
                    Permission.builder()
                            .principal(new ServicePrincipal("cognito-idp.amazonaws.com"))
                            .action("lambda:InvokeFunction")
                            .sourceArn(userPoolArn)
                            .sourceAccount(Stack.of(this).getAccount())
                            .build());
        }
    }

    /** The Define Auth Challenge trigger: the {@value #ALIAS} alias, the ARN a pool's LambdaConfig should hold. */
    public IFunction defineAuthChallenge() {
        return defineAlias;
    }

    /** The Create Auth Challenge trigger: the {@value #ALIAS} alias. */
    public IFunction createAuthChallenge() {
        return createAlias;
    }

    /** The Verify Auth Challenge Response trigger: the {@value #ALIAS} alias. */
    public IFunction verifyAuthChallengeResponse() {
        return verifyAlias;
    }

    /**
     * The pre token generation trigger (event version 2, {@code V2_0}): the {@value #ALIAS} alias. It refuses tokens to
     * sign-ins that went around the three triggers unless {@code STEPWISE_TOKEN_GUARD} is {@code off}, and adds the
     * factor claims.
     */
    public IFunction preTokenGeneration() {
        if (tokenGenerationAlias == null) {
            throw new IllegalStateException(
                    "these triggers were built with tokenGuard(false): no pre token generation");
        }
        return tokenGenerationAlias;
    }

    /**
     * The post confirmation trigger: the {@value #ALIAS} alias. On a confirmed password reset
     * ({@code PostConfirmation_ConfirmForgotPassword}) it revokes every device the user trusted.
     *
     * @throws IllegalStateException when these triggers were built without a state table
     */
    public IFunction postConfirmation() {
        if (postConfirmationAlias == null) {
            throw new IllegalStateException("these triggers were built without a state table: no trusted devices, so"
                    + " no post confirmation to revoke them");
        }
        return postConfirmationAlias;
    }

    /** The post confirmation function itself, or {@code null} without a state table. */
    public Function postConfirmationFunction() {
        return postConfirmation;
    }

    /** The pre token generation function itself (for metrics, alarms or extra grants), or {@code null} without one. */
    public Function tokenGenerationFunction() {
        return tokenGeneration;
    }

    /** The three functions themselves (for metrics, alarms or extra grants), in Define, Create, Verify order. */
    public List<Function> functions() {
        return List.of(define, create, verify);
    }

    /** The secret that holds the HMAC key, generated or adopted; the functions get its ARN. */
    public ISecret secret() {
        return secret;
    }
}
