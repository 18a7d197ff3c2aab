package dev.stepwise.harness.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One Lambda execution environment: a child JVM running AWS's runtime interface client against this instance's own
 * Lambda Runtime API ({@code /2018-06-01/runtime/...} on 127.0.0.1), serving one invocation at a time. The JVM's
 * standard output and error become the function's log lines, with Lambda's START, END and REPORT lines around each
 * invocation. Thread-safe.
 */
final class RuntimeInstance implements AutoCloseable {

    static final String RUNTIME_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final String PREFIX = "/2018-06-01/runtime/";

    /** One invocation: its request id, event, deadline, and the handler's output or error. */
    static final class Invocation {
        final String requestId = Ids.uuid();
        final byte[] event;
        final String functionArn;
        final long deadlineMillis;
        final CompletableFuture<byte[]> result = new CompletableFuture<>();
        volatile long startedNanos;

        Invocation(byte[] event, String functionArn, long deadlineMillis) {
            this.event = event;
            this.functionArn = functionArn;
            this.deadlineMillis = deadlineMillis;
        }
    }

    /** A handler error, an init error or a crashed runtime, with the message Lambda reports. */
    static final class FunctionError extends Exception {
        private static final long serialVersionUID = 1L;

        FunctionError(String message) {
            super(message, null, false, false);
        }
    }

    private final String functionName;
    private final Consumer<String> log;
    private final HttpServer server;
    private final ExecutorService http;
    private final Process process;
    private final Path taskRoot;
    private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
    private final AtomicBoolean busy = new AtomicBoolean(true);
    private final long spawnedNanos = System.nanoTime();
    private volatile Invocation current;
    private volatile boolean initialized;
    private volatile boolean dead;

    private RuntimeInstance(
            String functionName,
            Consumer<String> log,
            HttpServer server,
            ExecutorService http,
            Process process,
            Path taskRoot) {
        this.functionName = functionName;
        this.log = log;
        this.server = server;
        this.http = http;
        this.process = process;
        this.taskRoot = taskRoot;
    }

