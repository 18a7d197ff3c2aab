package dev.stepwise.lambda;

import com.amazonaws.services.lambda.runtime.Context;
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
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The three handlers over one flow, an in-memory state table, a recording sender that can be made to fail, a clock the
 * test sets and captured log lines. The only place that knows how handlers and flows are constructed. The state table
 * name defaults to one that exists, so the abuse controls are on unless the settings say
 * {@code STEPWISE_ABUSE_CONTROLS=off}.
 */
final class HandlerRig {
    enum Trigger {
        DEFINE("DefineAuthChallenge_Authentication"),
        CREATE("CreateAuthChallenge_Authentication"),
        VERIFY("VerifyAuthChallengeResponse_Authentication");

        final String source;

        Trigger(String source) {
            this.source = source;
        }
    }

    final InMemoryStateStore state;
    final List<CodeMessage> messages = new CopyOnWriteArrayList<>();
    final List<String> logLines = new CopyOnWriteArrayList<>();
    volatile Instant now = Triggers.START;
    volatile Supplier<RuntimeException> sendFailure;
    final AtomicInteger invocations = new AtomicInteger();
    private final Context context;
    private final DefineAuthChallengeHandler define;
    private final CreateAuthChallengeHandler create;
    private final VerifyAuthChallengeHandler verify;

    private HandlerRig(Map<String, String> settings, InMemoryStateStore state, boolean lambdaLogger) {
        this.state = state;
        Map<String, String> environment = new HashMap<>(settings);
        environment.putIfAbsent("STEPWISE_SECRET", Triggers.SECRET);
        environment.putIfAbsent("STEPWISE_EMAIL_FROM", "no-reply@example.com");
        environment.putIfAbsent("STEPWISE_STATE_TABLE", "stepwise-state");
        FunctionConfig config = FunctionConfig.from(environment);
        CodeDelivery delivery = message -> {
            Supplier<RuntimeException> failure = sendFailure;
            if (failure != null) {
                throw failure.get();
            }
            messages.add(message);
        };
        CustomAuthFlow flow = CustomAuthFlow.builder()
                .policies(config.policies())
                .keys(config.keys())
                .codes(new CodeGenerator(new SecureRandom()))
                .templates(config.templates())
                .deliveries(Map.of(DeliveryMedium.EMAIL, delivery, DeliveryMedium.SMS, delivery))
                .sleeper(pause -> {})
                .stateStore(state)
                .secrets(new AesGcmSecretBox(config.keys(), new SecureRandom()))
                .factorSettings(config.factorSettings())
                .abuseLimits(config.abuseLimits())
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
        context = lambdaLogger ? new CapturingContext(logLines) : null;
        define = new DefineAuthChallengeHandler(flow, clock, sink);
        create = new CreateAuthChallengeHandler(flow, clock, sink);
        verify = new VerifyAuthChallengeHandler(flow, clock, sink);
    }

    /** Handlers over a new state table that write their log lines straight into {@link #logLines}. */
    static HandlerRig create(Map<String, String> settings) {
        return create(settings, new InMemoryStateStore());
    }

    /** Handlers over {@code state}, shared with other rigs, that write their log lines into {@link #logLines}. */
    static HandlerRig create(Map<String, String> settings, InMemoryStateStore state) {
        return new HandlerRig(settings, state, false);
    }

    /** Handlers that log through {@link LogSink#lambdaLogger()} and the invocation context's logger, as on Lambda. */
    static HandlerRig withLambdaLogger(Map<String, String> settings) {
        return new HandlerRig(settings, new InMemoryStateStore(), true);
    }

    /** Deserializes {@code json} as the Lambda Java runtime does, runs the handler, serializes its answer. */
    String call(Trigger trigger, String json) {
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

    /** Reads {@code json} as the runtime does and, when it can, runs the handler, catching whatever it throws. */
    Invocation invoke(Trigger trigger, String json) {
        Object event;
        try {
            event = read(trigger, json);
        } catch (RuntimeException e) {
            return new Invocation(null, null, null, List.of());
        }
        int before = logLines.size();
        Throwable thrown = null;
        String output = null;
        try {
            output = write(trigger, handle(trigger, event));
        } catch (RuntimeException | StackOverflowError e) {
            thrown = e;
        }
        return new Invocation(event, thrown, output, List.copyOf(logLines.subList(before, logLines.size())));
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
