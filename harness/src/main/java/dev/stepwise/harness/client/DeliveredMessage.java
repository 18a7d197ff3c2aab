package dev.stepwise.harness.client;

import java.time.Instant;

/**
 * One email or SMS as a mailbox recorded it. {@link #toString()} leaves out the body, which holds codes.
 *
 * @param medium {@code EMAIL} or {@code SMS}
 * @param destination the unmasked recipient address or phone number
 * @param subject the email subject (null for SMS)
 * @param body the plain-text body (an email's text part, else its HTML with tags removed)
 * @param sentAt when it was sent, if the mailbox says (LocalStack's SMS list does not): may be null
 */
public record DeliveredMessage(String medium, String destination, String subject, String body, Instant sentAt) {

    /** Leaves out the body. */
    @Override
    public String toString() {
        return "DeliveredMessage[medium=" + medium + ", destination=" + destination + ", subject=" + subject
                + ", sentAt=" + sentAt + ", body=<redacted>]";
    }
}
