package dev.stepwise.harness.client;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** Maps a Cognito error response to a final {@link NextStep}. */
final class CognitoErrors {

    private static final Pattern TRIGGER = Pattern.compile("^(\\w+) (?:failed with error|invocation failed)");

    private CognitoErrors() {}

    static NextStep toOutcome(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String message =
                e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
        if (code == null) {
            code = "HTTP " + e.statusCode();
        }
        if (message == null) {
            message = e.getMessage();
        }
        return switch (code) {
            case "NotAuthorizedException" -> notAuthorized(code, message);
            case "UserNotFoundException" -> new NextStep.UserNotFound(message);
            case "CodeMismatchException", "ExpiredCodeException" -> new NextStep.Failed(code, message);
            case "UserLambdaValidationException",
                    "InvalidLambdaResponseException",
                    "UnexpectedLambdaException" -> new NextStep.TriggerError(code, triggerName(message), message);
            case "TooManyRequestsException", "LimitExceededException", "ThrottlingException" -> new NextStep.Throttled(
                    message);
            default -> new NextStep.ServiceError(code, message);
        };
    }

    private static NextStep notAuthorized(String code, String message) {
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("invalid session")) {
            return new NextStep.SessionExpired(message);
        }
        if (lower.contains("secret")) {
            return new NextStep.ServiceError(code, message);
        }
        return new NextStep.Failed(code, message);
    }

    private static String triggerName(String message) {
        Matcher m = TRIGGER.matcher(message == null ? "" : message);
        return m.find() ? m.group(1) : null;
    }
}
