package dev.stepwise.core;

/**
 * A code could not be sent. Create lets it propagate, so Cognito fails the sign-in step with
 * {@code UserLambdaValidationException}. Senders throw it with a log-safe description of the provider's error and
 * whether trying again may help ({@link #retryable()}: throttling, a 5xx, a timeout). After its bounded retries the
 * flow throws a new one whose message is written for the person signing in, with the provider's description kept in
 * {@link #detail()} for the log. Neither ever names the recipient or the code.
 */
public final class DeliveryException extends StepwiseException {
    private static final long serialVersionUID = 1L;

    /** The message after a retryable failure that outlasted the retries. */
    public static final String TRY_AGAIN = "We could not send your code just now. Try again in a minute.";

    /** The message after a permanent failure (the provider refused this message or destination). */
    public static final String REFUSED = "We could not send a code to this address.";

    private final boolean retryable;
    private final String detail;

    /**
     * A permanent failure. There is deliberately no cause: a provider's error text can quote the recipient, and a
     * cause would carry it into Lambda's error log.
     */
    public DeliveryException(String message) {
        this(message, false);
    }

    /**
     * A failure that trying again may or may not cure.
     *
     * @param retryable whether trying again may help (throttling, a 5xx, a timeout)
     */
    public DeliveryException(String message, boolean retryable) {
        this(message, retryable, null);
    }

    private DeliveryException(String message, boolean retryable, String detail) {
        super(message);
        this.retryable = retryable;
        this.detail = detail;
    }

    /** The exception to show the user once retries are over: {@link #TRY_AGAIN} or {@link #REFUSED}. */
    static DeliveryException forUser(DeliveryException last, int attempts) {
        return new DeliveryException(
                last.retryable ? TRY_AGAIN : REFUSED,
                last.retryable,
                last.getMessage() + "; " + attempts + (attempts == 1 ? " attempt" : " attempts"));
    }

    /**
     * Whether this is the exception the flow throws after its retries, whose message is {@link #TRY_AGAIN} or
     * {@link #REFUSED}; a sender's own exception, which describes the provider's error, is not shown.
     */
    @Override
    public boolean shownToUser() {
        return detail != null;
    }

    /** The provider's log-safe description: {@link #detail()} behind a user-facing text, else the message. */
    @Override
    public String logDetail() {
        return detail != null ? detail : getMessage();
    }

    /** Whether trying again may help. */
    public boolean retryable() {
        return retryable;
    }

    /** The provider's log-safe error behind a user-facing message, or {@code null}. */
    public String detail() {
        return detail;
    }
}
