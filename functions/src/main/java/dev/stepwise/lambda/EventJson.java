package dev.stepwise.lambda;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolCreateAuthChallengeEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolDefineAuthChallengeEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolVerifyAuthChallengeResponseEvent;
import dev.stepwise.lambda.aws.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;

/**
 * The custom-auth events as the handlers read and write them on Lambda. The three handlers are
 * {@code RequestStreamHandler}s, so Lambda's Java runtime hands them the event's bytes and sends back what they
 * write, and never builds its own JSON serializer for the event beans: in a fresh JVM that serializer (the runtime's
 * shaded Jackson, a bean deserializer and serializer per type) costs more than the rest of a cold start's
 * sign-in work. Here the event is read into the aws-lambda-java-events bean the handler's typed entry point takes,
 * and the answer is the event as it came with its {@code response} replaced: every other field (those Cognito may
 * add, numbers included) goes back as Cognito sent it. The response holds the fields the runtime's serializer would
 * write for the bean, which leaves out nulls.
 *
 * <p>Reading is strict where a lenient reader would guess: the body must be one JSON object with no name twice; a
 * field of the wrong JSON type (an object where a string belongs, a string where a boolean belongs) is a {@link
 * MalformedEventException}, as is anything that is not JSON. Strings in string maps may come as numbers or
 * booleans (kept as their text, as the runtime's serializer does); {@code null} is an absent value.
 */
final class EventJson {
    private EventJson() {}

    /**
     * One invocation through a handler's JSON entry point: reads the event ({@code read} makes the bean of the
     * handler's type), answers it with the handler's typed entry point ({@code answer}), and writes the event back
     * with the response the answered bean holds ({@code response}; {@code null}: the response as it came). A body
     * that cannot be read is thrown as what {@code unreadable} makes of it (the handler's log line and the fixed text
     * the user sees); nothing is written then.
     */
    static <E> void serve(
            InputStream input,
            OutputStream output,
            Function<Map<String, Object>, E> read,
            Consumer<E> answer,
            Function<E, Map<String, Object>> response,
            UnaryOperator<RuntimeException> unreadable)
            throws IOException {
        Map<String, Object> fields;
        E event;
        try {
            fields = read(input);
            event = read.apply(fields);
        } catch (RuntimeException problem) {
            throw unreadable.apply(problem);
        }
        answer.accept(event);
        write(fields, response.apply(event), output);
    }

