package dev.stepwise.bench;

import dev.stepwise.harness.load.Table;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * What the benchmark parts write to: the one Markdown table (benchmark, figure, median, spread, n, goal, met), notes
 * printed under it, extra tables (call counts, cost) and progress lines. Not thread-safe.
 */
final class BenchReport {
    private final Table table =
            Table.withColumns("benchmark", "figure", "median>", "spread (p25–p75)>", "n>", "goal", "met");
    private final List<String> notes = new ArrayList<>();
    private final List<String> sections = new ArrayList<>();
    private final Consumer<String> progress;

    BenchReport(Consumer<String> progress) {
        this.progress = progress;
    }

    /** Adds a row to the main table. */
    void row(Object... cells) {
        table.row(cells);
    }

    /** Adds a row whose figure is the median of {@code sample}, formatted by {@code format} plus {@code unit}. */
    void row(String benchmark, String figure, Sample sample, String format, String unit, String goal, String met) {
        table.row(
                benchmark,
                figure,
                format(format, sample.median()) + unit,
                sample.spread(format) + unit,
                sample.count(),
                goal,
                met);
    }

    /** The main table, for parts that write their rows themselves. */
    Table table() {
        return table;
    }

    /** The notes under the table, for parts that write them themselves. */
    List<String> notes() {
        return notes;
    }

    /** Adds a note under the table. */
    void note(String note) {
        notes.add(note);
    }

    /** Adds a titled table printed after the main one. */
    void section(String title, Table extra) {
        sections.add("### " + title + "\n\n" + extra.render());
    }

    /** Reports progress (standard error). */
    void progress(String message) {
        progress.accept(message);
    }

    void print(PrintWriter out) {
        out.println();
        out.print(table.render());
        out.println();
        for (String section : sections) {
            out.println(section);
        }
        for (String note : notes) {
            out.println(note);
        }
    }

    static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    static Sample sample(List<Double> values) {
        return Sample.of(values.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
