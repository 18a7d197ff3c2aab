package dev.stepwise.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class FunctionsJarSizeTest {
    private static final long LIMIT = 10_000_000L;
    private static final Path TARGET = Path.of("../functions/target");

    @Test
    void lambdaJar_builtByPackage_staysWithinTenMegabytes() throws IOException {
        List<Path> jars;
        try (Stream<Path> files = Files.list(TARGET)) {
            jars = files.filter(p -> p.getFileName().toString().matches("stepwise-functions-.*-lambda\\.jar"))
                    .toList();
        }

        assertThat(jars)
                .as(
                        "the shaded jar in %s: build it with ./mvnw -pl bench -am verify (package runs before these tests)",
                        TARGET.toAbsolutePath())
                .hasSize(1);
        JarStats stats = JarStats.of(jars.get(0));
        assertThat(stats.bytes())
                .as(
                        "the handlers' jar is %.2f MB, over 10 MB; largest groups: %s",
                        stats.megabytes(), stats.bytesByGroup())
                .isLessThanOrEqualTo(LIMIT);
    }
}
