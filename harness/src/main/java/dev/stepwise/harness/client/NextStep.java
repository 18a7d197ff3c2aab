package dev.stepwise.harness.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of starting or answering a sign-in: a {@link Challenge} to answer, {@link Done}, or an outcome that ends
 * the attempt. Cognito errors arrive here as values, not exceptions; dispatch with {@code instanceof} and keep a
 * default branch, since Cognito adds steps over time.
 */
public sealed interface NextStep {

    /** Whether the sign-in is over (signed in or failed); only a {@link Challenge} continues. */
    default boolean isFinal() {
        return !(this instanceof Challenge);
    }

    /**
     * A challenge to answer with {@link SignInClient#answer(Challenge, String)}. Fields not in the challenge are
     * null (lists empty).
     *
     * @param step the step, or {@link SignInStep#UNKNOWN}
     * @param stepName the raw step name (Stepwise's {@code step} parameter, or derived from Cognito's challenge name)
     * @param status Clerk-style status: {@code needs_first_factor}, {@code needs_second_factor}, ...
     * @param factor Clerk-style strategy: {@code email_code}, {@code phone_code}, {@code totp}, ...; null on a choice
     * @param options the choices of a selection step; the answer is one of them
     * @param delivery where a code went
     * @param attemptsRemaining answers left for this challenge
     * @param codeLength digits in the expected code
     * @param expiresAt when the code expires
     * @param otpauthUri the {@code otpauth://} URI to enrol an authenticator (TOTP set-up only)
     * @param contractVersion Stepwise's challenge-parameter contract version, null for non-Stepwise challenges
     * @param session what to send back; {@link SignInSession#save()} to continue elsewhere
     */
    record Challenge(
            SignInStep step,
            String stepName,
            String status,
            String factor,
            List<String> options,
            CodeDeliveryDetails delivery,
            Integer attemptsRemaining,
            Integer codeLength,
            Instant expiresAt,
            String otpauthUri,
            Integer contractVersion,
            SignInSession session)
            implements NextStep {

        /** Validates and copies. */
        public Challenge {
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(stepName, "stepName");
            Objects.requireNonNull(session, "session");
            options = List.copyOf(options == null ? List.of() : options);
        }

        /** Every challenge parameter as Cognito sent it (Amplify's {@code additionalInfo}, plus USERNAME). */
        public Map<String, String> parameters() {
            return session.parameters();
        }

        /** Cognito's challenge name, e.g. {@code CUSTOM_CHALLENGE}. */
        public String challengeName() {
            return session.challengeName();
        }

        /**
         * Everything but the secrets: the otpauth URI's {@code secret} is redacted (it is the user's second factor),
         * and so is the session (see {@link SignInSession#toString()}).
         */
        @Override
        public String toString() {
            return "Challenge[step=" + step + ", stepName=" + stepName + ", status=" + status + ", factor=" + factor
                    + ", options=" + options + ", delivery=" + delivery + ", attemptsRemaining=" + attemptsRemaining
                    + ", codeLength=" + codeLength + ", expiresAt=" + expiresAt + ", otpauthUri="
                    + redactedUri(otpauthUri) + ", contractVersion=" + contractVersion + ", session=" + session + "]";
        }

        private static String redactedUri(String uri) {
            return uri == null ? null : uri.replaceAll("(?i)([?&]secret=)[^&]*", "$1<redacted>");
        }
    }

    /**
     * Signed in.
     *
     * @param tokens the issued tokens
     */
    record Done(Tokens tokens) implements NextStep {}

    /**
     * The attempt failed and must restart: a wrong password, too many wrong answers, a disabled user, or a user the
     * pool hides (Cognito's {@code NotAuthorizedException "Incorrect username or password."}).
     *
     * @param errorCode Cognito's error code
     * @param message Cognito's message
     */
    record Failed(String errorCode, String message) implements NextStep {}

    /**
     * The session is expired or was already used: start again.
     *
     * @param message Cognito's message
     */
    record SessionExpired(String message) implements NextStep {}

    /**
     * No such user (only on pools without {@code PreventUserExistenceErrors}).
     *
     * @param message Cognito's message
     */
    record UserNotFound(String message) implements NextStep {}

    /**
     * A Lambda trigger failed, timed out or returned something Cognito could not read.
     *
     * @param errorCode {@code UserLambdaValidationException}, {@code InvalidLambdaResponseException} or
     *     {@code UnexpectedLambdaException}
     * @param trigger the trigger named in the message (e.g. {@code DefineAuthChallenge}), or null
     * @param message Cognito's message
     */
    record TriggerError(String errorCode, String trigger, String message) implements NextStep {}

    /**
     * Stepwise's abuse controls refused the sign-in, or could not send the code: Define or Create threw one of the
     * refusals of the abuse controls and Cognito answered {@code UserLambdaValidationException}. Nothing was sent. Recognised
     * from the trigger's message, so a trigger with other wording arrives as {@link TriggerError} instead.
     *
     * @param reason which refusal
     * @param retryAfter how long the message says to wait (rounded up to what it says, e.g. whole minutes), or null
     *     when it names no time
     * @param errorCode Cognito's error code, {@code UserLambdaValidationException}
     * @param message Cognito's message, e.g. "DefineAuthChallenge failed with error Too many failed sign-in attempts.
     *     Try again in 15 minutes."
     */
    record Refused(Reason reason, java.time.Duration retryAfter, String errorCode, String message) implements NextStep {

        /** Validates. */
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(errorCode, "errorCode");
            Objects.requireNonNull(message, "message");
        }

        /** Why Stepwise refused. */
        public enum Reason {
            /** Too many wrong answers across sign-ins: the user is locked out for a while (Define refused). */
            LOCKED_OUT,
            /** A code was sent moments ago; wait before asking for another (Create refused). */
            CODE_SENT_RECENTLY,
            /** Too many codes were requested for this user within the hour (Create refused). */
            TOO_MANY_CODES,
            /** The pool's SMS budget for the hour is spent; use another factor (Create refused). */
            SMS_UNAVAILABLE,
            /** The email or SMS provider failed or throttled even after retries; try again shortly. */
            SENDER_UNAVAILABLE,
            /** The provider rejected the destination for good. */
            UNDELIVERABLE,
            /** Too many sign-ins of this user are unfinished; finish one or wait (Create refused). */
            TOO_MANY_SIGN_INS
        }
    }

    /**
     * Cognito throttled the call ({@code TooManyRequestsException}, {@code LimitExceededException}): retry later.
     *
     * @param message Cognito's message
     */
    record Throttled(String message) implements NextStep {}

    /**
     * Any other error Cognito returned: usually configuration (unknown app client, auth flow not enabled, wrong or
     * missing client secret, unknown user pool).
     *
     * @param errorCode Cognito's error code, e.g. {@code ResourceNotFoundException}
     * @param message Cognito's message
     */
    record ServiceError(String errorCode, String message) implements NextStep {}
}
