package dev.stepwise.core;

/**
 * Port: sends a code to the user. Implementations: SES v2 for email and SNS for SMS in
 * {@code dev.stepwise.lambda.aws}; fakes in tests. Implementations must be thread-safe and must not log the message.
 */
@FunctionalInterface
public interface CodeDelivery {
    /**
     * Sends the message, or throws.
     *
     * @throws DeliveryException when the message could not be handed to the provider
     */
    void deliver(CodeMessage message);
}
