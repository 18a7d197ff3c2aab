package dev.stepwise.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEvent;
import dev.stepwise.core.TokenGuard;
import java.time.Clock;
import java.util.Map;

/**
 * The pre token generation trigger, event version 1 ({@code LambdaConfig.PreTokenGeneration}, or
 * {@code PreTokenGenerationConfig.LambdaVersion = V1_0}): the same token guard as {@link PreTokenGenerationHandler},
 * with the factor claims in the ID token only, since version 1 cannot change the access token. For pools on Cognito's
 * Lite plan. Thread-safe.
 *
 * @see <a href="https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html">
 *     Pre token generation Lambda trigger</a>
 */
public final class PreTokenGenerationV1Handler
        implements RequestHandler<CognitoUserPoolPreTokenGenerationEvent, CognitoUserPoolPreTokenGenerationEvent> {
    private final TokenGuardRunner runner;

    /** Reads its settings from the process environment, as on Lambda. */
    public PreTokenGenerationV1Handler() {
        this(System.getenv());
    }

    /**
     * Reads its settings from {@code environment} (see {@link FunctionSetting}).
     *
     * @throws IllegalArgumentException when the settings are invalid; the message says how to fix them
     */
    public PreTokenGenerationV1Handler(Map<String, String> environment) {
        this(environment, Clock.systemUTC());
    }

    /**
     * Reads its settings from {@code environment} and takes the time from {@code clock}.
     *
     * @throws IllegalArgumentException when the settings are invalid; the message says how to fix them
     */
    public PreTokenGenerationV1Handler(Map<String, String> environment, Clock clock) {
        this(TokenGuardRunner.guard(environment), clock, LogSink.lambdaLogger());
    }

    PreTokenGenerationV1Handler(TokenGuard guard, Clock clock, LogSink sink) {
        this.runner = new TokenGuardRunner(guard, clock, sink);
    }

    @Override
    public CognitoUserPoolPreTokenGenerationEvent handleRequest(
            CognitoUserPoolPreTokenGenerationEvent event, Context context) {
        Map<String, String> claims =
                runner.run(CognitoEventMapper.facts(event), context, () -> TokenEventMapper.toTokenRequest(event));
        TokenEventMapper.writeClaims(event, claims);
        return event;
    }
}
