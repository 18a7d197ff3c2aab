package dev.stepwise.lambda;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolCreateAuthChallengeEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolDefineAuthChallengeEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolVerifyAuthChallengeResponseEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The Lambda runtime's own JSON reading of a handler's event and writing of its answer, done before the snapshot.
 * For a {@code RequestHandler} of a Cognito event, Lambda's Java runtime reads the event with {@code
 * JacksonFactory.getInstance().getSerializer(type).fromJson} and writes the answer with {@code toJson}, from
 * {@code aws-lambda-java-serialization}, outside the handler; in a fresh JVM the first of each takes tens of
 * milliseconds (its shaded Jackson builds the bean's deserializer and serializer and loads their classes), which
 * SnapStart would otherwise pay on the first real sign-in after every restore. The runtime's class path holds that
 * library and is the parent of the function's class loader, so it is found by name; nothing of it is compiled in
 * (the function's jar does not ship it). The instance is the runtime's own: {@code getInstance()} is one factory
 * over one {@code ObjectMapper}, so what is built here is what the runtime's serializer uses. Where the library is
 * absent (a class path without it, another runtime) or anything fails, this does nothing.
 */
final class RuntimeJson {
    private static final String FACTORY =
            "com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory";
    private static final String SERIALIZER = "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer";

    private final Class<? extends CognitoUserPoolEvent> type;
    private final Supplier<CognitoUserPoolEvent> question;
    private final Supplier<CognitoUserPoolEvent> answer;
    private final ClassLoader loader;

    private RuntimeJson(
            Class<? extends CognitoUserPoolEvent> type,
            Supplier<CognitoUserPoolEvent> question,
            Supplier<CognitoUserPoolEvent> answer,
            ClassLoader loader) {
        this.type = type;
        this.question = question;
        this.answer = answer;
        this.loader = loader;
    }

    static RuntimeJson define() {
        return new RuntimeJson(
                CognitoUserPoolDefineAuthChallengeEvent.class,
                () -> Priming.defineEvent(passedSession()),
                () -> {
                    CognitoUserPoolDefineAuthChallengeEvent event = Priming.defineEvent(passedSession());
                    event.getResponse().setChallengeName("CUSTOM_CHALLENGE");
                    event.getResponse().setIssueTokens(false);
                    event.getResponse().setFailAuthentication(false);
                    return event;
                },
                Priming.class.getClassLoader());
    }

    static RuntimeJson create() {
        return new RuntimeJson(
                CognitoUserPoolCreateAuthChallengeEvent.class,
                Priming::createEvent,
                () -> {
                    CognitoUserPoolCreateAuthChallengeEvent event = Priming.createEvent();
                    event.getResponse().setPublicChallengeParameters(Map.of("factor", "email_code"));
                    event.getResponse().setPrivateChallengeParameters(Map.of("challenge", "priming"));
                    event.getResponse().setChallengeMetadata("priming");
                    return event;
                },
                Priming.class.getClassLoader());
    }

    static RuntimeJson verify() {
        return new RuntimeJson(
                CognitoUserPoolVerifyAuthChallengeResponseEvent.class,
                () -> Priming.verifyEvent(Map.of("challenge", "priming"), "000000"),
                () -> {
                    CognitoUserPoolVerifyAuthChallengeResponseEvent event =
                            Priming.verifyEvent(Map.of("challenge", "priming"), "000000");
                    event.getResponse().setAnswerCorrect(false);
                    return event;
                },
                Priming.class.getClassLoader());
    }

    RuntimeJson from(ClassLoader other) {
        return new RuntimeJson(type, question, answer, other);
    }

    /**
     * Reads the event and writes the answer {@value Priming#ROUNDS} times with the runtime's serializer; returns
     * the last answer written, or null when there is no such serializer or it failed. Never throws.
     */
    String prime() {
        try {
            Class<?> factoryType = Class.forName(FACTORY, true, loader);
            Class<?> serializerType = Class.forName(SERIALIZER, true, loader);
            Object factory = factoryType.getMethod("getInstance").invoke(null);
            // The runtime asks with the handler's type parameter as a java.lang.reflect.Type.
            Object serializer =
                    factoryType.getMethod("getSerializer", Type.class).invoke(factory, type);
            Method fromJson = serializerType.getMethod("fromJson", InputStream.class);
            Method toJson = serializerType.getMethod("toJson", Object.class, OutputStream.class);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            toJson.invoke(serializer, question.get(), out);
            byte[] event = out.toByteArray();
            CognitoUserPoolEvent answered = answer.get();
            for (int i = 0; i < Priming.ROUNDS; i++) {
                if (!type.isInstance(fromJson.invoke(serializer, new ByteArrayInputStream(event)))) {
                    return null;
                }
                out.reset();
                toJson.invoke(serializer, answered, out);
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // Not Lambda's runtime, or another version of it: the snapshot is taken all the same.
            return null;
        }
    }

    private static CognitoUserPoolDefineAuthChallengeEvent.ChallengeResult passedSession() {
        CognitoUserPoolDefineAuthChallengeEvent.ChallengeResult passed =
                new CognitoUserPoolDefineAuthChallengeEvent.ChallengeResult();
        passed.setChallengeName("CUSTOM_CHALLENGE");
        passed.setChallengeResult(true);
        passed.setChallengeMetadata("priming");
        return passed;
    }
}
