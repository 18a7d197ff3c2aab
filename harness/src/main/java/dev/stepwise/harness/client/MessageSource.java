package dev.stepwise.harness.client;

import java.util.List;

/**
 * Somewhere sent codes can be read back in tests: the emulator's or LocalStack's mailbox ({@link HttpMailbox}), or
 * your own adapter for a real account (a test inbox API, an SES receipt rule writing to S3, an SNS topic subscribed
 * by SQS, ...). {@link CodeReader} finds codes in any source.
 */
@FunctionalInterface
public interface MessageSource {

    /**
     * Every message currently held, oldest first.
     *
     * @throws java.io.UncheckedIOException if the source cannot be read
     */
    List<DeliveredMessage> messages();
}
