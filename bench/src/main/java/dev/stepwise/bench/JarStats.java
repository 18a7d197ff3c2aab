package dev.stepwise.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Size and contents of a jar: bytes on disk, class count, and compressed bytes per top-level group of packages.
 *
 * @param bytes the file's size
 * @param classes {@code .class} entries
 * @param entries all entries
 * @param bytesByGroup compressed bytes per group (the first three path segments of a class, e.g.
 *     {@code software/amazon/awssdk}), largest first
 */
public record JarStats(long bytes, int classes, int entries, Map<String, Long> bytesByGroup) {

    /** Reads {@code jar}. */
    public static JarStats of(Path jar) throws IOException {
        int classes = 0;
        int entries = 0;
        Map<String, Long> groups = new TreeMap<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : java.util.Collections.list(file.entries())) {
                if (entry.isDirectory()) {
                    continue;
                }
                entries++;
                if (entry.getName().endsWith(".class")) {
                    classes++;
                }
                groups.merge(group(entry.getName()), Math.max(0, entry.getCompressedSize()), Long::sum);
            }
        }
        Map<String, Long> sorted = new LinkedHashMap<>();
        groups.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return new JarStats(Files.size(jar), classes, entries, sorted);
    }

    private static String group(String name) {
        List<String> parts = List.of(name.split("/"));
        if (parts.size() <= 1 || !name.endsWith(".class")) {
            return parts.get(0).equals("META-INF") ? "META-INF" : "(resources)";
        }
        return String.join("/", parts.subList(0, Math.min(3, parts.size() - 1)));
    }

    /** Megabytes (10^6 bytes). */
    public double megabytes() {
        return bytes / 1e6;
    }
}
