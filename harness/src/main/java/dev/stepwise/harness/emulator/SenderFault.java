package dev.stepwise.harness.emulator;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A fault that the emulator's SES v2 {@code SendEmail} or SNS {@code Publish} endpoint answers with, for the next
 * {@link #count()} requests to that service or until cleared. The replies are shaped as AWS's, so an SDK client (and
 * its retry policy) classifies them as it would the real service's:
 *
 * <table>
 *   <caption>Replies by service and mode</caption>
 *   <tr><th>mode</th><th>SES v2</th><th>SNS</th><th>message kept</th></tr>
 *   <tr><td>{@link Mode#THROTTLE}</td><td>HTTP 429 {@code TooManyRequestsException}</td>
 *       <td>HTTP 400 {@code Throttling}</td><td>no</td></tr>
 *   <tr><td>{@link Mode#ERROR}</td><td>HTTP 500 {@code InternalFailure}</td>
 *       <td>HTTP 500 {@code InternalError}</td><td>no</td></tr>
 *   <tr><td>{@link Mode#REJECT}</td><td>HTTP 400 {@code MessageRejected}</td>
 *       <td>HTTP 400 {@code InvalidParameter}</td><td>no</td></tr>
 *   <tr><td>{@link Mode#DELAY}</td><td colspan="2">the normal reply, held for {@link #delay()}</td><td>yes, at once</td></tr>
 * </table>
 *
 * <p>A delayed send is put in the mailbox when the request arrives, as a real send is accepted before a slow reply
 * reaches the caller; only the reply waits. Immutable.
 *
 * @param service the endpoint the fault applies to
 * @param mode how it fails
 * @param count requests it applies to, or {@link #UNTIL_CLEARED}
 * @param delay how long a {@link Mode#DELAY} reply is held; zero for the other modes
 */
public record SenderFault(Service service, Mode mode, int count, Duration delay) {

    /** The {@link #count()} of a fault that applies to every request until it is cleared. */
    public static final int UNTIL_CLEARED = -1;

    /** The longest delay accepted: past Cognito's three 5 s attempts, and short enough not to hang a test run. */
    public static final Duration MAX_DELAY = Duration.ofSeconds(60);

    /** The sending service whose endpoint fails. */
    public enum Service {
        /** SES v2 {@code SendEmail} ({@code POST /v2/email/outbound-emails}). */
        SES,
        /** SNS {@code Publish} (query or JSON protocol). */
        SNS;

        /** Reads {@code ses} or {@code sns} in any case. */
        public static Service parse(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("service must be ses or sns, was " + text);
            }
        }
    }

    /** How the endpoint fails. */
    public enum Mode {
        /** The service's throttling error; SDKs retry it with back-off. */
        THROTTLE,
        /** A server error (5xx); SDKs retry it. */
        ERROR,
        /** A permanent rejection of this message (4xx, not throttling); SDKs do not retry it. */
        REJECT,
        /** The normal reply, held back for the fault's delay. */
        DELAY;

        /** Reads {@code throttle}, {@code error}, {@code reject} or {@code delay} in any case. */
        public static Mode parse(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("mode must be throttle, error, reject or delay, was " + text);
            }
        }
    }

    /** Validates. */
    public SenderFault {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(mode, "mode");
        if (count < 1 && count != UNTIL_CLEARED) {
            throw new IllegalArgumentException(
                    "count must be at least 1 (or UNTIL_CLEARED for every request until cleared), was " + count);
        }
        delay = delay == null ? Duration.ZERO : delay;
        if (mode == Mode.DELAY && (delay.isNegative() || delay.isZero() || delay.compareTo(MAX_DELAY) > 0)) {
            throw new IllegalArgumentException("a delay fault needs a delay above 0 and at most "
                    + MAX_DELAY.toSeconds() + " s, was " + delay.toMillis() + " ms");
        }
        if (mode != Mode.DELAY && !delay.isZero()) {
            throw new IllegalArgumentException(
                    "only the delay mode takes a delay; " + mode + " was given " + delay.toMillis() + " ms");
        }
    }

    /** Throttles every request to {@code service} until cleared; {@link #times(int)} limits it. */
    public static SenderFault throttle(Service service) {
        return new SenderFault(service, Mode.THROTTLE, UNTIL_CLEARED, Duration.ZERO);
    }

    /** Answers every request to {@code service} with a server error until cleared. */
    public static SenderFault error(Service service) {
        return new SenderFault(service, Mode.ERROR, UNTIL_CLEARED, Duration.ZERO);
    }

    /** Rejects every message to {@code service} permanently until cleared. */
    public static SenderFault reject(Service service) {
        return new SenderFault(service, Mode.REJECT, UNTIL_CLEARED, Duration.ZERO);
    }

    /** Holds every reply of {@code service} for {@code delay} until cleared. */
    public static SenderFault delay(Service service, Duration delay) {
        return new SenderFault(service, Mode.DELAY, UNTIL_CLEARED, delay);
    }

    /** The same fault for the next {@code count} requests only. */
    public SenderFault times(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("times(count) needs a count of at least 1, was " + count);
        }
        return new SenderFault(service, mode, count, delay);
    }

    /** Whether it applies to every request until cleared. */
    public boolean untilCleared() {
        return count == UNTIL_CLEARED;
    }
}
