package dev.stepwise.harness.emulator;

import java.io.File;
import java.nio.file.Path;
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
     * @param jars trigger jars to put on the child JVMs' class path after the emulator's own (which holds the runtime
     *     interface client and the bundled handlers)
     */
    LambdaProcesses(String region, List<Path> jars, Consumer<String> log) {
        this.region = region;
        this.log = log;
        String own = System.getProperty("java.class.path");
        String extra =
                jars.stream().map(p -> p.toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator));
        this.classPath = extra.isEmpty() ? own : own + File.pathSeparator + extra;
        Runtime.getRuntime().addShutdownHook(shutdownHook);
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
