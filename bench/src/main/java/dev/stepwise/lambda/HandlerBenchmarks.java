package dev.stepwise.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolCreateAuthChallengeEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolDefineAuthChallengeEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolVerifyAuthChallengeResponseEvent;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import dev.stepwise.bench.runtime.QuietContext;
import dev.stepwise.core.CodeDelivery;
import dev.stepwise.core.DeliveryMedium;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Warm per-invocation cost of the three handlers, as Lambda calls them after the first event: the same handler
 * instance, an event already deserialised by the runtime, the log line built and handed to the logger. Create's
 * delivery is a no-op, so the figure is Stepwise's own work (code, keyed hash, sealed metadata, message text), not
 * SES. Lives in the handlers' package to use Create's collaborator constructor for exactly that.
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
            "AWS_SECRET_ACCESS_KEY", "bench");

    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    private final Context context = new QuietContext();
    private DefineAuthChallengeHandler define;
    private CreateAuthChallengeHandler create;
    private VerifyAuthChallengeHandler verify;
    private CognitoUserPoolDefineAuthChallengeEvent defineEvent;
    private CognitoUserPoolCreateAuthChallengeEvent createEvent;
    private CognitoUserPoolVerifyAuthChallengeResponseEvent verifyEvent;

    /** Builds the handlers and events, and a Verify event that answers a real challenge correctly. */
    @Setup
    public void setUp() {
        FunctionWiring config = FunctionWiring.from(ENVIRONMENT);
        CodeDelivery none = message -> {};
        define = new DefineAuthChallengeHandler(ENVIRONMENT);
        create = new CreateAuthChallengeHandler(
                config.flow(Map.of(DeliveryMedium.EMAIL, none)), Clock.systemUTC(), LogSink.lambdaLogger());
        verify = new VerifyAuthChallengeHandler(ENVIRONMENT);
        defineEvent = read(dev.stepwise.bench.BenchEvents.DEFINE, CognitoUserPoolDefineAuthChallengeEvent.class);
        createEvent = read(dev.stepwise.bench.BenchEvents.CREATE, CognitoUserPoolCreateAuthChallengeEvent.class);

        AtomicReference<String> sent = new AtomicReference<>();
        CreateAuthChallengeHandler capturing = new CreateAuthChallengeHandler(
                config.flow(Map.of(DeliveryMedium.EMAIL, message -> sent.set(message.body()))),
                Clock.systemUTC(),
                LogSink.lambdaLogger());
        CognitoUserPoolCreateAuthChallengeEvent created = capturing.handleRequest(
                read(dev.stepwise.bench.BenchEvents.CREATE, CognitoUserPoolCreateAuthChallengeEvent.class), context);
        Matcher code = CODE.matcher(sent.get());
        if (!code.find()) {
            throw new IllegalStateException("Create sent no code");
        }
        verifyEvent = read(
                dev.stepwise.bench.BenchEvents.verify(
                        created.getResponse().getPrivateChallengeParameters().get("challenge"), code.group(1)),
                CognitoUserPoolVerifyAuthChallengeResponseEvent.class);
        if (!Boolean.TRUE.equals(verify(verifyEvent).getResponse().getAnswerCorrect())) {
            throw new IllegalStateException("the benchmark's Verify event is not answered correctly");
        }
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

    /** Create, first round: a new code, sealed, delivery excluded. */
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
