package dev.stepwise.harness.emulator;

import java.time.Instant;
import java.util.List;

/**
 * One email captured from SES v2 {@code SendEmail}, as LocalStack's {@code /_aws/ses} lists it.
 *
 * @param id the message id returned to the sender
 * @param region the region of the SES endpoint the sender used
 * @param source the sender ({@code FromEmailAddress})
 * @param toAddresses the {@code To} recipients
 * @param ccAddresses the {@code Cc} recipients
 * @param bccAddresses the {@code Bcc} recipients
 * @param subject the subject
 * @param textBody the plain-text body, or null
 * @param htmlBody the HTML body, or null
 * @param timestamp when the emulator received it
 */
public record SentEmail(
        String id,
        String region,
        String source,
        List<String> toAddresses,
        List<String> ccAddresses,
        List<String> bccAddresses,
        String subject,
        String textBody,
        String htmlBody,
        Instant timestamp) {

    /** Copies the address lists. */
    public SentEmail {
        toAddresses = List.copyOf(toAddresses);
        ccAddresses = List.copyOf(ccAddresses);
        bccAddresses = List.copyOf(bccAddresses);
    }

    /** Omits the subject and bodies: they may carry one-time codes. */
    @Override
    public String toString() {
        return "SentEmail[id=" + id + ", source=" + source + ", to=" + toAddresses + ", timestamp=" + timestamp + "]";
    }
}
