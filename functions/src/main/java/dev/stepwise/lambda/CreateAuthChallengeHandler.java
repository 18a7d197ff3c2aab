package dev.stepwise.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolCreateAuthChallengeEvent;
import dev.stepwise.core.CodeDelivery;
import dev.stepwise.core.CustomAuthFlow;
import dev.stepwise.core.IssuedChallenge;
import dev.stepwise.core.SignInContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Map;

/**
 * The Create Auth Challenge trigger: makes the challenge that Define asked for, sends the code by email (SES v2) or
 * SMS (SNS), and answers the public challenge contract, the private parameters for Verify and the sealed round
 * metadata. A retried invocation for the same round sends the same code; see
 * {@link CustomAuthFlow#create} for how and for the limits. A failed send throws, so Cognito fails the step. Thread-safe.
 *
 * @see <a href="https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-create-auth-challenge.html">
 *     Create auth challenge Lambda trigger</a>
 */
public final class CreateAuthChallengeHandler
        implements RequestHandler<CognitoUserPoolCreateAuthChallengeEvent, CognitoUserPoolCreateAuthChallengeEvent>,
                RequestStreamHandler {
    private final CustomAuthFlow flow;
    private final Clock clock;
    private final LogSink sink;
    private final InvocationLog log;

    /** Reads its settings from the process environment, as on Lambda, and builds the SES/SNS clients once. */
    public CreateAuthChallengeHandler() {
        this(System.getenv());
    }

    /**
     * Reads its settings from {@code environment} (see {@link FunctionSetting}) and builds the SES/SNS clients the
     * policies need, once.
     *
     * @throws dev.stepwise.core.ConfigurationException when the settings are invalid; the message says how to fix them
     */
    public CreateAuthChallengeHandler(Map<String, String> environment) {
        this(environment, Clock.systemUTC());
    }

    /**
     * Reads its settings from {@code environment}, builds the SES/SNS clients once, and takes the time from
     * {@code clock} (tests and the emulator's clock).
     *
     * @throws dev.stepwise.core.ConfigurationException when the settings are invalid; the message says how to fix them
     */
    public CreateAuthChallengeHandler(Map<String, String> environment, Clock clock) {
        this(FunctionWiring.from(environment), clock);
    }

    private CreateAuthChallengeHandler(FunctionWiring wiring, Clock clock) {
        this(wiring.createFlow(), clock, LogSink.lambdaLogger());
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
    public static CreateAuthChallengeHandler create(CustomAuthFlow flow, Clock clock) {
        return new CreateAuthChallengeHandler(flow, clock, LogSink.lambdaLogger());
    }

    CreateAuthChallengeHandler(CustomAuthFlow flow, Clock clock, LogSink sink) {
        this.flow = flow;
        this.clock = clock;
        this.sink = sink;
        this.log = new InvocationLog(sink);
    }

    /**
     * This handler for {@link Priming}'s synthetic sign-ins: the same flow, with its own decoys and {@code fallback}
     * for a medium this function has no sender for.
     */
    CreateAuthChallengeHandler forPriming(CodeDelivery fallback) {
        return new CreateAuthChallengeHandler(flow.forPriming(fallback), clock, sink);
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
                EventJson::create,
                event -> handleRequest(event, context),
                event -> EventJson.response(event.getResponse()),
                problem -> log.unread(context, problem));
    }

    @Override
    public CognitoUserPoolCreateAuthChallengeEvent handleRequest(
            CognitoUserPoolCreateAuthChallengeEvent event, Context context) {
        log.record(CognitoEventMapper.facts(event), context, () -> {
            SignInContext signIn = CognitoEventMapper.toSignInContext(event);
            IssuedChallenge challenge = flow.create(signIn, clock.instant());
            CognitoEventMapper.writeChallenge(event, challenge);
            return new InvocationLog.Outcome(
                    signIn.userNotFound() ? "decoy" : "challenge",
                    challenge.decision().reusable() != null ? "code reused after a wrong answer" : null,
                    signIn.history().size() + 1,
                    challenge.decision().selection()
                            ? "choice"
                            : challenge.decision().factor().id(),
                    challenge.sent());
        });
        return event;
    }
}
