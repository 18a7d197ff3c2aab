package dev.stepwise.harness.srp;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The TIMESTAMP of a PASSWORD_VERIFIER response: {@code EEE MMM d HH:mm:ss 'UTC' yyyy} in English and UTC, e.g.
 * {@code Mon Nov 2 03:07:09 UTC 2026} (the day of month is not padded, the time is). The client signs this exact
 * string and the server signs it again to compare.
 */
public final class SrpTimestamp {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern(
                    "EEE MMM d HH:mm:ss 'UTC' yyyy", Locale.US)
            .withZone(ZoneOffset.UTC);

    private SrpTimestamp() {}

    /** Formats an instant (to the second) the way Cognito and Amplify do. */
    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    /**
     * Parses a TIMESTAMP sent by a client.
     *
     * @throws IllegalArgumentException if the text is not in Cognito's format
     */
    public static Instant parse(String timestamp) {
        try {
            return FORMAT.parse(timestamp, Instant::from);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException(
                    "TIMESTAMP must look like 'Sun Nov 22 03:07:09 UTC 2026', but was " + timestamp, e);
        }
    }
}
