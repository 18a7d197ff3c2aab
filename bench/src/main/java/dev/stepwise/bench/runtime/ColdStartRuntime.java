package dev.stepwise.bench.runtime;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The cold-start child's stand-in for Lambda's Java runtime: loads a handler class, builds it (the init phase), reads
 * one event with the runtime's own serializer ({@code JacksonFactory}, as the managed runtime does for event types
 * without a special mix-in, Cognito's included), calls {@code handleRequest}, writes the answer with the same
 * serializer, and prints one line that the parent waits for:
 *
 * <pre>STEPWISE-BENCH init=&lt;ns&gt; invoke=&lt;ns&gt; response=&lt;json&gt;</pre>
 *
 * <p>Arguments: the handler class name, the event file.
 */
public final class ColdStartRuntime {
    /** What the parent looks for on standard output. */
    public static final String MARKER = "STEPWISE-BENCH";

    private ColdStartRuntime() {}

    /** Serves one event and exits. */
    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        long start = System.nanoTime();
        Class<?> type = Class.forName(args[0]);
        @SuppressWarnings("unchecked")
        RequestHandler<Object, Object> handler =
                (RequestHandler<Object, Object>) type.getDeclaredConstructor().newInstance();
        long initialised = System.nanoTime();
        Type[] io = requestHandlerTypes(type);
        PojoSerializer<Object> input = serializer(io[0]);
        PojoSerializer<Object> output = serializer(io[1]);
        Object event;
        try (InputStream in = Files.newInputStream(Path.of(args[1]))) {
            event = input.fromJson(in);
        }
        Object result = handler.handleRequest(event, new QuietContext());
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        output.toJson(result, response);
        long served = System.nanoTime();
        out.println(MARKER + " init=" + (initialised - start) + " invoke=" + (served - initialised) + " response="
                + response.toString(StandardCharsets.UTF_8));
        out.flush();
        Runtime.getRuntime().halt(0);
    }

    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> serializer(Type type) {
        return (PojoSerializer<Object>) JacksonFactory.getInstance().getSerializer(type);
    }

    private static Type[] requestHandlerTypes(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Type candidate : c.getGenericInterfaces()) {
                if (candidate instanceof ParameterizedType parameterized
                        && parameterized.getRawType() == RequestHandler.class) {
                    return parameterized.getActualTypeArguments();
                }
            }
        }
        throw new IllegalArgumentException(type + " does not implement RequestHandler<I, O>");
    }
}