    /** The event's fields. */
    static Map<String, Object> read(InputStream input) {
        byte[] body;
        try {
            body = input.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("the event could not be read", e);
        }
        Object value;
        try {
            value = Json.parseExact(body);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("the event is not one JSON object: " + e.getMessage());
        }
        if (!(value instanceof Map<?, ?>)) {
            throw new MalformedEventException("the event is not a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) value;
        return fields;
    }

    /** Writes {@code event} with its {@code response} replaced by {@code response}, or as it came when that is null. */
    static void write(Map<String, Object> event, Map<String, Object> response, OutputStream output) throws IOException {
        Map<String, Object> answer = new LinkedHashMap<>(event);
        if (response != null) {
            answer.put("response", response);
        }
        output.write(Json.writeExact(answer).getBytes(StandardCharsets.UTF_8));
    }

    static CognitoUserPoolDefineAuthChallengeEvent define(Map<String, Object> fields) {
        CognitoUserPoolDefineAuthChallengeEvent event = new CognitoUserPoolDefineAuthChallengeEvent();
        common(event, fields);
        Map<String, Object> request = object(fields, "request");
        if (request != null) {
            CognitoUserPoolDefineAuthChallengeEvent.Request read =
                    new CognitoUserPoolDefineAuthChallengeEvent.Request();
            read.setUserAttributes(strings(request, "userAttributes"));
            read.setClientMetadata(strings(request, "clientMetadata"));
            read.setUserNotFound(bool(request, "userNotFound"));
            read.setSession(session(
                    request,
                    CognitoUserPoolDefineAuthChallengeEvent.ChallengeResult[]::new,
                    CognitoUserPoolDefineAuthChallengeEvent.ChallengeResult::new));
            event.setRequest(read);
        }
        return event;
    }

    static CognitoUserPoolCreateAuthChallengeEvent create(Map<String, Object> fields) {
        CognitoUserPoolCreateAuthChallengeEvent event = new CognitoUserPoolCreateAuthChallengeEvent();
        common(event, fields);
        Map<String, Object> request = object(fields, "request");
        if (request != null) {
            CognitoUserPoolCreateAuthChallengeEvent.Request read =
                    new CognitoUserPoolCreateAuthChallengeEvent.Request();
            read.setUserAttributes(strings(request, "userAttributes"));
            read.setClientMetadata(strings(request, "clientMetadata"));
            read.setUserNotFound(bool(request, "userNotFound"));
            read.setChallengeName(string(request, "challengeName"));
            read.setSession(session(
                    request,
                    CognitoUserPoolCreateAuthChallengeEvent.ChallengeResult[]::new,
                    CognitoUserPoolCreateAuthChallengeEvent.ChallengeResult::new));
            event.setRequest(read);
        }
        return event;
    }

    static CognitoUserPoolVerifyAuthChallengeResponseEvent verify(Map<String, Object> fields) {
        CognitoUserPoolVerifyAuthChallengeResponseEvent event = new CognitoUserPoolVerifyAuthChallengeResponseEvent();
        common(event, fields);
        Map<String, Object> request = object(fields, "request");
        if (request != null) {
            CognitoUserPoolVerifyAuthChallengeResponseEvent.Request read =
                    new CognitoUserPoolVerifyAuthChallengeResponseEvent.Request();
            read.setUserAttributes(strings(request, "userAttributes"));
            read.setClientMetadata(strings(request, "clientMetadata"));
            read.setUserNotFound(bool(request, "userNotFound"));
            read.setPrivateChallengeParameters(strings(request, "privateChallengeParameters"));
            read.setChallengeAnswer(string(request, "challengeAnswer"));
            event.setRequest(read);
        }
        return event;
    }

    /**
     * A pre token generation event (version 2) with what the token guard reads: the trigger source, pool, user and
     * caller; its request (attributes, groups, scopes) is not read and goes back as it came.
     */
    static CognitoUserPoolPreTokenGenerationEventV2 tokenGenerationV2(Map<String, Object> fields) {
        CognitoUserPoolPreTokenGenerationEventV2 event = new CognitoUserPoolPreTokenGenerationEventV2();
        common(event, fields);
        return event;
    }

    /** The claims and scopes the handler set, as the runtime's serializer writes them (nulls left out). */
    static Map<String, Object> response(CognitoUserPoolPreTokenGenerationEventV2.Response response) {
        Map<String, Object> fields = new LinkedHashMap<>();
        CognitoUserPoolPreTokenGenerationEventV2.ClaimsAndScopeOverrideDetails details =
                response.getClaimsAndScopeOverrideDetails();
        if (details != null) {
            Map<String, Object> overrides = new LinkedHashMap<>();
            CognitoUserPoolPreTokenGenerationEventV2.IdTokenGeneration id = details.getIdTokenGeneration();
            if (id != null) {
                Map<String, Object> token = new LinkedHashMap<>();
                putUnlessNull(token, "claimsToAddOrOverride", id.getClaimsToAddOrOverride());
                putUnlessNull(token, "claimsToSuppress", list(id.getClaimsToSuppress()));
                overrides.put("idTokenGeneration", token);
            }
            CognitoUserPoolPreTokenGenerationEventV2.AccessTokenGeneration access = details.getAccessTokenGeneration();
            if (access != null) {
                Map<String, Object> token = new LinkedHashMap<>();
                putUnlessNull(token, "claimsToAddOrOverride", access.getClaimsToAddOrOverride());
                putUnlessNull(token, "claimsToSuppress", list(access.getClaimsToSuppress()));
                putUnlessNull(token, "scopesToAdd", list(access.getScopesToAdd()));
                putUnlessNull(token, "scopesToSuppress", list(access.getScopesToSuppress()));
                overrides.put("accessTokenGeneration", token);
            }
            CognitoUserPoolPreTokenGenerationEventV2.GroupOverrideDetails groups = details.getGroupOverrideDetails();
            if (groups != null) {
                Map<String, Object> group = new LinkedHashMap<>();
                putUnlessNull(group, "groupsToOverride", list(groups.getGroupsToOverride()));
                putUnlessNull(group, "iamRolesToOverride", list(groups.getIamRolesToOverride()));
                putUnlessNull(group, "preferredRole", groups.getPreferredRole());
                overrides.put("groupOverrideDetails", group);
            }
            fields.put("claimsAndScopeOverrideDetails", overrides);
        }
        return fields;
    }

    private static List<String> list(String[] values) {
        return values == null ? null : Arrays.asList(values);
    }

    static Map<String, Object> response(CognitoUserPoolDefineAuthChallengeEvent.Response response) {
        Map<String, Object> fields = new LinkedHashMap<>();
        putUnlessNull(fields, "challengeName", response.getChallengeName());
        fields.put("issueTokens", response.getIssueTokens());
        fields.put("failAuthentication", response.getFailAuthentication());
        return fields;
    }

    static Map<String, Object> response(CognitoUserPoolCreateAuthChallengeEvent.Response response) {
        Map<String, Object> fields = new LinkedHashMap<>();
        putUnlessNull(fields, "publicChallengeParameters", response.getPublicChallengeParameters());
        putUnlessNull(fields, "privateChallengeParameters", response.getPrivateChallengeParameters());
        putUnlessNull(fields, "challengeMetadata", response.getChallengeMetadata());
        return fields;
    }

    static Map<String, Object> response(CognitoUserPoolVerifyAuthChallengeResponseEvent.Response response) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("answerCorrect", response.getAnswerCorrect());
        return fields;
    }

    /** The runtime's serializer leaves out fields that are null; so does this. */
    private static void putUnlessNull(Map<String, Object> fields, String name, Object value) {
        if (value != null) {
            fields.put(name, value);
        }
    }

    private static void common(CognitoUserPoolEvent event, Map<String, Object> fields) {
        event.setVersion(string(fields, "version"));
        event.setTriggerSource(string(fields, "triggerSource"));
        event.setRegion(string(fields, "region"));
        event.setUserPoolId(string(fields, "userPoolId"));
        event.setUserName(string(fields, "userName"));
        Map<String, Object> caller = object(fields, "callerContext");
        if (caller != null) {
            event.setCallerContext(new CognitoUserPoolEvent.CallerContext(
                    string(caller, "awsSdkVersion"), string(caller, "clientId")));
        }
    }

    private static String string(Map<String, Object> fields, String name) {
        Object value = fields.get(name);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw wrongType(name, "a string");
    }

    private static boolean bool(Map<String, Object> fields, String name) {
        Object value = fields.get(name);
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean flag) {
            return flag;
        }
        throw wrongType(name, "true or false");
    }

