package dev.stepwise.core;

/**
 * A code could not be sent. Create lets it propagate, so Cognito fails the sign-in step with
 * {@code UserLambdaValidationException}; the message names the provider and never the recipient or the code.
 */
public final class DeliveryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception. There is deliberately no cause: a provider's error text can quote the recipient, and a
     * cause would carry it into Lambda's error log.
     */
    public DeliveryException(String message) {
        super(message);
    }
}
