package dev.stepwise.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import io.github.cdklabs.cdknag.ServerlessChecks;
import java.util.List;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.CfnRule;
import software.amazon.awscdk.CfnRuleAssertion;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app: one stack, {@value #NEW_POOL_STACK} or {@value #EXISTING_POOL_STACK} by the {@code mode} context key
 * (see {@link StepwiseSettings}), checked by cdk-nag's AwsSolutions and Serverless packs on every synth.
 */
public final class StepwiseApp {

    /** Stack name in {@code mode=new}. */
    public static final String NEW_POOL_STACK = "StepwiseNewPool";
    /** Stack name in {@code mode=existing}. */
    public static final String EXISTING_POOL_STACK = "StepwiseExistingPool";

    private StepwiseApp() {}

    /**
     * Builds the stack for the app's context and applies cdk-nag.
     *
     * @param app the app, with its context
     * @return the stack
     */
    public static Stack build(App app) {
        StepwiseSettings settings = StepwiseSettings.fromContext(app.getNode()::tryGetContext);
        // The account and region of the CLI's profile, when there is one (synth needs none); an existing pool fixes
        // the region, since the triggers must live beside it.
        String region = settings.mode() == StepwiseSettings.Mode.EXISTING
                ? settings.userPoolId().substring(0, settings.userPoolId().indexOf('_'))
                : System.getenv("CDK_DEFAULT_REGION");
        StackProps props = StackProps.builder()
                .env(Environment.builder()
                        .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                        .region(region)
                        .build())
                .description("Stepwise: Amazon Cognito custom authentication triggers")
                .build();
        Stack stack =
                switch (settings.mode()) {
                    case NEW -> new NewPoolStack(app, NEW_POOL_STACK, props, settings);
                    case EXISTING -> new ExistingPoolStack(app, EXISTING_POOL_STACK, props, settings);
                };
        if (settings.example()) {
            // Synth, ls and diff work with the committed example; a deploy stops before anything is created.
            CfnRule.Builder.create(stack, "NotTheExampleSettings")
                    .assertions(List.of(CfnRuleAssertion.builder()
                            .assertValue(Fn.conditionEquals("example-settings", "deployable"))
                            .assertDescription("These are the example settings (infra/settings/example.json): copy them"
                                    + " to infra/settings/<environment>.json, set your own values, remove \"example\","
                                    + " and deploy with -c settings=settings/<environment>.json")
                            .build()))
                    .build();
        }
        Aspects.of(app)
                .add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        Aspects.of(app)
                .add(new ServerlessChecks(NagPackProps.builder().verbose(true).build()));
        return stack;
    }

    /** Synthesises the app; {@code cdk synth} and {@code cdk deploy} run this through cdk.json. */
    public static void main(String[] args) {
        App app = new App();
        build(app);
        app.synth();
    }
}
