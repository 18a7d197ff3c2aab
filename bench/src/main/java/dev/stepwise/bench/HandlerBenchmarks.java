package dev.stepwise.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolCreateAuthChallengeEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolDefineAuthChallengeEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolVerifyAuthChallengeResponseEvent;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import dev.stepwise.lambda.CreateAuthChallengeHandler;
import dev.stepwise.lambda.DefineAuthChallengeHandler;
import dev.stepwise.lambda.LocalContext;
import dev.stepwise.lambda.VerifyAuthChallengeHandler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Warm per-invocation cost of the three handlers, as Lambda calls them after the first event: the same handler
 * instance, an event already deserialised by the runtime, the log line built and handed to the logger. The handlers are
 * built through their public {@code (Map, Clock)} constructors; Create's SES v2 client sends to a stub on loopback that
 * answers at once, so its figure is Stepwise's own work plus the SDK's request path, without a network's latency.
 */
@State(Scope.Benchmark)
public class HandlerBenchmarks {
    /** The environment of the benchmarked functions. */
    public static final Map<String, String> ENVIRONMENT = Map.of(
            "STEPWISE_POLICY", "email_code",
            "STEPWISE_SECRET",
                    Base64.getEncoder()
                            .encodeToString("stepwise-benchmark-secret-32-bytes!".getBytes(StandardCharsets.UTF_8)),
            "STEPWISE_EMAIL_FROM", "no-reply@example.com",
            "AWS_REGION", "us-east-1",
            "AWS_ACCESS_KEY_ID", "bench",
            "AWS_SECRET_ACCESS_KEY", "bench",
            "STEPWISE_ABUSE_CONTROLS", "off");

    private final Context context = LocalContext.quiet("bench");
    private SesStub ses;
    private DefineAuthChallengeHandler define;
    private CreateAuthChallengeHandler create;
    private VerifyAuthChallengeHandler verify;
    private CognitoUserPoolDefineAuthChallengeEvent defineEvent;
    private CognitoUserPoolCreateAuthChallengeEvent createEvent;
    private CognitoUserPoolVerifyAuthChallengeResponseEvent verifyEvent;

    /**
     * Builds the handlers through their public constructors, Create's SES client pointed at a stub on loopback, and a
     * Verify event that answers a real challenge correctly.
     */
    @Setup
    public void setUp() throws IOException {
        ses = SesStub.start();
        Map<String, String> environment = new HashMap<>(ENVIRONMENT);
        environment.put("STEPWISE_AWS_ENDPOINT", ses.endpoint().toString());
        define = new DefineAuthChallengeHandler(environment, Clock.systemUTC());
        create = new CreateAuthChallengeHandler(environment, Clock.systemUTC());
        verify = new VerifyAuthChallengeHandler(environment, Clock.systemUTC());
        defineEvent = read(BenchEvents.DEFINE, CognitoUserPoolDefineAuthChallengeEvent.class);
        createEvent = read(BenchEvents.CREATE, CognitoUserPoolCreateAuthChallengeEvent.class);
        CognitoUserPoolCreateAuthChallengeEvent created =
                create.handleRequest(read(BenchEvents.CREATE, CognitoUserPoolCreateAuthChallengeEvent.class), context);
        verifyEvent = read(
                BenchEvents.verify(
                        created.getResponse().getPrivateChallengeParameters().get("challenge"), ses.lastCode()),
                CognitoUserPoolVerifyAuthChallengeResponseEvent.class);
        if (!Boolean.TRUE.equals(verify(verifyEvent).getResponse().getAnswerCorrect())) {
            throw new IllegalStateException("the benchmark's Verify event is not answered correctly");
        }
    }

    /** Stops the SES stub. */
    @TearDown
    public void tearDown() {
        ses.close();
    }

    private CognitoUserPoolVerifyAuthChallengeResponseEvent verify(
            CognitoUserPoolVerifyAuthChallengeResponseEvent event) {
        return verify.handleRequest(event, context);
    }

    /** Define, first round: presents the email-code challenge. */
    @Benchmark
    public Object define() {
        return define.handleRequest(defineEvent, context);
    }

    /** Create, first round: a new code, sealed, sent to the loopback SES stub. */
    @Benchmark
    public Object create() {
        return create.handleRequest(createEvent, context);
    }

    /** Verify: the right code. */
    @Benchmark
    public Object verify() {
        return verify(verifyEvent);
    }

    private static <T> T read(String json, Class<T> type) {
        return JacksonFactory.getInstance()
                .getSerializer(type)
                .fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }
}
