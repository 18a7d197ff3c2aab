package dev.stepwise.lambda;

import dev.stepwise.core.StepwiseException;

/**
 * What a handler throws in place of an unexpected error (a malformed event, a state table, KMS or Secrets Manager that
 * does not answer, a bug), so that the person signing in, who reads Cognito's {@code "<Trigger> failed with error
 * <message>"}, sees one fixed text and nothing internal: no ARN, table name, decision reason or provider message. The
 * details are in the invocation's log line. Cognito issues no tokens.
 *
 * <p>Together with the abuse controls' refusals ({@code SignInRefusedException}) and the two texts of a failed send
 * ({@code DeliveryException#TRY_AGAIN}, {@code DeliveryException#REFUSED}) this is every message a user can see.
 */
public final class SignInFailedException extends StepwiseException {
    private static final long serialVersionUID = 1L;

    /** The one text for every unexpected error. */
    public static final String MESSAGE = "We could not complete your sign-in. Try again in a minute.";

    SignInFailedException() {
        super(MESSAGE, false);
    }

    /** Always: the one fixed text is written for the person signing in. */
    @Override
    public boolean shownToUser() {
        return true;
    }
}
