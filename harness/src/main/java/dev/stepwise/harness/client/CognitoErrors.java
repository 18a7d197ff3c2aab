package dev.stepwise.harness.client;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** Maps a Cognito error response to a final {@link NextStep}. */
final class CognitoErrors {

    private static final Map<String, NextStep.Refused.Reason> REFUSALS = Map.of(
            "Too many failed sign-in attempts", NextStep.Refused.Reason.LOCKED_OUT,
            "A code was sent moments ago", NextStep.Refused.Reason.CODE_SENT_RECENTLY,
            "Too many codes were requested", NextStep.Refused.Reason.TOO_MANY_CODES,
            "Codes cannot be sent by text message right now", NextStep.Refused.Reason.SMS_UNAVAILABLE,
            "We could not send your code just now", NextStep.Refused.Reason.SENDER_UNAVAILABLE,
            "We could not send a code to this address", NextStep.Refused.Reason.UNDELIVERABLE,
            "Too many sign-ins are in progress", NextStep.Refused.Reason.TOO_MANY_SIGN_INS);
    private static final Pattern WAIT =
            Pattern.compile("(?:Try again in|Wait) (\\d+|an?) (seconds?|minutes?|hours?)\\b");
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
            case "UserLambdaValidationException" -> {
                NextStep refused = refusal(code, message);
                yield refused != null ? refused : new NextStep.TriggerError(code, triggerName(message), message);
            }
            case "InvalidLambdaResponseException", "UnexpectedLambdaException" -> new NextStep.TriggerError(
                    code, triggerName(message), message);
            case "TooManyRequestsException", "LimitExceededException", "ThrottlingException" -> new NextStep.Throttled(
                    message);
            default -> new NextStep.ServiceError(code, message);
        };
    }

    /** The abuse-control refusal that {@code message} words, or null. */
    static NextStep.Refused refusal(String code, String message) {
        if (message == null) {
            return null;
        }
        NextStep.Refused.Reason reason = null;
        for (Map.Entry<String, NextStep.Refused.Reason> wording : REFUSALS.entrySet()) {
            if (message.contains(wording.getKey())) {
                reason = wording.getValue();
                break;
            }
        }
        if (reason == null) {
            return null;
        }
        Duration retryAfter = null;
        Matcher wait = WAIT.matcher(message);
        if (wait.find()) {
            long amount = wait.group(1).equals("a") || wait.group(1).equals("an") ? 1 : Long.parseLong(wait.group(1));
            retryAfter = wait.group(2).startsWith("second")
                    ? Duration.ofSeconds(amount)
                    : wait.group(2).startsWith("minute") ? Duration.ofMinutes(amount) : Duration.ofHours(amount);
        }
        return new NextStep.Refused(reason, retryAfter, code, message);
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
