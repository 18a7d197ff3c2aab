package dev.stepwise.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class FunctionsJarSizeTest {
    // 16.40 MB shaded with minimizeJar; 8.85 MB once ProGuard drops the SDK operations the functions never call.
    private static final long GOAL = 10_000_000L;
    private static final Path TARGET = Path.of("../functions/target");

    @Test
    void lambdaJar_builtByPackage_staysWithinTenMegabytes() throws IOException {
        JarStats stats = JarStats.of(lambdaJar());

        assertThat(stats.bytes())
                .as(
                        "the handlers' jar is %.2f MB, more than the %.0f MB goal; largest groups: %s (a class loaded"
                                + " by name that ProGuard must keep? see docs/performance.md, The jar)",
                        stats.megabytes(), GOAL / 1e6, stats.bytesByGroup())
                .isLessThanOrEqualTo(GOAL);
    }

    /** The jar Lambda runs, as {@code package} left it in functions/target (shaded, then shrunk). */
    static Path lambdaJar() throws IOException {
        List<Path> jars;
        try (Stream<Path> files = Files.list(TARGET)) {
            jars = files.filter(p -> p.getFileName().toString().matches("stepwise-functions-.*-lambda\\.jar"))
                    .toList();
        }
        assertThat(jars)
                .as(
                        "the shaded jar in %s: build with ./mvnw -pl bench -am verify (package runs before these tests)",
                        TARGET.toAbsolutePath())
                .hasSize(1);
        return jars.get(0);
    }
}
