package dev.stepwise.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnRule;
import software.amazon.awscdk.CfnRuleAssertion;
import software.amazon.awscdk.CustomResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.customresources.Provider;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * Attaches the Stepwise triggers to an existing user pool, given by id, with the state table and the key for TOTP
 * secrets ({@link StepwiseBackend}).
 *
 * <p>An imported pool cannot take triggers through CDK (aws-cdk#10002), and {@code UpdateUserPool} resets every
 * setting it is not sent, Lambda triggers included. So a custom resource ({@code Custom::StepwiseTriggerAttachment},
 * handler {@code dev.stepwise.attach.AttachHandler} from the {@code attach} module) reads the pool's whole
 * configuration with {@code DescribeUserPool}, changes only the three custom-auth triggers and writes everything else
 * back unchanged; on stack deletion it restores the triggers the pool had before (kept in its physical id). It refuses
 * a pool that already has other custom-auth triggers unless {@code replaceExistingTriggers} is set, and a pool where
 * some client can get tokens around the triggers (the same check as {@code stepwise audit}) unless
 * {@code allowBypassFlows} is set, in which case the findings are in the {@value #AUDIT_OUTPUT} output. Post
 * confirmation (revokes trusted devices on a password reset) is attached only when the pool has no post confirmation
 * trigger of its own, never replacing one; the {@value #POST_CONFIRMATION_OUTPUT} output says which.
 *
 * <p>The stack must be deployed in the pool's region and account: the app sets the stack's region from the pool id,
 * and a CloudFormation rule checks it.
 * CloudFormation does not manage the pool: if something else later rewrites the pool's LambdaConfig, deploy this
 * stack again with a changed input, or the triggers stay detached.
 */
public final class ExistingPoolStack extends Stack {

    /** The custom resource type. */
    public static final String RESOURCE_TYPE = "Custom::StepwiseTriggerAttachment";
    /** The custom-resource handler's entry point in the attach jar. */
    public static final String ATTACH_HANDLER = "dev.stepwise.attach.AttachHandler::handleRequest";
    /** Output: the user pool id. */
    public static final String USER_POOL_ID_OUTPUT = StepwiseBackend.USER_POOL_ID_OUTPUT;
    /** Output: the audit's summary at attach time. */
    public static final String AUDIT_OUTPUT = "AttachAudit";
    /** Output: the region. */
    public static final String REGION_OUTPUT = StepwiseBackend.REGION_OUTPUT;
    /** Output: whether post confirmation was attached, or why not. */
    public static final String POST_CONFIRMATION_OUTPUT = "AttachPostConfirmation";

    private final StepwiseBackend backend;
    private final CustomResource attachment;

    /**
     * Creates the stack.
     *
     * @param scope the app
     * @param id the stack id
     * @param stackProps the stack's environment and name
     * @param settings the app settings; {@code userPoolId} is required
     */
    public ExistingPoolStack(Construct scope, String id, StackProps stackProps, StepwiseSettings settings) {
        super(scope, id, stackProps);
        Objects.requireNonNull(settings, "settings");
        String poolId = Objects.requireNonNull(settings.userPoolId(), "settings.userPoolId");
        if (!Files.isRegularFile(settings.attachJar())) {
            throw new IllegalArgumentException("The attach jar " + settings.attachJar()
                    + " does not exist: build it first with ./mvnw -pl attach package");
        }
        String poolArn = formatArnOf("cognito-idp", "userpool/" + poolId);
        String poolRegion = poolId.substring(0, poolId.indexOf('_'));
        CfnRule.Builder.create(this, "PoolInStackRegion")
                .assertions(List.of(CfnRuleAssertion.builder()
                        .assertValue(Fn.conditionEquals(Aws.REGION, poolRegion))
                        .assertDescription("User pool " + poolId + " is in " + poolRegion
                                + ": deploy this stack there (AWS_REGION or the profile's region)")
                        .build()))
                .build();

        // The attach handler writes the three custom-auth triggers, and post confirmation where the pool has none of
        // its
        // own: pre token generation is built as for a new pool, and Cognito may invoke it, but attaching it is left to
        // the owner (docs/deploy.md).
        backend = new StepwiseBackend(this, settings, true);
        StepwiseTriggers triggers = backend.triggers();
        triggers.allowInvokeFrom(poolArn);

        LogGroup attachLogs = LogGroup.Builder.create(this, "AttachLogs")
                .retention(software.amazon.awscdk.services.logs.RetentionDays.ONE_MONTH)
                .removalPolicy(settings.removalPolicy())
                .build();
        Role attachRole = Role.Builder.create(this, "AttachRole")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Stepwise: attaches the custom-auth triggers to user pool " + poolId)
                .build();
        attachLogs.grantWrite(attachRole);
        attachRole.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of(
                        "cognito-idp:DescribeUserPool",
                        "cognito-idp:UpdateUserPool",
                        // Read-only, for the audit that runs before attaching.
                        "cognito-idp:ListUserPoolClients",
                        "cognito-idp:DescribeUserPoolClient"))
                .resources(List.of(poolArn))
                .build());
        Function attachFunction = Function.Builder.create(this, "AttachFunction")
                .description("Stepwise: attaches the custom-auth triggers to an existing user pool")
                .runtime(StepwiseTriggers.RUNTIME)
                .architecture(Architecture.ARM_64)
                .handler(ATTACH_HANDLER)
                .code(Code.fromAsset(settings.attachJar().toString()))
                .memorySize(512)
                .timeout(Duration.minutes(1))
                .role(attachRole)
                .logGroup(attachLogs)
                .loggingFormat(LoggingFormat.JSON)
                .build();
        StepwiseTriggers.suppressRuntimeFinding(attachFunction);

        LogGroup providerLogs = LogGroup.Builder.create(this, "AttachProviderLogs")
                .retention(software.amazon.awscdk.services.logs.RetentionDays.ONE_MONTH)
                .removalPolicy(settings.removalPolicy())
                .build();
        Role providerRole = Role.Builder.create(this, "AttachProviderRole")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Stepwise: CDK custom-resource framework for the trigger attachment")
                .build();
        providerLogs.grantWrite(providerRole);
        Provider provider = Provider.Builder.create(this, "AttachProvider")
                .onEventHandler(attachFunction)
                .frameworkOnEventRole(providerRole)
                .logGroup(providerLogs)
                .build();
        NagSuppressions.addResourceSuppressions(
                providerRole,
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-IAM5")
                        .reason("CDK's Provider framework grants invoke on the attach function and its versions"
                                + " (<arn>:*); the wildcard covers qualifiers of that one function only.")
                        .appliesTo(List.of(RegexAppliesTo.builder()
                                .regex("/^Resource::<AttachFunction[0-9A-F]+\\.Arn>:\\*$/")
                                .build()))
                        .build()),
                true);
        NagSuppressions.addResourceSuppressions(
                provider,
                List.of(
                        NagPackSuppression.builder()
                                .id("Serverless-LambdaDefaultMemorySize")
                                .reason(
                                        "CDK's Provider framework function (framework-onEvent), whose size CDK chooses; it"
                                                + " relays one custom-resource event per deploy.")
                                .build(),
                        NagPackSuppression.builder()
                                .id("Serverless-LambdaTracing")
                                .reason("CDK's Provider framework function relays one event per deploy and logs it;"
                                        + " tracing would add an xray grant on '*' for no insight.")
                                .build(),
                        NagPackSuppression.builder()
                                .id("Serverless-LambdaDLQ")
                                .reason("CloudFormation invokes the Provider framework synchronously through its"
                                        + " service token; a dead-letter queue would never receive anything.")
                                .build()),
                true);

        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("UserPoolId", poolId);
        properties.put("DefineAuthChallenge", triggers.defineAuthChallenge().getFunctionArn());
        properties.put("CreateAuthChallenge", triggers.createAuthChallenge().getFunctionArn());
        properties.put(
                "VerifyAuthChallengeResponse",
                triggers.verifyAuthChallengeResponse().getFunctionArn());
        // Attached only where the pool has no post confirmation trigger of its own; the output says which.
        properties.put("PostConfirmation", triggers.postConfirmation().getFunctionArn());
        properties.put("ReplaceExistingTriggers", Boolean.toString(settings.replaceExistingTriggers()));
        properties.put("AllowBypassFlows", Boolean.toString(settings.allowBypassFlows()));
        properties.put(
                "Policy",
                (settings.policy() + " " + settings.functionSettings().getOrDefault("STEPWISE_CLIENT_POLICIES", ""))
                        .strip());
        attachment = CustomResource.Builder.create(this, "Attachment")
                .serviceToken(provider.getServiceToken())
                .resourceType(RESOURCE_TYPE)
                .properties(properties)
                .build();
        // Cognito must be allowed to invoke the aliases before the pool points at them.
        attachment.getNode().addDependency(triggers);

        backend.addOutputs(poolId, "The user pool the triggers are attached to");
        CfnOutput.Builder.create(this, AUDIT_OUTPUT)
                .value(attachment.getAttString("Audit"))
                .description("What the audit found at attach time: ways to tokens around the triggers (accepted with"
                        + " allowBypassFlows=true) and weak settings; run 'stepwise audit' for the fixes")
                .build();
        CfnOutput.Builder.create(this, POST_CONFIRMATION_OUTPUT)
                .value(attachment.getAttString("PostConfirmationResult"))
                .description("Whether Stepwise's post confirmation (revokes trusted devices on a password reset) was"
                        + " attached; a pool's own post confirmation trigger is never replaced")
                .build();
    }

    private String formatArnOf(String service, String resource) {
        return "arn:" + getPartition() + ":" + service + ":" + getRegion() + ":" + getAccount() + ":" + resource;
    }

    /** The triggers. */
    public StepwiseTriggers triggers() {
        return backend.triggers();
    }

    /** The state table. */
    public ITable stateTable() {
        return backend.stateTable();
    }

    /** The KMS key that encrypts TOTP secrets at rest. */
    public IKey secretsKey() {
        return backend.secretsKey();
    }

    /** The custom resource that attaches the triggers. */
    public CustomResource attachment() {
        return attachment;
    }
}
