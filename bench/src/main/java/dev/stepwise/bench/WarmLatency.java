package dev.stepwise.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Warm latency of the handlers with JMH in sample-time mode, each fork a fresh JVM with Lambda's JVM options (C1
 * only, as a warm Lambda invocation runs). Per handler: p50 and p99 of each fork, then their median and spread.
 */
final class WarmLatency {

    /**
     * Per-fork percentiles of one benchmark, in nanoseconds.
     *
     * @param p50 each fork's median
     * @param p99 each fork's 99th percentile
     */
    record Figures(Sample p50, Sample p99) {}

    private WarmLatency() {}

    /**
     * Runs the handler benchmarks.
     *
     * @param log where JMH writes its own report, so standard output keeps only the table
     */
    static Map<String, Figures> run(int forks, int warmupSeconds, int measureSeconds, Path log) throws RunnerException {
        List<String> jvmArgs = new ArrayList<>(ColdStart.LAMBDA_OPTIONS);
        Options options = new OptionsBuilder()
                .include(HandlerBenchmarks.class.getName() + "\\.")
                .mode(org.openjdk.jmh.annotations.Mode.SampleTime)
                .timeUnit(TimeUnit.NANOSECONDS)
                .forks(forks)
                .warmupIterations(warmupSeconds)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(measureSeconds)
                .measurementTime(TimeValue.seconds(1))
                .jvmArgs(jvmArgs.toArray(String[]::new))
                .shouldFailOnError(true)
                .output(log.toString())
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Figures> figures = new LinkedHashMap<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            List<Double> p50 = new ArrayList<>();
            List<Double> p99 = new ArrayList<>();
            for (BenchmarkResult fork : result.getBenchmarkResults()) {
                p50.add(fork.getPrimaryResult().getStatistics().getPercentile(50));
                p99.add(fork.getPrimaryResult().getStatistics().getPercentile(99));
            }
            figures.put(name, new Figures(sample(p50), sample(p99)));
        }
        return figures;
    }

    private static Sample sample(List<Double> values) {
        return Sample.of(values.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
