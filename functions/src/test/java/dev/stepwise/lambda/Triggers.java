package dev.stepwise.lambda;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolCreateAuthChallengeEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolDefineAuthChallengeEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolVerifyAuthChallengeResponseEvent;
import dev.stepwise.core.CodeDelivery;
import dev.stepwise.core.CodeMessage;
import dev.stepwise.core.CustomAuthFlow;
import dev.stepwise.core.DeliveryMedium;
import dev.stepwise.core.InMemoryStateStore;
import dev.stepwise.core.StateStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

final class Triggers {
    static final String SECRET =
            Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    static final Instant START = Instant.parse("2026-11-22T03:00:00Z");
    private static final Pattern CODE = Pattern.compile("\\b([0-9]{4,10})\\b");

    final List<CodeMessage> messages = new CopyOnWriteArrayList<>();
    final List<String> logLines = new CopyOnWriteArrayList<>();
    final StateStore state;
    Instant now = START;
    final DefineAuthChallengeHandler define;
    final CreateAuthChallengeHandler create;
    final VerifyAuthChallengeHandler verify;

    Triggers(String policy) {
        this(Map.of("STEPWISE_POLICY", policy));
    }

    Triggers(Map<String, String> settings) {
        this(settings, null);
    }

    Triggers(Map<String, String> settings, CodeDelivery failingDelivery) {
        this(settings, failingDelivery, new InMemoryStateStore());
    }

    Triggers(Map<String, String> settings, CodeDelivery failingDelivery, StateStore state) {
        this.state = state;
        Map<String, String> environment = new HashMap<>(settings);
        environment.putIfAbsent("STEPWISE_SECRET", SECRET);
        environment.putIfAbsent("STEPWISE_EMAIL_FROM", "no-reply@example.com");
        environment.putIfAbsent("STEPWISE_STATE_TABLE", "stepwise-state");
        CodeDelivery delivery = failingDelivery != null ? failingDelivery : messages::add;
        CustomAuthFlow flow = FunctionWiring.from(environment)
                .flow(Map.of(DeliveryMedium.EMAIL, delivery, DeliveryMedium.SMS, delivery), state);
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
        define = new DefineAuthChallengeHandler(flow, clock, logLines::add);
        create = new CreateAuthChallengeHandler(flow, clock, logLines::add);
        verify = new VerifyAuthChallengeHandler(flow, clock, logLines::add);
    }

    String define(String json) {
        Class<CognitoUserPoolDefineAuthChallengeEvent> type = CognitoUserPoolDefineAuthChallengeEvent.class;
        return LambdaJson.write(define.handleRequest(LambdaJson.read(json, type), null), type);
    }

    String create(String json) {
        Class<CognitoUserPoolCreateAuthChallengeEvent> type = CognitoUserPoolCreateAuthChallengeEvent.class;
        return LambdaJson.write(create.handleRequest(LambdaJson.read(json, type), null), type);
    }

    String verify(String json) {
        Class<CognitoUserPoolVerifyAuthChallengeResponseEvent> type =
                CognitoUserPoolVerifyAuthChallengeResponseEvent.class;
        return LambdaJson.write(verify.handleRequest(LambdaJson.read(json, type), null), type);
    }

    String lastCode() {
        Matcher matcher = CODE.matcher(messages.get(messages.size() - 1).body());
        if (!matcher.find()) {
            throw new AssertionError("no code in the last message");
        }
        return matcher.group(1);
    }
}
