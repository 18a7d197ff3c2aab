package dev.stepwise.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepwise.bench.floor.EmptyHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ColdStartTest {
    private static final String JAVA =
            Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @Test
    void runOnce_emptyHandler_servesTheEventThroughTheRuntimeSerializer(@TempDir Path dir) throws Exception {
        Path event = Files.writeString(dir.resolve("event.json"), "{\"hello\":\"world\"}");

        ColdStart.Run run = new ColdStart(JAVA, classpath())
                .runOnce(Path.of("target/classes"), EmptyHandler.class.getName(), event, Map.of(), List.of());

        assertThat(run.response()).isEqualTo("{\"hello\":\"world\"}");
        assertThat(run.totalNanos()).isGreaterThan(run.initNanos() + run.invokeNanos());
        assertThat(run.initNanos()).isPositive();
    }

    @Test
    void runOnce_unknownHandler_failsWithTheChildsError(@TempDir Path dir) throws Exception {
        Path event = Files.writeString(dir.resolve("event.json"), "{}");

        assertThatThrownBy(() -> new ColdStart(JAVA, classpath())
                        .runOnce(Path.of("target/classes"), "no.such.Handler", event, Map.of(), List.of()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("ClassNotFoundException");
    }

    /**
     * The test's class path without the functions module: the benchmark runs the floor on the runtime stand-in's jar
     * and libraries, which hold nothing of the functions, so a runtime class that needs one must fail here too.
     */
    private static List<Path> classpath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> !entry.contains("stepwise-functions")
                        && !entry.replace('\\', '/').contains("/functions/target/"))
                .map(Path::of)
                .toList();
    }
}
