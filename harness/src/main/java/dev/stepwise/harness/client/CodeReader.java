package dev.stepwise.harness.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the code a challenge sent, in any {@link MessageSource}: the newest message whose recipient fits the
 * challenge's masked destination ({@code a***@e***.com} fits {@code alice@example.com}) and whose body holds a
 * number of the challenge's code length.
 *
 * <p>Thread-safe if the source is.
 */
public final class CodeReader {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Pattern LINK_TOKEN = Pattern.compile("[?&]token=([A-Za-z0-9_.~-]+)");

    private final MessageSource source;
    private final Clock clock;

    private CodeReader(MessageSource source, Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A reader over this source. */
    public static CodeReader of(MessageSource source) {
        return new CodeReader(source, Clock.systemUTC());
    }

    /**
     * The code in the newest matching message, if there is one now.
     *
     * @param delivery where the challenge says the code went (the destination may be masked, or exact)
     * @param codeLength digits in the code, or null for any 4 to 10 digit number
     */
    public Optional<String> latestCode(CodeDeliveryDetails delivery, Integer codeLength) {
        Objects.requireNonNull(delivery, "delivery");
        Pattern recipient = maskPattern(delivery.destination());
        Pattern code = Pattern.compile(
                codeLength == null ? "(?<!\\d)(\\d{4,10})(?!\\d)" : "(?<!\\d)(\\d{" + codeLength + "})(?!\\d)");
        List<DeliveredMessage> messages = source.messages();
        for (int i = messages.size() - 1; i >= 0; i--) {
            DeliveredMessage m = messages.get(i);
            boolean mediumFits = delivery.deliveryMedium() == null
                    || delivery.deliveryMedium().equalsIgnoreCase(m.medium());
            if (mediumFits
                    && m.destination() != null
                    && recipient.matcher(m.destination()).matches()) {
                Matcher found = code.matcher(m.body() == null ? "" : m.body());
                if (found.find()) {
                    return Optional.of(found.group(1));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Waits for the code of a code step, polling the source.
     *
     * @throws IllegalArgumentException if the challenge says nothing about where a code went
     * @throws CodeNotFoundException if no code arrives within the timeout
     */
    public String awaitCode(NextStep.Challenge challenge, Duration timeout) {
        if (challenge.delivery() == null || challenge.delivery().destination() == null) {
            throw new IllegalArgumentException(
                    "step " + challenge.stepName() + " did not send a code (no destination); nothing to read");
        }
        Instant deadline = clock.instant().plus(timeout);
        while (true) {
            Optional<String> code = latestCode(challenge.delivery(), challenge.codeLength());
            if (code.isPresent()) {
                return code.get();
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new CodeNotFoundException(
                        "no code for " + challenge.delivery().destination() + " arrived in " + source + " within "
                                + timeout.toMillis() + " ms");
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CodeNotFoundException("interrupted while waiting for a code");
            }
        }
    }

    /**
     * Waits for the sign-in link of an email-link step and returns its token (the value of the link's {@code token}
     * query parameter), which is the step's answer: what a front-end does when the user opens the link.
     *
     * @throws IllegalArgumentException if the challenge says nothing about where the link went
     * @throws CodeNotFoundException if no link arrives within the timeout
     */
    public String awaitLinkToken(NextStep.Challenge challenge, Duration timeout) {
        if (challenge.delivery() == null || challenge.delivery().destination() == null) {
            throw new IllegalArgumentException(
                    "step " + challenge.stepName() + " did not send a link (no destination); nothing to read");
        }
        Pattern recipient = maskPattern(challenge.delivery().destination());
        Instant deadline = clock.instant().plus(timeout);
        while (true) {
            List<DeliveredMessage> messages = source.messages();
            for (int i = messages.size() - 1; i >= 0; i--) {
                DeliveredMessage m = messages.get(i);
                if (m.destination() != null
                        && recipient.matcher(m.destination()).matches()) {
                    Matcher found = LINK_TOKEN.matcher(m.body() == null ? "" : m.body());
                    if (found.find()) {
                        return found.group(1);
                    }
                }
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new CodeNotFoundException(
                        "no sign-in link for " + challenge.delivery().destination() + " arrived in " + source
                                + " within " + timeout.toMillis() + " ms");
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CodeNotFoundException("interrupted while waiting for a link");
            }
        }
    }

    /** {@code a***@e***.com} as a pattern: each run of asterisks stands for any characters, the rest is literal. */
    static Pattern maskPattern(String masked) {
        StringBuilder regex = new StringBuilder();
        for (String part : masked.split("\\*+", -1)) {
            if (regex.length() > 0 || masked.startsWith("*")) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }

    /** No matching code arrived in time. */
    public static final class CodeNotFoundException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CodeNotFoundException(String message) {
            super(message);
        }
    }
}
