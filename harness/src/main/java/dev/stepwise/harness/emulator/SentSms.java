package dev.stepwise.harness.emulator;

import java.time.Instant;

/**
 * One SMS captured from SNS {@code Publish} to a phone number, as LocalStack's {@code /_aws/sns/sms-messages} lists it.
 *
 * @param id the message id returned to the sender
 * @param region the region of the SNS endpoint the sender used
 * @param phoneNumber the destination phone number
 * @param message the text
 * @param timestamp when the emulator received it
 */
public record SentSms(String id, String region, String phoneNumber, String message, Instant timestamp) {

    /** Omits the text: it may carry a one-time code. */
    @Override
    public String toString() {
        return "SentSms[id=" + id + ", phoneNumber=" + phoneNumber + ", timestamp=" + timestamp + "]";
    }
}
