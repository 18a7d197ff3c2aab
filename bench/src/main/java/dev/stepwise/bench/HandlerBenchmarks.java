package dev.stepwise.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolCreateAuthChallengeEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolDefineAuthChallengeEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolVerifyAuthChallengeResponseEvent;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import dev.stepwise.lambda.CreateAuthChallengeHandler;
import dev.stepwise.lambda.DefineAuthChallengeHandler;
import dev.stepwise.lambda.LocalContext;
import dev.stepwise.lambda.PreTokenGenerationHandler;
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
 * Warm per-invocation cost of the handlers a sign-in runs, as Lambda calls them after the first event: the same handler
 * instance, an event already deserialised by the runtime, the log line built and handed to the logger. The handlers are
 * built through their public {@code (Map, Clock)} constructors; Create's SES v2 client sends to a stub on loopback that
 * answers at once, and the token guard (pre token generation) queries and deletes its sign-in mark in a state-table
 * stub on loopback ({@link DynamoDbStub}), so their figures are Stepwise's own work plus the SDK's request path, without
 * a network's latency.
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
    private DynamoDbStub stateTable;
    private DefineAuthChallengeHandler define;
    private CreateAuthChallengeHandler create;
    private VerifyAuthChallengeHandler verify;
    private PreTokenGenerationHandler tokenGuard;
    private CognitoUserPoolDefineAuthChallengeEvent defineEvent;
    private CognitoUserPoolCreateAuthChallengeEvent createEvent;
    private CognitoUserPoolVerifyAuthChallengeResponseEvent verifyEvent;
    private CognitoUserPoolPreTokenGenerationEventV2 tokenEvent;

    /**
     * Builds the handlers through their public constructors, Create's SES client pointed at a stub on loopback, the
     * token guard's state table at another, and a Verify event that answers a real challenge correctly.
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
        stateTable = DynamoDbStub.start("us-east-1_BENCH", "alice", "bench-client");
        Map<String, String> guardEnvironment = new HashMap<>(ENVIRONMENT);
        guardEnvironment.put("STEPWISE_AWS_ENDPOINT", stateTable.endpoint().toString());
        guardEnvironment.put("STEPWISE_STATE_TABLE", "stepwise-state");
        guardEnvironment.put("STEPWISE_ABUSE_CONTROLS", "on");
        tokenGuard = new PreTokenGenerationHandler(guardEnvironment, Clock.systemUTC());
        tokenEvent = read(BenchEvents.TOKEN_GENERATION, CognitoUserPoolPreTokenGenerationEventV2.class);
        CognitoUserPoolPreTokenGenerationEventV2 guarded = tokenGuard();
        if (guarded.getResponse() == null
                || guarded.getResponse().getClaimsAndScopeOverrideDetails() == null
                || stateTable.queries() != 1
                || stateTable.deletes() != 1) {
            throw new IllegalStateException(
                    "the benchmark's token guard took no sign-in mark with one Query and one" + " DeleteItem");
        }
    }

    /** Stops the stubs. */
    @TearDown
    public void tearDown() {
        ses.close();
        stateTable.close();
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

    /** The token guard on a sign-in that passed: one Query finds the sign-in's mark, one DeleteItem takes it. */
    @Benchmark
    public CognitoUserPoolPreTokenGenerationEventV2 tokenGuard() {
        return tokenGuard.handleRequest(tokenEvent, context);
    }

    private static <T> T read(String json, Class<T> type) {
        return JacksonFactory.getInstance()
                .getSerializer(type)
                .fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }
}