    /**
     * Starts a JVM for the function, busy from the start (its first invocation is the caller's).
     *
     * @param classPath the child's class path: the runtime interface client, the handler and their dependencies
     */
    static RuntimeInstance start(FunctionDefinition definition, String region, String classPath, Consumer<String> log) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve a Lambda Runtime API on 127.0.0.1", e);
        }
        ExecutorService http = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "stepwise-runtime-api-" + definition.name());
            thread.setDaemon(true);
            return thread;
        });
        Path taskRoot;
        Process process;
        try {
            taskRoot = Files.createTempDirectory("stepwise-lambda-" + definition.name());
            String runtimeApi = "127.0.0.1:" + server.getAddress().getPort();
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:MaxHeapSize=445645k",
                    "-XX:+UseSerialGC",
                    "-XX:+TieredCompilation",
                    "-XX:TieredStopAtLevel=1",
                    "-Xshare:auto",
                    "-Djava.net.preferIPv4Stack=true",
                    "--add-opens=java.base/java.io=ALL-UNNAMED",
                    "-cp",
                    classPath,
                    RUNTIME_MAIN,
                    definition.handlerClassName()));
            ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile());
            Map<String, String> environment = builder.environment();
            String path = environment.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
            environment.clear();
            environment.put("PATH", path);
            environment.put("LANG", "en_US.UTF-8");
            environment.put("TZ", ":UTC");
            environment.put("AWS_REGION", region);
            environment.put("AWS_DEFAULT_REGION", region);
            environment.put("AWS_EXECUTION_ENV", "AWS_Lambda_java17");
            environment.put("AWS_LAMBDA_FUNCTION_NAME", definition.name());
            environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
            environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
            environment.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + definition.name());
            environment.put("AWS_LAMBDA_LOG_STREAM_NAME", "stepwise-emulator");
            environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
            environment.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
            environment.put("LAMBDA_TASK_ROOT", taskRoot.toString());
            environment.put("_HANDLER", definition.handlerClassName());
            environment.put("_LAMBDA_TELEMETRY_LOG_FD", "2");
            environment.putAll(definition.environment());
            process = builder.start();
        } catch (IOException e) {
            server.stop(0);
            http.shutdownNow();
            throw new UncheckedIOException("cannot start a JVM for " + definition.name() + ": " + e.getMessage(), e);
        }
        RuntimeInstance instance = new RuntimeInstance(definition.name(), log, server, http, process, taskRoot);
        server.setExecutor(http);
        server.createContext(PREFIX, instance::handle);
        server.start();
        instance.forward(process.getInputStream(), "stdout", false);
        instance.forward(process.getErrorStream(), "stderr", true);
        process.onExit().thenRun(instance::exited);
        return instance;
    }

    /** Takes this instance for one invocation if it is idle and alive. */
    boolean tryAcquire() {
        return !dead && busy.compareAndSet(false, true);
    }

    boolean dead() {
        return dead;
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    /** Queues the invocation for the runtime's next {@code GET .../invocation/next}; the instance must be acquired. */
    Invocation submit(byte[] event, String functionArn, long functionTimeoutMillis) {
        Invocation invocation = new Invocation(event, functionArn, System.currentTimeMillis() + functionTimeoutMillis);
        if (dead) {
            invocation.result.completeExceptionally(new FunctionError(exitMessage(invocation)));
            return invocation;
        }
        pending.add(invocation);
        invocation.result.whenComplete((bytes, error) -> finished(invocation));
        return invocation;
    }

    private void finished(Invocation invocation) {
        long durationNanos = System.nanoTime() - invocation.startedNanos;
        if (invocation.startedNanos != 0) {
            log.accept("[" + functionName + "] END RequestId: " + invocation.requestId);
            log.accept(String.format(
                    java.util.Locale.ROOT,
                    "[%s] REPORT RequestId: %s Duration: %.2f ms Memory Size: 512 MB",
                    functionName,
                    invocation.requestId,
                    durationNanos / 1e6));
        }
        current = null;
        busy.set(false);
    }

    /** Lambda ends an environment whose invocation outlives the function's timeout. */
    void kill() {
        process.destroyForcibly();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String method = exchange.getRequestMethod();
            byte[] body = readAll(exchange.getRequestBody());
            if (method.equals("GET") && path.equals("invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && path.equals("init/error")) {
                String message = errorMessage(body);
                log.accept("[" + functionName + "] INIT_REPORT Init Duration: "
                        + (System.nanoTime() - spawnedNanos) / 1_000_000 + " ms Phase: init Status: error");
                Invocation invocation = pending.peek() != null ? pending.poll() : current;
                if (invocation != null) {
                    invocation.result.completeExceptionally(new FunctionError(message));
                }
                reply(exchange, 202, "{\"status\":\"OK\"}");
            } else if (method.equals("POST") && path.startsWith("invocation/")) {
                String[] parts = path.split("/");
                Invocation invocation = current;
                if (parts.length != 3 || invocation == null || !invocation.requestId.equals(parts[1])) {
                    reply(
                            exchange,
                            400,
                            "{\"errorMessage\":\"unknown request id\",\"errorType\":\"InvalidRequestID\"}");
                    return;
                }
                if (parts[2].equals("response")) {
                    invocation.result.complete(body);
                } else {
                    invocation.result.completeExceptionally(new FunctionError(errorMessage(body)));
                }
                reply(exchange, 202, "{\"status\":\"OK\"}");
            } else {
                reply(exchange, 404, "{\"errorMessage\":\"unknown path\",\"errorType\":\"InvalidPath\"}");
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        Invocation invocation;
        try {
            invocation = pending.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (!initialized) {
            initialized = true;
            log.accept("[" + functionName + "] INIT_REPORT Init Duration: "
                    + (System.nanoTime() - spawnedNanos) / 1_000_000 + " ms");
        }
        current = invocation;
        invocation.startedNanos = System.nanoTime();
        log.accept("[" + functionName + "] START RequestId: " + invocation.requestId + " Version: $LATEST");
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Lambda-Runtime-Aws-Request-Id", invocation.requestId);
        exchange.getResponseHeaders().set("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.deadlineMillis));
        exchange.getResponseHeaders().set("Lambda-Runtime-Invoked-Function-Arn", invocation.functionArn);
        exchange.getResponseHeaders()
                .set("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0");
        exchange.sendResponseHeaders(200, invocation.event.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(invocation.event);
        }
    }

    private void exited() {
        dead = true;
        int status = process.exitValue();
        Invocation invocation = current;
        if (invocation == null) {
            invocation = pending.poll();
        }
        if (invocation != null && !invocation.result.isDone()) {
            invocation.result.completeExceptionally(new FunctionError(
                    "RequestId: " + invocation.requestId + " Error: Runtime exited with error: exit status " + status));
        }
        Invocation waiting;
        while ((waiting = pending.poll()) != null) {
            waiting.result.completeExceptionally(new FunctionError(exitMessage(waiting)));
        }
    }

    private String exitMessage(Invocation invocation) {
        return "RequestId: " + invocation.requestId + " Error: Runtime exited with error: exit status "
                + (process.isAlive() ? "unknown" : process.exitValue());
    }

    /**
     * Forwards the JVM's output as log lines. The runtime writes {@code LambdaLogger} output as telemetry frames to the
     * descriptor in {@code _LAMBDA_TELEMETRY_LOG_FD} (here standard error), one frame per call, as in Lambda: a 16-byte
     * big-endian header (type, {@code 0xA55A....}; length; timestamp) and the message; anything else is a plain line.
     */
    private void forward(InputStream stream, String name, boolean framed) {
        Thread thread = new Thread(
                () -> {
                    try (java.io.DataInputStream in =
                            new java.io.DataInputStream(new java.io.BufferedInputStream(stream))) {
                        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
                        while (true) {
                            int b = in.read();
                            if (b < 0) {
                                break;
                            }
                            if (framed && line.size() == 0 && b == 0xA5) {
                                int second = in.read();
                                if (second == 0x5A) {
                                    in.readUnsignedShort();
                                    int length = in.readInt();
                                    in.readLong();
                                    byte[] message = in.readNBytes(length);
                                    emit(new String(message, StandardCharsets.UTF_8));
                                    continue;
                                }
                                line.write(b);
                                b = second;
                                if (b < 0) {
                                    break;
                                }
                            }
                            if (b == '\n') {
                                emit(line.toString(StandardCharsets.UTF_8));
                                line.reset();
                            } else {
                                line.write(b);
                                if (in.available() == 0) {
                                    emit(line.toString(StandardCharsets.UTF_8));
                                    line.reset();
                                }
                            }
                        }
                        if (line.size() > 0) {
                            emit(line.toString(StandardCharsets.UTF_8));
                        }
                    } catch (IOException ignored) {
                        // The JVM ended; nothing more to forward.
                    }
                },
                "stepwise-lambda-" + name + "-" + functionName);
        thread.setDaemon(true);
        thread.start();
    }

    private void emit(String message) {
        for (String line : message.split("\r?\n")) {
            if (!line.isEmpty()) {
                log.accept("[" + functionName + "] " + line);
            }
        }
    }

    private static String errorMessage(byte[] body) {
        try {
            JsonNode error = JsonCodec.parse(body);
            JsonNode message = error == null ? null : error.get("errorMessage");
            if (message != null && message.isTextual()) {
                return message.textValue();
            }
            JsonNode type = error == null ? null : error.get("errorType");
            return type != null && type.isTextual() ? type.textValue() : "Unhandled";
        } catch (IOException e) {
            return "Unhandled";
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        dead = true;
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.stop(0);
        http.shutdownNow();
        try (var files = Files.walk(taskRoot)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A leftover empty temp directory is harmless.
        }
    }
}
