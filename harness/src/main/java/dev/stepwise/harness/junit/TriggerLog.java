package dev.stepwise.harness.junit;

import java.util.ArrayList;
import java.util.List;

/**
 * The trigger log lines of one test class's emulator, in arrival order, so the extension can show the lines a test
 * caused. Thread-safe.
 */
final class TriggerLog {

    private final List<String> lines = new ArrayList<>();

    synchronized void add(String line) {
        lines.add(line);
    }

    /** A mark for {@link #since(int)}: the number of lines so far. */
    synchronized int mark() {
        return lines.size();
    }

    /** The lines added after {@code mark}. */
    synchronized List<String> since(int mark) {
        return List.copyOf(lines.subList(Math.min(mark, lines.size()), lines.size()));
    }
}
