package dev.stepwise.harness.cli;

import java.io.Reader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/** Typed input whose lines are computed when the command reads them (a code that is only sent mid-run). */
final class LazyLines extends Reader {

    private final Deque<Supplier<String>> lines;
    private String current = "";
    private int position;

    LazyLines(List<Supplier<String>> lines) {
        this.lines = new ArrayDeque<>(lines);
    }

    @Override
    public int read(char[] buffer, int offset, int length) {
        if (position == current.length()) {
            Supplier<String> next = lines.poll();
            if (next == null) {
                return -1;
            }
            current = next.get() + "\n";
            position = 0;
        }
        int count = Math.min(length, current.length() - position);
        current.getChars(position, position + count, buffer, offset);
        position += count;
        return count;
    }

    @Override
    public void close() {}
}
