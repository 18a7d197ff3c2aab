package dev.stepwise.bench;

import java.nio.file.Path;

/**
 * The cold-start part of {@code ./stepwise-bench}: each handler as the CDK app deploys it, next to the empty-handler
 * floor, and the SnapStart path (see {@link ColdStartSuite}).
 */
final class ColdStartBenchmark {
    private ColdStartBenchmark() {}

    static void run(BenchSettings settings, BenchReport report) throws Exception {
        new ColdStartSuite(
                        new ColdStart(
                                Path.of(System.getProperty("java.home"), "bin", "java")
                                        .toString(),
                                settings.paths().runtimeClasspath()),
                        settings.paths().floorJar(),
                        settings.paths().functionsJar(),
                        settings.runs(),
                        report::progress)
                .run(report.table(), report.notes());
    }
}
