package dev.stepwise.harness.emulator;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.lambda.LocalContext;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Invokes trigger functions in this process the way Lambda's Java runtime does: a {@code RequestStreamHandler}
 * (checked first, as the runtime does; Stepwise's custom-auth handlers are ones) gets the event's bytes and its
 * output is the answer; for a {@code RequestHandler} the event JSON is read into the handler's input type with the
 * runtime's own serializer ({@link JacksonFactory}), the handler runs, and its result is written back to JSON with the
 * same serializer. Cognito's invocation rules apply: a per-attempt timeout (5 s by
 * default), up to 3 attempts when an attempt times out, and its error mapping.
 *
 * <p>Each function is instantiated once, on first use (Lambda's init phase), and then shared by concurrent
 * invocations. Thread-safe.
 */
final class TriggerInvoker implements AutoCloseable {

    static final int MAX_ATTEMPTS = 3;
    static final Duration INIT_TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, FunctionDefinition> functions;
    private final Map<String, LoadedFunction> loaded = new ConcurrentHashMap<>();
    private final Duration timeout;
    private final Consumer<String> log;
    private final ExecutorService executor;
    private final ClassLoader classLoader;
    private final Clock clock;
    private volatile LambdaProcesses processes;
    private volatile Consumer<ServiceCall> calls = call -> {};

    TriggerInvoker(Map<String, FunctionDefinition> functions, Duration timeout, Consumer<String> log) {
        this(functions, timeout, log, TriggerInvoker.class.getClassLoader(), Clock.systemUTC());
    }

    /**
     * Loads handler classes through {@code classLoader} (e.g. one over a user's trigger jar) and gives {@code clock} to
     * handlers that take one.
     */
    TriggerInvoker(
            Map<String, FunctionDefinition> functions,
            Duration timeout,
            Consumer<String> log,
            ClassLoader classLoader,
            Clock clock) {
        this.classLoader = classLoader;
        this.clock = clock;
        this.functions = new ConcurrentHashMap<>(functions);
        this.timeout = timeout;
        this.log = log;
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "stepwise-trigger-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs every function in child JVMs through the Lambda Runtime API from now on ({@link TriggerRunner#CHILD_JVM}). */
    void useChildJvms(LambdaProcesses processes) {
        this.processes = processes;
    }

    /** The child JVMs started so far, alive or not; none in process mode. */
    java.util.List<ProcessHandle> childProcesses() {
        LambdaProcesses current = processes;
        return current == null ? java.util.List.of() : current.processes();
    }

    /** Tells {@code listener} of every invocation (see {@link ServiceCall}). */
    void serviceCalls(Consumer<ServiceCall> listener) {
        this.calls = listener;
    }

    /** The function whose environment signs with {@code accessKeyId}, or {@code null} when none or several do. */
    String functionWithAccessKey(String accessKeyId) {
        String found = null;
        for (FunctionDefinition definition : functions.values()) {
            if (accessKeyId.equals(definition.environment().get("AWS_ACCESS_KEY_ID"))) {
                if (found != null) {
                    return null;
                }
                found = definition.name();
            }
        }
        return found;
    }

    void register(FunctionDefinition definition) {
        functions.put(definition.name(), definition);
    }

    /** Drops every initialized handler, as new Lambda containers would: the next invocation runs init again. */
    void recycle() {
        loaded.clear();
    }

    /**
     * Runs the function behind {@code functionArn} with {@code event} and returns the event it returned.
     *
     * @throws CognitoException UnexpectedLambdaException (unknown function, timeouts), UserLambdaValidationException
     *     (the handler threw) or InvalidLambdaResponseException (output that is not an event)
     */
    ObjectNode invoke(Trigger trigger, String functionArn, ObjectNode event) {
        String name = functionName(functionArn);
        FunctionDefinition definition = functions.get(name);
        if (definition == null) {
            throw new CognitoException(
                    "UnexpectedLambdaException",
                    trigger.configKey + " invocation failed due to error ResourceNotFoundException.");
        }
        calls.accept(new ServiceCall(name, "lambda", "Invoke"));
        if (processes != null) {
            return invokeInChildJvm(trigger, definition, functionArn, event);
        }
        LoadedFunction function = initialized(trigger, definition);
        String json = event.toString();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Future<byte[]> result = executor.submit(() -> run(function, definition, functionArn, json));
            try {
                return parseOutput(trigger, result.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                result.cancel(true);
            } catch (ExecutionException e) {
                throw functionError(trigger, e.getCause());
            } catch (InterruptedException e) {
                result.cancel(true);
                Thread.currentThread().interrupt();
                throw CognitoException.internal();
            }
        }
        throw new CognitoException(
                "UnexpectedLambdaException",
                trigger.configKey + " invocation failed due to error Socket timeout while invoking Lambda function.");
    }

    /**
     * Cognito's attempts against child JVMs: each attempt has the whole timeout, a cold start's init included; an
     * attempt that times out keeps running in its JVM while the next attempt goes to another.
     */
    private ObjectNode invokeInChildJvm(
            Trigger trigger, FunctionDefinition definition, String functionArn, ObjectNode event) {
        byte[] json = event.toString().getBytes(StandardCharsets.UTF_8);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            RuntimeInstance.Invocation invocation = processes.invoke(definition, functionArn, json);
            try {
                return parseOutput(trigger, invocation.result.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                continue;
            } catch (ExecutionException e) {
                throw functionError(trigger, e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw CognitoException.internal();
            }
        }
        throw new CognitoException(
                "UnexpectedLambdaException",
                trigger.configKey + " invocation failed due to error Socket timeout while invoking Lambda function.");
    }

    /**
     * The function's handler, instantiated on first use. Like Lambda's init phase, instantiation has its own limit
     * (10 s) and does not count toward the per-invocation timeout, so a cold start never consumes the retries.
     */
    private LoadedFunction initialized(Trigger trigger, FunctionDefinition definition) {
        LoadedFunction function = loaded.get(definition.name());
        if (function != null) {
            return function;
        }
        Future<LoadedFunction> init = executor.submit(() -> load(definition));
        try {
            return init.get(INIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            init.cancel(true);
            throw new CognitoException(
                    "UnexpectedLambdaException",
                    trigger.configKey
                            + " invocation failed due to error Socket timeout while invoking Lambda function.");
        } catch (ExecutionException e) {
            throw functionError(trigger, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CognitoException.internal();
        }
    }

    private byte[] run(LoadedFunction function, FunctionDefinition definition, String arn, String json)
            throws Exception {
        String prefix = "[" + definition.name() + "] ";
        Context context = LocalContext.invocation(definition.name(), arn, timeout, line -> log.accept(prefix + line));
        if (function.handler instanceof RequestStreamHandler stream) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
            stream.handleRequest(new java.io.ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out, context);
            return out.toByteArray();
        }
        Object input = function.input.fromJson(json);
        @SuppressWarnings("unchecked")
        Object output = ((RequestHandler<Object, Object>) function.handler).handleRequest(input, context);
        if (output == null) {
            return "null".getBytes(StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        @SuppressWarnings("unchecked")
        PojoSerializer<Object> serializer = function.output != null && function.outputType.isInstance(output)
                ? function.output
                : (PojoSerializer<Object>) JacksonFactory.getInstance().getSerializer(output.getClass());
        serializer.toJson(output, out);
        return out.toByteArray();
    }

    private LoadedFunction load(FunctionDefinition definition) throws Exception {
        LoadedFunction function = loaded.get(definition.name());
        if (function != null) {
            return function;
        }
        synchronized (this) {
            function = loaded.get(definition.name());
            if (function == null) {
                function = LoadedFunction.create(definition, classLoader, clock);
                loaded.put(definition.name(), function);
            }
            return function;
        }
    }

    private static ObjectNode parseOutput(Trigger trigger, byte[] output) {
        try {
            JsonNode node = JsonCodec.parse(output);
            if (node != null && node.isObject() && !trigger.requiresResponse) {
                JsonNode response = node.get("response");
                if (response == null || response.isNull()) {
                    ((ObjectNode) node).putObject("response");
                    return (ObjectNode) node;
                }
            }
            if (node != null
                    && node.isObject()
                    && node.get("response") != null
                    && node.get("response").isObject()) {
                return (ObjectNode) node;
            }
        } catch (java.io.IOException e) {
            throw new CognitoException("InvalidLambdaResponseException", "Unrecognizable lambda output");
        }
        throw new CognitoException("InvalidLambdaResponseException", "Unrecognizable lambda output");
    }

    private static CognitoException functionError(Trigger trigger, Throwable cause) {
        Throwable error = cause;
        if (error instanceof InvocationTargetException ite && ite.getCause() != null) {
            error = ite.getCause();
        }
        String message = error.getMessage() == null ? error.getClass().getName() : error.getMessage();
        return new CognitoException(
                "UserLambdaValidationException", trigger.configKey + " failed with error " + message + ".");
    }

    /** The function name in a Lambda ARN ({@code arn:aws:lambda:<region>:<account>:function:<name>[:alias]}). */
    static String functionName(String arn) {
        int marker = arn.indexOf(":function:");
        if (marker < 0) {
            return arn;
        }
        String rest = arn.substring(marker + ":function:".length());
        int colon = rest.indexOf(':');
        return colon < 0 ? rest : rest.substring(0, colon);
    }

    @Override
    public void close() {
        executor.shutdownNow();
        if (processes != null) {
            processes.close();
        }
    }

    /** A handler instance with its input and output serializers. */
    private record LoadedFunction(
            Object handler, PojoSerializer<Object> input, PojoSerializer<Object> output, Class<?> outputType) {

        @SuppressWarnings("unchecked")
        static LoadedFunction create(FunctionDefinition definition, ClassLoader classLoader, Clock clock)
                throws Exception {
            Class<?> type = Class.forName(definition.handlerClassName(), true, classLoader);
            if (RequestStreamHandler.class.isAssignableFrom(type)) {
                return new LoadedFunction(instantiate(type, definition.environment(), clock), null, null, Object.class);
            }
            if (!RequestHandler.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException(
                        definition.handlerClassName() + " implements neither RequestStreamHandler nor RequestHandler");
            }
            Object handler = instantiate(type, definition.environment(), clock);
            Type[] arguments = handlerTypes(type);
            Class<?> inputType = arguments == null ? Map.class : raw(arguments[0]);
            Class<?> outputType = arguments == null ? Object.class : raw(arguments[1]);
            PojoSerializer<Object> input =
                    (PojoSerializer<Object>) JacksonFactory.getInstance().getSerializer(inputType);
            PojoSerializer<Object> output = outputType == Object.class
                    ? null
                    : (PojoSerializer<Object>) JacksonFactory.getInstance().getSerializer(outputType);
            return new LoadedFunction(handler, input, output, outputType);
        }

        /**
         * Through the first public constructor of: {@code (Map<String, String>, Clock)}, so a handler can run on the
         * emulator's clock; {@code (Map<String, String>)}; no arguments.
         */
        private static Object instantiate(Class<?> type, Map<String, String> environment, Clock clock)
                throws Exception {
            try {
                try {
                    return type.getConstructor(Map.class, Clock.class).newInstance(environment, clock);
                } catch (NoSuchMethodException withoutClock) {
                    try {
                        return type.getConstructor(Map.class).newInstance(environment);
                    } catch (NoSuchMethodException withoutEnvironment) {
                        return type.getConstructor().newInstance();
                    }
                }
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof Exception cause) {
                    throw cause;
                }
                throw e;
            }
        }

        private static Type[] handlerTypes(Class<?> type) {
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Type candidate : c.getGenericInterfaces()) {
                    if (candidate instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
                        return p.getActualTypeArguments();
                    }
                }
            }
            return null;
        }

        private static Class<?> raw(Type type) {
            if (type instanceof Class<?> c) {
                return c;
            }
            if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
                return c;
            }
            return Object.class;
        }
    }
}
