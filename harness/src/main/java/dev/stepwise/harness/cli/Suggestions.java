package dev.stepwise.harness.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.UnmatchedArgumentException;

/** "Did you mean" for a misspelt command or option: the known names within a small edit distance. */
final class Suggestions {

    private Suggestions() {}

    /** A sentence to add to the error, e.g. {@code "; did you mean --policy?"}, or empty. */
    static String of(CommandLine.ParameterException exception) {
        if (!(exception instanceof UnmatchedArgumentException unmatched)
                || unmatched.getUnmatched().isEmpty()) {
            return "";
        }
        String typed = unmatched.getUnmatched().get(0);
        String name = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
        List<String> close = closest(name, candidates(exception.getCommandLine().getCommandSpec(), name));
        return close.isEmpty() ? "" : "; did you mean " + String.join(" or ", close) + "?";
    }

    static List<String> closest(String typed, List<String> candidates) {
        int limit = Math.max(2, typed.replace("-", "").length() / 3);
        List<String> close = new ArrayList<>();
        for (String candidate : candidates) {
            if (distance(typed, candidate) <= limit) {
                close.add(candidate);
            }
        }
        close.sort(Comparator.comparingInt((String candidate) -> distance(typed, candidate)));
        return close.subList(0, Math.min(2, close.size()));
    }

    private static List<String> candidates(CommandSpec spec, String typed) {
        List<String> names = new ArrayList<>();
        if (typed.startsWith("-")) {
            for (OptionSpec option : spec.options()) {
                if (!option.hidden()) {
                    names.addAll(List.of(option.names()));
                }
            }
        } else {
            spec.subcommands().forEach((name, sub) -> {
                if (!sub.getCommandSpec().usageMessage().hidden()) {
                    names.add(name);
                }
            });
        }
        return names;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours cost 1. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
