package dev.stepwise.lambda.aws;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Log-safe descriptions of SDK failures. */
final class AwsErrors {
    private AwsErrors() {}

    /**
     * The error code and HTTP status of a service error, or the exception type of a client-side one. Never the
     * provider's message: SES and SNS messages can quote the recipient.
     */
    static String describe(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            return service.awsErrorDetails().errorCode() + ", HTTP " + service.statusCode();
        }
        return e.getClass().getSimpleName();
    }

    /**
     * Whether trying again may help: throttling, a 5xx, or a client-side failure such as a timeout or a refused
     * connection. A 4xx other than throttling (a rejected message, an unverified sender, a bad number) is permanent.
     */
    static boolean retryable(SdkException e) {
        if (e instanceof AwsServiceException service) {
            return service.isThrottlingException() || service.statusCode() >= 500;
        }
        return true;
    }
}
