package dev.stepwise.bench;

import dev.stepwise.bench.runtime.ColdStartRuntime;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Measures cold starts: each run is a fresh JVM that loads a handler from its jar, builds it and serves one event
 * through {@link ColdStartRuntime}; the time is from just before the process is started to the line that says the
 * answer is written. The child runs with the JVM options Lambda's managed Java runtime uses ({@link #LAMBDA_OPTIONS}).
 * Not thread-safe.
 */
public final class ColdStart {
    /**
     * The options of Lambda's managed Java 17/21 runtime for a 512 MB function, as its launcher passes them (the heap is
     * about 85% of the memory setting; its own CDS archive is replaced here by the JDK's, or by an AppCDS archive).
     */
    public static final List<String> LAMBDA_OPTIONS = List.of(
            "-XX:MaxHeapSize=445645k",
            "-XX:+UseSerialGC",
            "-XX:+TieredCompilation",
            "-XX:TieredStopAtLevel=1",
            "-Djava.net.preferIPv4Stack=true",
            "-XX:+ErrorFileToStderr");

    /**
     * One child's figures.
     *
     * @param totalNanos from process start to the first answer
     * @param initNanos the handler's construction, measured inside the child
     * @param primeNanos the SnapStart path's priming (the CRaC hooks), or 0
     * @param invokeNanos reading the event, {@code handleRequest} and writing the answer, inside the child
     * @param warmP99Nanos the SnapStart path's 99th percentile of the warm invocations that follow, or 0
     * @param response the first answer, as the runtime serialised it
     */
    public record Run(
            long totalNanos, long initNanos, long primeNanos, long invokeNanos, long warmP99Nanos, String response) {}

    private final String java;
    private final List<Path> runtimeClasspath;

    /**
     * @param java the {@code java} executable
     * @param runtimeClasspath the runtime stand-in's jars ({@link ColdStartRuntime}, aws-lambda-java-core and
     *     aws-lambda-java-serialization), put before the function's jar as Lambda's runtime classes are
     */
    public ColdStart(String java, List<Path> runtimeClasspath) {
        this.java = java;
        this.runtimeClasspath = List.copyOf(runtimeClasspath);
    }

    /**
     * Starts one child and waits for its answer.
     *
     * @param functionJar the function's deployment jar
     * @param handler the handler class
     * @param event the event file
     * @param environment added to the child's environment (the function's settings)
     * @param extraOptions more JVM options, e.g. a CDS archive
     * @throws IOException when the child fails or does not answer; the message carries its error output
     */
    public Run runOnce(
            Path functionJar, String handler, Path event, Map<String, String> environment, List<String> extraOptions)
            throws IOException, InterruptedException {
        return runOnce(functionJar, handler, event, environment, extraOptions, List.of());
    }

    /**
     * Starts one child with more arguments for {@link ColdStartRuntime} (the number of warm invocations of the
     * SnapStart path) and waits for its answer.
     */
    public Run runOnce(
            Path functionJar,
            String handler,
            Path event,
            Map<String, String> environment,
            List<String> extraOptions,
            List<String> runtimeArguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(LAMBDA_OPTIONS);
        command.addAll(extraOptions);
        command.add("-cp");
        List<String> classpath = new ArrayList<>();
        runtimeClasspath.forEach(p -> classpath.add(p.toString()));
        classpath.add(functionJar.toString());
        command.add(String.join(File.pathSeparator, classpath));
        command.add(ColdStartRuntime.class.getName());
        command.add(handler);
        command.add(event.toString());
        command.addAll(runtimeArguments);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().putAll(environment);
        Path errors = Files.createTempFile("stepwise-coldstart", ".err");
        builder.redirectError(errors.toFile());
        long start = System.nanoTime();
        Process process = builder.start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(ColdStartRuntime.MARKER + " ")) {
                    long total = System.nanoTime() - start;
                    return parse(line, total);
                }
            }
            process.waitFor(10, TimeUnit.SECONDS);
            throw new IOException("the cold-start child for " + handler + " ended without an answer: "
                    + Files.readString(errors).strip());
        } finally {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(errors);
        }
    }

    /**
     * Runs the child once with {@code -XX:ArchiveClassesAtExit}, writing a dynamic AppCDS archive of every class the
     * cold start loaded, for later runs to map instead of loading and verifying those classes again.
     */
    public void archive(Path functionJar, String handler, Path event, Map<String, String> environment, Path archive)
            throws IOException, InterruptedException {
        Files.deleteIfExists(archive);
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(LAMBDA_OPTIONS);
        command.add("-XX:ArchiveClassesAtExit=" + archive);
        command.add("-cp");
        List<String> classpath = new ArrayList<>();
        runtimeClasspath.forEach(p -> classpath.add(p.toString()));
        classpath.add(functionJar.toString());
        command.add(String.join(File.pathSeparator, classpath));
        command.add(ColdStartRuntime.class.getName());
        command.add(handler);
        command.add(event.toString());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS) || !Files.exists(archive)) {
            process.destroyForcibly();
            throw new IOException("could not write the CDS archive " + archive + " for " + handler);
        }
    }

    static Run parse(String line, long total) {
        String rest = line.substring(ColdStartRuntime.MARKER.length() + 1);
        int response = rest.indexOf("response=");
        Map<String, Long> figures = new java.util.HashMap<>();
        for (String part : rest.substring(0, response).strip().split(" ")) {
            int equals = part.indexOf('=');
            figures.put(part.substring(0, equals), Long.parseLong(part.substring(equals + 1)));
        }
        return new Run(
                total,
                figures.getOrDefault("init", 0L),
                figures.getOrDefault("prime", 0L),
                figures.getOrDefault("invoke", 0L),
                figures.getOrDefault("warmP99", 0L),
                rest.substring(response + "response=".length()));
    }
}
