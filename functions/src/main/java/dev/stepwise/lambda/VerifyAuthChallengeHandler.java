package dev.stepwise.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolVerifyAuthChallengeResponseEvent;
import dev.stepwise.core.CodeDelivery;
import dev.stepwise.core.CustomAuthFlow;
import dev.stepwise.core.VerifyResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Map;

/**
 * The Verify Auth Challenge Response trigger: checks the answer against the keyed hash in the private challenge
 * parameters, in constant time. Expired codes, malformed answers, tampered parameters and unknown users are wrong
 * answers. Thread-safe.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-verify-auth-challenge-response.html">
 *     Verify auth challenge response Lambda trigger</a>
 */
public final class VerifyAuthChallengeHandler
        implements RequestHandler<
                        CognitoUserPoolVerifyAuthChallengeResponseEvent,
                        CognitoUserPoolVerifyAuthChallengeResponseEvent>,
                RequestStreamHandler {
    private final CustomAuthFlow flow;
    private final Clock clock;
    private final LogSink sink;
    private final InvocationLog log;

    /** Reads its settings from the process environment, as on Lambda. */
    public VerifyAuthChallengeHandler() {
        this(System.getenv());
    }

    /**
     * Reads its settings from {@code environment} (see {@link FunctionSetting}).
     *
     * @throws dev.stepwise.core.ConfigurationException when the settings are invalid; the message says how to fix them
     */
    public VerifyAuthChallengeHandler(Map<String, String> environment) {
        this(environment, Clock.systemUTC());
    }

    /**
     * Reads its settings from {@code environment} and takes the time from {@code clock} (tests and the emulator's
     * clock). With {@code STEPWISE_TOTP_SETUP=on} or {@code STEPWISE_PASSKEY_SETUP=on} it builds the SES/SNS senders
     * too, to tell the user of an authenticator app or a passkey added during sign-in.
     *
     * @throws dev.stepwise.core.ConfigurationException when the settings are invalid; the message says how to fix them
     */
    public VerifyAuthChallengeHandler(Map<String, String> environment, Clock clock) {
        this(FunctionWiring.from(environment), clock);
    }

    private VerifyAuthChallengeHandler(FunctionWiring wiring, Clock clock) {
        this(wiring.verifyFlow(), clock, LogSink.lambdaLogger());
        Priming.register(this, wiring);
    }

    /**
     * A handler over a flow built elsewhere, such as {@link FunctionWiring#flow(java.util.Map, dev.stepwise.core.StateStore)}
     * over another state table: for embedding and benchmarks. It logs through the invocation's {@code LambdaLogger}
     * and registers no SnapStart priming.
     *
     * @param flow the sign-in flow
     * @param clock the time
     */
    public static VerifyAuthChallengeHandler create(CustomAuthFlow flow, Clock clock) {
        return new VerifyAuthChallengeHandler(flow, clock, LogSink.lambdaLogger());
    }

    VerifyAuthChallengeHandler(CustomAuthFlow flow, Clock clock, LogSink sink) {
        this.flow = flow;
        this.clock = clock;
        this.sink = sink;
        this.log = new InvocationLog(sink);
    }

    /**
     * This handler for {@link Priming}'s synthetic sign-ins: the same flow, with its own decoys and {@code fallback}
     * for a medium this function has no sender for.
     */
    VerifyAuthChallengeHandler forPriming(CodeDelivery fallback) {
        return new VerifyAuthChallengeHandler(flow.forPriming(fallback), clock, sink);
    }

    CustomAuthFlow flow() {
        return flow;
    }

    /**
     * Lambda's entry point: reads the event's JSON ({@link EventJson}), answers it as the typed {@code
     * handleRequest} does, and writes the event back with its response. A body that is not such an event fails the
     * invocation (logged, and shown to the user only as the sign-in's fixed failure text).
     */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        EventJson.serve(
                input,
                output,
                EventJson::verify,
                event -> handleRequest(event, context),
                event -> EventJson.response(event.getResponse()),
                problem -> log.unread(context, problem));
    }

    @Override
    public CognitoUserPoolVerifyAuthChallengeResponseEvent handleRequest(
            CognitoUserPoolVerifyAuthChallengeResponseEvent event, Context context) {
        log.record(CognitoEventMapper.facts(event), context, () -> {
            VerifyResult result = flow.verify(CognitoEventMapper.toVerifyContext(event), clock.instant());
            CognitoEventMapper.writeVerdict(event, result);
            return new InvocationLog.Outcome(result.correct() ? "correct" : "wrong", result.reason(), 0, null, null);
        });
        return event;
    }
}
