package dev.stepwise.harness.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a duration option the way people write one: {@code 500ms}, {@code 15s}, {@code 2m}, {@code 1h30m},
 * {@code 1d}, and ISO-8601 ({@code PT15S}) too.
 */
final class HumanDuration implements ITypeConverter<Duration> {

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    static Duration parse(String value) {
        String text = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (text.startsWith("p")) {
            try {
                return nonNegative(Duration.parse(text.toUpperCase(Locale.ROOT)), value);
            } catch (DateTimeParseException e) {
                throw invalid(value);
            }
        }
        Matcher part = PART.matcher(text);
        Duration total = Duration.ZERO;
        int end = 0;
        while (part.find() && part.start() == end) {
            long amount;
            try {
                amount = Long.parseLong(part.group(1));
            } catch (NumberFormatException e) {
                throw invalid(value);
            }
            total = total.plus(
                    switch (part.group(2)) {
                        case "ms" -> Duration.ofMillis(amount);
                        case "s" -> Duration.ofSeconds(amount);
                        case "m" -> Duration.ofMinutes(amount);
                        case "h" -> Duration.ofHours(amount);
                        default -> Duration.ofDays(amount);
                    });
            end = part.end();
        }
        if (text.isEmpty() || end != text.length()) {
            throw invalid(value);
        }
        return total;
    }

    private static Duration nonNegative(Duration duration, String value) {
        if (duration.isNegative()) {
            throw invalid(value);
        }
        return duration;
    }

    private static TypeConversionException invalid(String value) {
        return new TypeConversionException(
                "'" + value + "' is not a duration: write e.g. 500ms, 15s, 2m, 1h30m, or ISO-8601 like PT15S");
    }
}
