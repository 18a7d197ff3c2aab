package dev.stepwise.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolCreateAuthChallengeEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolDefineAuthChallengeEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolVerifyAuthChallengeResponseEvent;
import dev.stepwise.core.AesGcmSecretBox;
import dev.stepwise.core.CodeDelivery;
import dev.stepwise.core.CodeGenerator;
import dev.stepwise.core.CodeMessage;
import dev.stepwise.core.CustomAuthFlow;
import dev.stepwise.core.DeliveryMedium;
import dev.stepwise.core.InMemoryStateStore;
import dev.stepwise.core.StateStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The three handlers over one flow, a state table, a recording sender that can be made to fail, a clock the test sets
 * and captured log lines: the one place that knows how handlers and flows are constructed for the functions' tests.
 * The state table name defaults to one that exists, so the abuse controls are on unless the settings say
 * {@code STEPWISE_ABUSE_CONTROLS=off}.
 *
 * <p>Built with {@code new HandlerRig(...)}, the flow is the one {@link FunctionConfig#flow} makes, decoy pauses
 * included; built with {@link #create} or {@link #withLambdaLogger}, it has no pauses, for the fuzz runs' thousands of
 * invocations.
 */
final class HandlerRig {
    static final String SECRET =
            Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    static final Instant START = Instant.parse("2026-11-22T03:00:00Z");
    private static final Pattern CODE = Pattern.compile("\\b([0-9]{4,10})\\b");

    enum Trigger {
        DEFINE("DefineAuthChallenge_Authentication"),
        CREATE("CreateAuthChallenge_Authentication"),
        VERIFY("VerifyAuthChallengeResponse_Authentication");

        final String source;

        Trigger(String source) {
            this.source = source;
        }
    }

    final StateStore state;
    final List<CodeMessage> messages = new CopyOnWriteArrayList<>();
    final List<String> logLines = new CopyOnWriteArrayList<>();
    volatile Instant now = START;
    volatile Supplier<RuntimeException> sendFailure;
    final AtomicInteger invocations = new AtomicInteger();
    final DefineAuthChallengeHandler define;
    final CreateAuthChallengeHandler create;
    final VerifyAuthChallengeHandler verify;
    private final Context context;

    /** Handlers for {@code policy}, over a new in-memory state table, with decoy pauses. */
    HandlerRig(String policy) {
        this(Map.of("STEPWISE_POLICY", policy));
    }

    /** Handlers over {@code settings} and a new in-memory state table, with decoy pauses. */
    HandlerRig(Map<String, String> settings) {
        this(settings, null);
    }

    /** As {@link #HandlerRig(Map)}, sending through {@code delivery} instead of recording, unless it is null. */
    HandlerRig(Map<String, String> settings, CodeDelivery delivery) {
        this(settings, delivery, new InMemoryStateStore());
    }

    /** As {@link #HandlerRig(Map, CodeDelivery)}, over {@code state}. */
    HandlerRig(Map<String, String> settings, CodeDelivery delivery, StateStore state) {
        this(settings, state, delivery, false, true);
    }

    private HandlerRig(
            Map<String, String> settings,
            StateStore state,
            CodeDelivery replacement,
            boolean lambdaLogger,
            boolean decoyPauses) {
        this.state = state;
        Map<String, String> environment = new HashMap<>(settings);
        environment.putIfAbsent("STEPWISE_SECRET", SECRET);
        environment.putIfAbsent("STEPWISE_EMAIL_FROM", "no-reply@example.com");
        environment.putIfAbsent("STEPWISE_STATE_TABLE", "stepwise-state");
        FunctionConfig config = FunctionConfig.from(environment);
        CodeDelivery delivery = replacement != null
                ? replacement
                : message -> {
                    Supplier<RuntimeException> failure = sendFailure;
                    if (failure != null) {
                        throw failure.get();
                    }
                    messages.add(message);
                };
        Map<DeliveryMedium, CodeDelivery> deliveries =
                Map.of(DeliveryMedium.EMAIL, delivery, DeliveryMedium.SMS, delivery);
        CustomAuthFlow flow = decoyPauses
                ? FunctionWiring.from(environment).flow(deliveries, state)
                : CustomAuthFlow.builder()
                        .policies(config.policies())
                        .keys(config.keys())
                        .codes(new CodeGenerator(new SecureRandom()))
                        .templates(config.templates())
                        .deliveries(deliveries)
                        .sleeper(pause -> {})
                        .stateStore(state)
                        .secrets(new AesGcmSecretBox(config.keys(), new SecureRandom()))
                        .factorSettings(config.factorSettings())
                        .abuseLimits(config.abuseLimits())
                        .factors(config.factors())
                        .build();
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        LogSink sink = lambdaLogger ? LogSink.lambdaLogger() : logLines::add;
        context = lambdaLogger ? LocalContext.capturing("stepwise", logLines::add) : null;
        define = new DefineAuthChallengeHandler(flow, clock, sink);
        create = new CreateAuthChallengeHandler(flow, clock, sink);
        verify = new VerifyAuthChallengeHandler(flow, clock, sink);
    }

    /** Handlers over a new state table that write their log lines straight into {@link #logLines}. */
    static HandlerRig create(Map<String, String> settings) {
        return create(settings, new InMemoryStateStore());
    }

    /** Handlers over {@code state}, shared with other rigs, that write their log lines into {@link #logLines}. */
    static HandlerRig create(Map<String, String> settings, StateStore state) {
        return new HandlerRig(settings, state, null, false, false);
    }

    /** Handlers that log through {@link LogSink#lambdaLogger()} and the invocation context's logger, as on Lambda. */
    static HandlerRig withLambdaLogger(Map<String, String> settings) {
        return new HandlerRig(settings, new InMemoryStateStore(), null, true, false);
    }

    /** The in-memory state table, for tests that break it or look inside. */
    InMemoryStateStore memory() {
        return (InMemoryStateStore) state;
    }

    /** Runs Define on {@code json} as the Lambda Java runtime would, and returns its serialized answer. */
    String define(String json) {
        return call(Trigger.DEFINE, json);
    }

    /** Runs Create on {@code json} as the Lambda Java runtime would, and returns its serialized answer. */
    String create(String json) {
        return call(Trigger.CREATE, json);
    }

    /** Runs Verify on {@code json} as the Lambda Java runtime would, and returns its serialized answer. */
    String verify(String json) {
        return call(Trigger.VERIFY, json);
    }

    /** The code in the last message sent. */
    String lastCode() {
        Matcher matcher = CODE.matcher(messages.get(messages.size() - 1).body());
        if (!matcher.find()) {
            throw new AssertionError("no code in the last message");
        }
        return matcher.group(1);
    }

    /**
     * Runs the handler on {@code json} as the Lambda Java runtime does: through its {@code RequestStreamHandler}
     * entry point, which reads the event and writes the answer itself.
     */
    String call(Trigger trigger, String json) {
        invocations.incrementAndGet();
        RequestStreamHandler handler =
                switch (trigger) {
                    case DEFINE -> define;
                    case CREATE -> create;
                    case VERIFY -> verify;
                };
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), answer, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return answer.toString(StandardCharsets.UTF_8);
    }

    /** As {@link #call}, through the typed entry point: the runtime's serializer reads the event and writes the answer. */
    String callTyped(Trigger trigger, String json) {
        return write(trigger, handle(trigger, read(trigger, json)));
    }

    /**
     * What one fuzzed invocation did.
     *
     * @param event the event the handler got (its response written), or {@code null} when the runtime could not read it
     * @param thrown what the handler threw, or {@code null}
     * @param output the serialized answer, or {@code null}
     * @param lines the log lines written during the invocation
     */
    record Invocation(Object event, Throwable thrown, String output, List<String> lines) {}

    /**
     * Runs the handler on {@code json} through its JSON entry point, as Lambda's runtime does, catching whatever it
     * throws. The event is what the handler reads from {@code json} and, once it answered, what the runtime's own
     * serializer reads from the answer (so the answer must be an event that serializer can read). A body the handler
     * cannot read must fail closed: the invocation must throw {@link SignInFailedException} and log one line, else
     * this throws {@link AssertionError}; it is then returned with a {@code null} event.
     */
    Invocation invoke(Trigger trigger, String json) {
        Object event;
        try {
            Map<String, Object> fields =
                    EventJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
            event = switch (trigger) {
                case DEFINE -> EventJson.define(fields);
                case CREATE -> EventJson.create(fields);
                case VERIFY -> EventJson.verify(fields);
            };
        } catch (MalformedEventException unreadable) {
            event = null;
        }
        int before = logLines.size();
        Throwable thrown = null;
        String output = null;
        try {
            output = call(trigger, json);
            event = read(trigger, output);
        } catch (RuntimeException | StackOverflowError e) {
            thrown = e;
        }
        List<String> lines = List.copyOf(logLines.subList(before, logLines.size()));
        if (event == null && (!(thrown instanceof SignInFailedException) || lines.size() != 1)) {
            throw new AssertionError("an unreadable event was not refused with the fixed text and one log line: "
                    + thrown + ", " + lines.size() + " lines, for " + json);
        }
        return new Invocation(event, thrown, output, lines);
    }

    /** Runs the handler on an event deserialized by {@link #read}; returns the event with its response. */
    Object handle(Trigger trigger, Object event) {
        invocations.incrementAndGet();
        return switch (trigger) {
            case DEFINE -> define.handleRequest((CognitoUserPoolDefineAuthChallengeEvent) event, context);
            case CREATE -> create.handleRequest((CognitoUserPoolCreateAuthChallengeEvent) event, context);
            case VERIFY -> verify.handleRequest((CognitoUserPoolVerifyAuthChallengeResponseEvent) event, context);
        };
    }

    /** The event as the Lambda Java runtime hands it to the handler; throws when the runtime could not read it. */
    static Object read(Trigger trigger, String json) {
        return LambdaJson.read(json, type(trigger));
    }

    /** The handler's answer as the Lambda Java runtime serializes it. */
    @SuppressWarnings("unchecked")
    static String write(Trigger trigger, Object event) {
        return LambdaJson.write(event, (Class<Object>) type(trigger));
    }

    private static Class<?> type(Trigger trigger) {
        return switch (trigger) {
            case DEFINE -> CognitoUserPoolDefineAuthChallengeEvent.class;
            case CREATE -> CognitoUserPoolCreateAuthChallengeEvent.class;
            case VERIFY -> CognitoUserPoolVerifyAuthChallengeResponseEvent.class;
        };
    }
}
