package dev.stepwise.lambda.aws;

/**
 * A failed AWS call made through {@link SignedCalls}: the service's error code and HTTP status, or the client-side
 * failure (a timeout, a refused connection) with status 0. Its message never holds the service's own message (SES and
 * SNS quote the recipient), a request body or a credential.
 */
final class AwsCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final int status;
    private final boolean retryable;

    AwsCallException(String service, String operation, String code, int status, boolean retryable) {
        super(service + " " + operation + " failed (" + code + (status == 0 ? "" : ", HTTP " + status) + ")");
        this.code = code;
        this.status = status;
        this.retryable = retryable;
    }

    /** The service's error code without its namespace ({@code ConditionalCheckFailedException}), or the client failure. */
    String code() {
        return code;
    }

    /** The HTTP status, or 0 when no answer came. */
    int status() {
        return status;
    }

    /** Whether trying again may help: throttling, a 5xx, or no answer (timeout, connection). */
    boolean retryable() {
        return retryable;
    }

    /** The code and status, for log lines and other exceptions' messages. */
    String describe() {
        return status == 0 ? code : code + ", HTTP " + status;
    }
}
