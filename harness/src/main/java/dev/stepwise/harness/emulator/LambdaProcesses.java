package dev.stepwise.harness.emulator;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The execution environments of {@link TriggerRunner#CHILD_JVM}: per function, the child JVMs started so far. An
 * invocation goes to an idle one, else to a new one (a cold start, whose init counts against the invocation's time
 * as in Cognito); a JVM whose invocation outlives the function's own timeout is ended, as Lambda ends it. Closing stops
 * every child JVM. Thread-safe.
 */
final class LambdaProcesses implements AutoCloseable {

    /** The functions' own Lambda timeout: how long an attempt Cognito gave up on may keep running. */
    static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, List<RuntimeInstance>> instances = new ConcurrentHashMap<>();
    private final String region;
    private final String classPath;
    private final Consumer<String> log;
    private final ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "stepwise-lambda-timeouts");
        thread.setDaemon(true);
        return thread;
    });
    private final Thread shutdownHook = new Thread(this::stopAll, "stepwise-lambda-shutdown");
    private volatile boolean closed;

    /**
     * @param deploymentJar when not {@code null}, the child JVMs' class path is the runtime interface client's jars and
     *     this jar instead of the emulator's own class path (which holds the runtime interface client and the bundled
     *     handlers)
     * @param jars trigger jars to put on the child JVMs' class path after that
     */
    LambdaProcesses(String region, Path deploymentJar, List<Path> jars, Consumer<String> log) {
        this.region = region;
        this.log = log;
        String own = deploymentJar == null
                ? System.getProperty("java.class.path")
                : runtimeJars() + File.pathSeparator + deploymentJar.toAbsolutePath();
        String extra =
                jars.stream().map(p -> p.toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator));
        this.classPath = extra.isEmpty() ? own : own + File.pathSeparator + extra;
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * The jars Lambda's Java runtime puts before a function's package: the runtime interface client and its
     * dependencies (the Lambda interfaces, the runtime's serializer, the SDK's utils-lite), found where this JVM
     * loaded them from.
     */
    private static String runtimeJars() {
        List<String> jars = Stream.of(
                        RuntimeInstance.RUNTIME_MAIN,
                        "com.amazonaws.services.lambda.runtime.Context",
                        "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",
                        "software.amazon.awssdk.utilslite.SdkInternalThreadLocal")
                .map(LambdaProcesses::jarOf)
                .distinct()
                .toList();
        String handlers = bundledHandlersJar();
        if (jars.contains(handlers)) {
            throw new IllegalStateException("the runtime interface client shares " + handlers + " with the bundled"
                    + " handlers, so child JVMs would not run the deployment jar alone");
        }
        return String.join(File.pathSeparator, jars);
    }

    /** Where the bundled handlers were loaded from, or {@code null} when they are not in a jar or directory here. */
    private static String bundledHandlersJar() {
        try {
            return jarOf(CognitoEmulator.DEFINE_HANDLER);
        } catch (IllegalStateException e) {
            return null;
        }
    }

    private static String jarOf(String className) {
        String missing = "the runtime interface client's " + className + " is not in a jar on the emulator's class"
                + " path, so child JVMs cannot run a deployment jar";
        try {
            CodeSource source = Class.forName(className, false, LambdaProcesses.class.getClassLoader())
                    .getProtectionDomain()
                    .getCodeSource();
            if (source == null) {
                throw new IllegalStateException(missing);
            }
            return Path.of(source.getLocation().toURI()).toString();
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new IllegalStateException(missing, e);
        }
    }

    /** Starts one attempt of the function: on an idle JVM of it, else on a new one. */
    RuntimeInstance.Invocation invoke(FunctionDefinition definition, String functionArn, byte[] event) {
        if (closed) {
            throw new IllegalStateException("the emulator is closed");
        }
        List<RuntimeInstance> pool = instances.computeIfAbsent(definition.name(), k -> new CopyOnWriteArrayList<>());
        RuntimeInstance chosen = null;
        for (RuntimeInstance instance : pool) {
            if (instance.dead()) {
                continue;
            }
            if (instance.tryAcquire()) {
                chosen = instance;
                break;
            }
        }
        if (chosen == null) {
            chosen = RuntimeInstance.start(definition, region, classPath, log);
            pool.add(chosen);
        }
        RuntimeInstance.Invocation invocation = chosen.submit(event, functionArn, FUNCTION_TIMEOUT.toMillis());
        RuntimeInstance running = chosen;
        var timeout = reaper.schedule(
                () -> {
                    if (!invocation.result.isDone()) {
                        log.accept("[" + definition.name() + "] " + "RequestId: " + invocation.requestId
                                + " Error: Task timed out after " + FUNCTION_TIMEOUT.toSeconds() + ".00 seconds");
                        running.kill();
                    }
                },
                FUNCTION_TIMEOUT.toMillis(),
                TimeUnit.MILLISECONDS);
        invocation.result.whenComplete((bytes, error) -> timeout.cancel(false));
        return invocation;
    }

    /** The number of child JVMs alive for a function (tests). */
    int alive(String functionName) {
        return (int) instances.getOrDefault(functionName, List.of()).stream()
                .filter(i -> !i.dead())
                .count();
    }

    /** Every child JVM started so far, alive or not (tests check that closing stops them). */
    List<ProcessHandle> processes() {
        return instances.values().stream()
                .flatMap(List::stream)
                .map(RuntimeInstance::handle)
                .toList();
    }

    private void stopAll() {
        instances.values().forEach(pool -> pool.forEach(RuntimeInstance::close));
        instances.clear();
    }

    @Override
    public void close() {
        closed = true;
        reaper.shutdownNow();
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or has run; it stops the JVMs itself.
        }
    }
}
