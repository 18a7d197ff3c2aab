package dev.stepwise.bench;

import static dev.stepwise.bench.BenchReport.format;

import java.io.IOException;

/** The shaded functions jar: size against the 10 MB goal, classes, and what takes the room. */
final class JarBenchmark {
    private JarBenchmark() {}

    static void run(BenchSettings settings, BenchReport report) throws IOException {
        JarStats stats = JarStats.of(settings.paths().functionsJar());
        boolean met = stats.bytes() <= 10_000_000L;
        report.row("shaded jar", "size", format("%.2f MB", stats.megabytes()), "", 1, "≤ 10 MB", met ? "yes" : "no");
        report.row("shaded jar", "classes", stats.classes(), "", 1, "", "");
        StringBuilder groups = new StringBuilder("jar contents (compressed): ");
        stats.bytesByGroup().entrySet().stream().limit(6).forEach(e -> groups.append(e.getKey())
                .append(' ')
                .append(format("%.2f MB", e.getValue() / 1e6))
                .append(", "));
        report.note(groups.substring(0, groups.length() - 2));
    }
}
