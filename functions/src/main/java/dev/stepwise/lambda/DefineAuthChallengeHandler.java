package dev.stepwise.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolDefineAuthChallengeEvent;
import dev.stepwise.core.CodeDelivery;
import dev.stepwise.core.CustomAuthFlow;
import dev.stepwise.core.Decision;
import dev.stepwise.core.SignInContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Map;

/**
 * The Define Auth Challenge trigger: decides, from the policy and the rounds so far, whether Cognito issues tokens,
 * fails the sign-in, asks for the SRP password check ({@code PASSWORD_VERIFIER}) or presents a custom challenge. See
 * {@link dev.stepwise.core.Decider} for the rules. Thread-safe.
 *
 * @see <a href="https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-define-auth-challenge.html">
 *     Define auth challenge Lambda trigger</a>
 */
public final class DefineAuthChallengeHandler
        implements RequestHandler<CognitoUserPoolDefineAuthChallengeEvent, CognitoUserPoolDefineAuthChallengeEvent>,
                RequestStreamHandler {
    private final CustomAuthFlow flow;
    private final Clock clock;
    private final LogSink sink;
    private final InvocationLog log;

    /** Reads its settings from the process environment, as on Lambda. */
    public DefineAuthChallengeHandler() {
        this(System.getenv());
    }

    /**
     * Reads its settings from {@code environment} (see {@link FunctionSetting}).
     *
     * @throws dev.stepwise.core.ConfigurationException when the settings are invalid; the message says how to fix them
     */
    public DefineAuthChallengeHandler(Map<String, String> environment) {
        this(environment, Clock.systemUTC());
    }

    /**
     * Reads its settings from {@code environment} and takes the time from {@code clock} (tests and the emulator's
     * clock).
     *
     * @throws dev.stepwise.core.ConfigurationException when the settings are invalid; the message says how to fix them
     */
    public DefineAuthChallengeHandler(Map<String, String> environment, Clock clock) {
        this(FunctionWiring.from(environment), clock);
    }

    private DefineAuthChallengeHandler(FunctionWiring wiring, Clock clock) {
        this(wiring.defineFlow(), clock, LogSink.lambdaLogger());
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
    public static DefineAuthChallengeHandler create(CustomAuthFlow flow, Clock clock) {
        return new DefineAuthChallengeHandler(flow, clock, LogSink.lambdaLogger());
    }

    DefineAuthChallengeHandler(CustomAuthFlow flow, Clock clock, LogSink sink) {
        this.flow = flow;
        this.clock = clock;
        this.sink = sink;
        this.log = new InvocationLog(sink);
    }

    /**
     * This handler for {@link Priming}'s synthetic sign-ins: the same flow, with its own decoys and {@code fallback}
     * for a medium this function has no sender for.
     */
    DefineAuthChallengeHandler forPriming(CodeDelivery fallback) {
        return new DefineAuthChallengeHandler(flow.forPriming(fallback), clock, sink);
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
                EventJson::define,
                event -> handleRequest(event, context),
                event -> EventJson.response(event.getResponse()),
                problem -> log.unread(context, problem));
    }

    @Override
    public CognitoUserPoolDefineAuthChallengeEvent handleRequest(
            CognitoUserPoolDefineAuthChallengeEvent event, Context context) {
        log.record(CognitoEventMapper.facts(event), context, () -> {
            SignInContext signIn = CognitoEventMapper.toSignInContext(event);
            Decision decision = flow.define(signIn, clock.instant());
            CognitoEventMapper.writeDecision(event, decision);
            return outcome(signIn, decision);
        });
        return event;
    }

    private static InvocationLog.Outcome outcome(SignInContext signIn, Decision decision) {
        String reason = decision instanceof Decision.Fail fail ? fail.reason() : null;
        String factor = decision instanceof Decision.Present present
                ? (present.selection() ? "choice" : present.factor().id())
                : null;
        return new InvocationLog.Outcome(
                decision.outcome(), reason, signIn.history().size() + 1, factor, null);
    }
}
