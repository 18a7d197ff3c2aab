package dev.stepwise.infra;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The three Stepwise custom-auth triggers (Define, Create and Verify Auth Challenge) as Lambda functions built from
 * the one shaded jar of the {@code functions} module.
 *
 * <p>The functions read the user pool id and app client id from each event, never from their environment, so that
 * a pool can reference them without a circular dependency (aws-cdk#7016). Wiring them into a pool is left to the
 * stacks that compose this construct.
 *
 * @see <a href="https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-challenge.html">Custom
 *     authentication challenge Lambda triggers</a>
 */
public final class StepwiseTriggers extends Construct {

    /** The Lambda runtime the triggers run on; bytecode stays at Java 17. */
    public static final Runtime RUNTIME = Runtime.JAVA_21;

    /** Handler entry points in the shaded jar. */
    public static final String DEFINE_HANDLER = "dev.stepwise.lambda.DefineAuthChallengeHandler::handleRequest";

    public static final String CREATE_HANDLER = "dev.stepwise.lambda.CreateAuthChallengeHandler::handleRequest";
    public static final String VERIFY_HANDLER = "dev.stepwise.lambda.VerifyAuthChallengeHandler::handleRequest";

    private final Function define;
    private final Function create;
    private final Function verify;

    /**
     * Creates the three functions.
     *
     * @param scope the parent construct
     * @param id this construct's id
     * @param props where the jar is and the functions' environment (the Stepwise policy and settings)
     */
    public StepwiseTriggers(Construct scope, String id, StepwiseTriggersProps props) {
        super(scope, id);
        Objects.requireNonNull(props, "props");
        Code code = Code.fromAsset(props.functionsJar().toString());
        Map<String, String> environment = new LinkedHashMap<>(props.environment());
        environment.put("STEPWISE_POLICY", props.policy());
        define = function("Define", DEFINE_HANDLER, code, environment, props);
        create = function("Create", CREATE_HANDLER, code, environment, props);
        verify = function("Verify", VERIFY_HANDLER, code, environment, props);
    }

    private Function function(
            String name, String handler, Code code, Map<String, String> environment, StepwiseTriggersProps props) {
        LogGroup logs = LogGroup.Builder.create(this, name + "Logs")
                .retention(RetentionDays.ONE_MONTH)
                .build();
        return Function.Builder.create(this, name)
                .runtime(RUNTIME)
                .architecture(Architecture.ARM_64)
                .handler(handler)
                .code(code)
                // Cognito waits 5 s for a trigger and then retries; more memory also means more CPU at cold start.
                .timeout(Duration.seconds(5))
                .memorySize(props.memorySize())
                .environment(environment)
                .logGroup(logs)
                .build();
    }

    /** The Define Auth Challenge function. */
    public IFunction defineAuthChallenge() {
        return define;
    }

    /** The Create Auth Challenge function. */
    public IFunction createAuthChallenge() {
        return create;
    }

    /** The Verify Auth Challenge Response function. */
    public IFunction verifyAuthChallengeResponse() {
        return verify;
    }
}
