package dev.stepwise.harness.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A text table rendered as Markdown (pipes, a separator row, columns padded to line up), so the same text reads well
 * in a terminal and pastes into a README. Not thread-safe.
 */
public final class Table {
    private final List<String> headers;
    private final List<Boolean> rightAligned;
    private final List<List<String>> rows = new ArrayList<>();

    private Table(List<String> headers, List<Boolean> rightAligned) {
        this.headers = headers;
        this.rightAligned = rightAligned;
    }

    /**
     * A table with these column headers. A header ending in {@code >} (which is dropped) makes its column
     * right-aligned, for numbers.
     */
    public static Table withColumns(String... headers) {
        List<String> names = new ArrayList<>();
        List<Boolean> right = new ArrayList<>();
        for (String header : headers) {
            boolean numeric = header.endsWith(">");
            names.add(numeric ? header.substring(0, header.length() - 1) : header);
            right.add(numeric);
        }
        return new Table(List.copyOf(names), List.copyOf(right));
    }

    /**
     * Adds a row.
     *
     * @throws IllegalArgumentException when the number of cells differs from the number of columns
     */
    public Table row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException(
                    "a row needs " + headers.size() + " cells, got " + cells.length + ": " + List.of(cells));
        }
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(cell == null ? "" : cell.toString().replace("|", "\\|"));
        }
        rows.add(row);
        return this;
    }

    /** The table as lines ending in {@code \n}. */
    public String render() {
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = Math.max(3, headers.get(c).length());
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, headers, widths);
        out.append('|');
        for (int c = 0; c < widths.length; c++) {
            out.append(' ');
            if (rightAligned.get(c)) {
                out.append(String.join("", Collections.nCopies(widths[c] - 1, "-")))
                        .append(':');
            } else {
                out.append(String.join("", Collections.nCopies(widths[c], "-")));
            }
            out.append(" |");
        }
        out.append('\n');
        for (List<String> row : rows) {
            line(out, row, widths);
        }
        return out.toString();
    }

    private void line(StringBuilder out, List<String> cells, int[] widths) {
        out.append('|');
        for (int c = 0; c < widths.length; c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(widths[c] - cell.length());
            out.append(' ')
                    .append(rightAligned.get(c) ? pad + cell : cell + pad)
                    .append(" |");
        }
        out.append('\n');
    }

    /** Milliseconds with one decimal, from nanoseconds. */
    public static String millis(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    /** Microseconds with one decimal, from nanoseconds. */
    public static String micros(double nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f µs", nanos / 1e3);
    }
}
