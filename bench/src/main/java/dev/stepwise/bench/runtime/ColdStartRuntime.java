package dev.stepwise.bench.runtime;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The cold-start child's stand-in for Lambda's Java runtime: loads a handler class, builds it (the init phase), and
 * serves one event as the runtime interface client does: a {@code RequestStreamHandler} (checked first, as the
 * runtime does) gets the event's bytes and writes its answer; a {@code RequestHandler} gets the event read with the
 * runtime's own serializer ({@code JacksonFactory}, as the managed runtime does for event types without a special
 * mix-in, Cognito's included), and its answer is written with the same serializer. It prints one line that the
 * parent waits for:
 *
 * <pre>STEPWISE-BENCH init=&lt;ns&gt; prime=&lt;ns&gt; invoke=&lt;ns&gt; warmP99=&lt;ns&gt; response=&lt;json&gt;</pre>
 *
 * <p>Arguments: the handler class name, the event file (in which {@value #USER} stands for the username), and
 * optionally a number of warm invocations: then the child takes the SnapStart path, running the CRaC
 * {@code beforeCheckpoint} hooks the handler registered (its priming) after init, as Lambda does before it snapshots,
 * and their {@code afterRestore} (the JVM itself is not checkpointed: that needs a CRaC JVM or Lambda); then the first invocation on new data (a user the priming never saw), then the warm
 * invocations, each for another new user, whose 99th percentile it reports. Without that argument it serves the event
 * once, for user {@code cold}, and {@code prime} and {@code warmP99} are 0.
 */
public final class ColdStartRuntime {
    /** What the parent looks for on standard output. */
    public static final String MARKER = "STEPWISE-BENCH";

    /** The placeholder for the username in an event file. */
    public static final String USER = "{user}";

    private ColdStartRuntime() {}

    /** Serves the event and exits. */
    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        long start = System.nanoTime();
        Class<?> type = Class.forName(args[0]);
        Object handler = type.getDeclaredConstructor().newInstance();
        long initialised = System.nanoTime();
        int warm = args.length > 2 ? Integer.parseInt(args[2]) : -1;
        long prime = 0;
        if (warm >= 0) {
            for (org.crac.Resource resource : registered()) {
                resource.beforeCheckpoint(null);
            }
            for (org.crac.Resource resource : registered()) {
                resource.afterRestore(null);
            }
            prime = System.nanoTime() - initialised;
        }
        String template = Files.readString(Path.of(args[1]));
        Serve serve = serving(handler);
        long before = System.nanoTime();
        String response = serve.event(template.replace(USER, warm >= 0 ? "first" : "cold"));
        long invoke = System.nanoTime() - before;
        long warmP99 = 0;
        if (warm > 0) {
            long[] times = new long[warm];
            for (int i = 0; i < warm; i++) {
                long t = System.nanoTime();
                try {
                    serve.event(template.replace(USER, "warm-" + i));
                } catch (RuntimeException refused) {
                    // A refusal (a repeated Verify answer locks the user out) is an answer the handler gives by
                    // throwing.
                }
                times[i] = System.nanoTime() - t;
            }
            Arrays.sort(times);
            warmP99 = times[Math.min(warm - 1, (int) Math.ceil(warm * 0.99) - 1)];
        }
        out.println(MARKER + " init=" + (initialised - start) + " prime=" + prime + " invoke=" + invoke + " warmP99="
                + warmP99 + " response=" + response);
        out.flush();
        Runtime.getRuntime().halt(0);
    }

    /**
     * The hooks the handler registered. Without a CRaC JVM, org.crac's global context keeps them but refuses to run
     * them, so they are read from where the functions keep them alive ({@code Priming}), in registration order.
     */
    @SuppressWarnings("unchecked")
    private static List<org.crac.Resource> registered() throws ReflectiveOperationException {
        java.lang.reflect.Field field =
                Class.forName("dev.stepwise.lambda.Priming").getDeclaredField("REGISTERED");
        field.setAccessible(true);
        return List.copyOf((List<org.crac.Resource>) field.get(null));
    }

    /** Serves one event's JSON and returns the answer's. */
    private interface Serve {
        String event(String json) throws java.io.IOException;
    }

    /**
     * How the runtime serves {@code handler}: a stream handler directly; a {@code RequestHandler} through serializers
     * the runtime makes before the first invocation.
     */
    private static Serve serving(Object handler) {
        if (handler instanceof RequestStreamHandler stream) {
            return json -> {
                ByteArrayOutputStream response = new ByteArrayOutputStream();
                stream.handleRequest(
                        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                        response,
                        RuntimeContext.INSTANCE);
                return response.toString(StandardCharsets.UTF_8);
            };
        }
        @SuppressWarnings("unchecked")
        RequestHandler<Object, Object> pojo = (RequestHandler<Object, Object>) handler;
        Type[] io = requestHandlerTypes(handler.getClass());
        PojoSerializer<Object> input = serializer(io[0]);
        PojoSerializer<Object> output = serializer(io[1]);
        return json -> {
            Object request = input.fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
            Object result = pojo.handleRequest(request, RuntimeContext.INSTANCE);
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            output.toJson(result, response);
            return response.toString(StandardCharsets.UTF_8);
        };
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
