package dev.stepwise.core;

/**
 * A message carrying a code, ready to send. The body holds the code, so {@link #toString()} shows neither the body nor
 * the recipient.
 *
 * @param medium email or SMS
 * @param recipient the email address or E.164 phone number
 * @param subject the email subject; {@code null} for SMS
 * @param body the text, code included
 */
public record CodeMessage(DeliveryMedium medium, String recipient, String subject, String body) {
    /** Checks the required parts. */
    public CodeMessage {
        if (medium == null || recipient == null || body == null) {
            throw new IllegalArgumentException("medium, recipient and body are required");
        }
    }

    @Override
    public String toString() {
        return "CodeMessage[medium=" + medium + ", recipient=redacted, body=redacted]";
    }
}