    private static Map<String, Object> object(Map<String, Object> fields, String name) {
        Object value = fields.get(name);
        if (value == null || value instanceof Map<?, ?>) {
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) value;
            return object;
        }
        throw wrongType(name, "an object");
    }

    private static List<Object> array(Map<String, Object> fields, String name) {
        Object value = fields.get(name);
        if (value == null || value instanceof List<?>) {
            @SuppressWarnings("unchecked")
            List<Object> array = (List<Object>) value;
            return array;
        }
        throw wrongType(name, "an array");
    }

    /** One round of {@code request.session}, as the bean of the event's own type. */
    private interface RoundBean<R> {
        R of(String challengeName, boolean challengeResult, String challengeMetadata);
    }

    /** {@code request.session}, or {@code null} when absent; a {@code null} round stays {@code null}. */
    private static <R> R[] session(Map<String, Object> request, IntFunction<R[]> array, RoundBean<R> bean) {
        List<Object> session = array(request, "session");
        if (session == null) {
            return null;
        }
        R[] rounds = array.apply(session.size());
        for (int i = 0; i < rounds.length; i++) {
            Map<String, Object> round = element(session, i);
            if (round != null) {
                rounds[i] = bean.of(
                        string(round, "challengeName"),
                        bool(round, "challengeResult"),
                        string(round, "challengeMetadata"));
            }
        }
        return rounds;
    }

    private static Map<String, Object> element(List<Object> array, int index) {
        Object value = array.get(index);
        if (value == null || value instanceof Map<?, ?>) {
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) value;
            return object;
        }
        throw new MalformedEventException("request.session holds something other than objects");
    }

    /** A map of strings; values that are numbers or booleans become their text, {@code null} values stay. */
    private static Map<String, String> strings(Map<String, Object> fields, String name) {
        Map<String, Object> object = object(fields, name);
        if (object == null) {
            return null;
        }
        Map<String, String> strings = new HashMap<>();
        for (Map.Entry<String, Object> entry : object.entrySet()) {
            Object value = entry.getValue();
            if (value == null || value instanceof String) {
                strings.put(entry.getKey(), (String) value);
            } else if (value instanceof Json.Number number) {
                strings.put(entry.getKey(), number.text());
            } else if (value instanceof Boolean flag) {
                strings.put(entry.getKey(), flag.toString());
            } else {
                throw wrongType(name, "an object of strings");
            }
        }
        return strings;
    }

    private static MalformedEventException wrongType(String name, String expected) {
        return new MalformedEventException("the event's '" + name + "' is not " + expected);
    }
}
