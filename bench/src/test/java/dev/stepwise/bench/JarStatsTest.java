package dev.stepwise.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarStatsTest {

    @Test
    void of_jarWithClassesAndResources_countsClassesAndGroupsByPackage(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("x.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            entry(out, "software/amazon/awssdk/core/A.class", 4000);
            entry(out, "software/amazon/awssdk/core/B.class", 4000);
            entry(out, "dev/stepwise/core/C.class", 10);
            entry(out, "META-INF/NOTICE", 10);
        }

        JarStats stats = JarStats.of(jar);

        assertThat(stats.classes()).isEqualTo(3);
        assertThat(stats.entries()).isEqualTo(4);
        assertThat(stats.bytes()).isEqualTo(Files.size(jar));
        assertThat(stats.bytesByGroup().keySet()).first().isEqualTo("software/amazon/awssdk");
        assertThat(stats.bytesByGroup()).containsKeys("dev/stepwise/core", "META-INF");
    }

    private static void entry(JarOutputStream out, String name, int size) throws Exception {
        out.putNextEntry(new JarEntry(name));
        byte[] bytes = new byte[size];
        new java.util.Random(size).nextBytes(bytes);
        ((OutputStream) out).write(bytes);
        out.closeEntry();
    }
}
