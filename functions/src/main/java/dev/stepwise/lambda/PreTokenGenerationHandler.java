package dev.stepwise.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2;
import dev.stepwise.core.TokenGuard;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Map;

/**
 * The pre token generation trigger, event version 2 ({@code PreTokenGenerationConfig.LambdaVersion = V2_0}): the
 * token guard and the factor claims in both the ID and the access token. See {@link TokenGuard} for the rules: a
 * refresh passes; any other token issue needs the mark Define left when it let this sign-in through, or Cognito issues
 * no tokens. For pools without access-token customization (Cognito's Lite plan), use
 * {@link PreTokenGenerationV1Handler}. Thread-safe.
 *
 * @see <a href="https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html">
 *     Pre token generation Lambda trigger</a>
 */
public final class PreTokenGenerationHandler
        implements RequestHandler<CognitoUserPoolPreTokenGenerationEventV2, CognitoUserPoolPreTokenGenerationEventV2>,
                RequestStreamHandler {
    private final TokenGuardRunner runner;

    /** Reads its settings from the process environment, as on Lambda. */
    public PreTokenGenerationHandler() {
        this(System.getenv());
    }

    /**
     * Reads its settings from {@code environment} (see {@link FunctionSetting}).
     *
     * @throws IllegalArgumentException when the settings are invalid; the message says how to fix them
     */
    public PreTokenGenerationHandler(Map<String, String> environment) {
        this(environment, Clock.systemUTC());
    }

    /**
     * Reads its settings from {@code environment} and takes the time from {@code clock}.
     *
     * @throws IllegalArgumentException when the settings are invalid; the message says how to fix them
     */
    public PreTokenGenerationHandler(Map<String, String> environment, Clock clock) {
        this(TokenGuardRunner.guard(environment), clock, LogSink.lambdaLogger());
    }

    PreTokenGenerationHandler(TokenGuard guard, Clock clock, LogSink sink) {
        this.runner = new TokenGuardRunner(guard, clock, sink);
    }

    /**
     * Lambda's entry point: reads the event's JSON ({@link EventJson}), answers it as the typed {@code
     * handleRequest} does, and writes the event back, its response replaced when claims were added. A body that is
     * not such an event gets no tokens (logged, and shown to the user only as the fixed failure text).
     */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        EventJson.serve(
                input,
                output,
                EventJson::tokenGenerationV2,
                event -> handleRequest(event, context),
                event -> event.getResponse() == null ? null : EventJson.response(event.getResponse()),
                problem -> runner.unread(context, problem));
    }

    @Override
    public CognitoUserPoolPreTokenGenerationEventV2 handleRequest(
            CognitoUserPoolPreTokenGenerationEventV2 event, Context context) {
        Map<String, String> claims =
                runner.run(CognitoEventMapper.facts(event), context, () -> TokenEventMapper.toTokenRequest(event));
        TokenEventMapper.writeClaims(event, claims);
        return event;
    }
}
