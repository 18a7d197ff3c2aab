package dev.stepwise.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class FunctionsJarSizeTest {
    private static final long GOAL = 10_000_000L;
    // 13.03 MB after minimizeJar, then 16.40 MB with passkeys: webauthn4j and the Jackson 3 it needs add 3.4 MB.
    private static final long TODAY = 16_500_000L;
    private static final Path TARGET = Path.of("../functions/target");

    @Test
    void lambdaJar_builtByPackage_growsNoFurther() throws IOException {
        JarStats stats = JarStats.of(lambdaJar());

        assertThat(stats.bytes())
                .as(
                        "the handlers' jar is %.2f MB, more than today's %.2f MB (goal %.0f MB); largest groups: %s",
                        stats.megabytes(), TODAY / 1e6, GOAL / 1e6, stats.bytesByGroup())
                .isLessThanOrEqualTo(TODAY);
    }

    @Test
    void lambdaJar_knownGap_stillOverTheTenMegabyteGoal() throws IOException {
        JarStats stats = JarStats.of(lambdaJar());

        assertThat(stats.bytes())
                .as(
                        "the jar is %.2f MB, within the goal: replace both tests by one that fails over %.0f MB",
                        stats.megabytes(), GOAL / 1e6)
                .isGreaterThan(GOAL);
    }

    private static Path lambdaJar() throws IOException {
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
