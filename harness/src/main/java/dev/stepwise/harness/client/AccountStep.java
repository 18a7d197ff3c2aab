package dev.stepwise.harness.client;

import java.util.Objects;

/**
 * The result of an account operation around sign-in (sign-up, its confirmation, a password reset): a code was sent,
 * the operation is done, or it failed with Cognito's error. Errors arrive as values, as with {@link NextStep}.
 */
public sealed interface AccountStep {

    /**
     * A code was sent; confirm with it ({@link SignInClient#confirmSignUp} or {@link SignInClient#confirmResetPassword}).
     *
     * @param delivery where it went (masked), or null when Cognito sent none (e.g. no auto-verified attribute)
     */
    record CodeSent(CodeDeliveryDetails delivery) implements AccountStep {}

    /**
     * Done: the user is signed up and confirmed, or the new password is set.
     *
     * @param userConfirmed whether the user can sign in now (false after a sign-up that an admin must confirm)
     */
    record Done(boolean userConfirmed) implements AccountStep {}

    /**
     * Cognito refused: e.g. {@code CodeMismatchException}, {@code ExpiredCodeException}, {@code InvalidPasswordException},
     * {@code UsernameExistsException}, {@code UserNotFoundException}, {@code LimitExceededException}.
     *
     * @param errorCode Cognito's error code
     * @param message Cognito's message
     */
    record Failed(String errorCode, String message) implements AccountStep {

        /** Validates. */
        public Failed {
            Objects.requireNonNull(errorCode, "errorCode");
        }
    }
}
