package dev.stepwise.lambda;

import dev.stepwise.core.StepwiseException;

/**
 * A trigger event that Cognito would not send: no request, a missing identity, the wrong trigger. The message names
 * what is missing or wrong, never a value a user typed, so the invocation's log line keeps it; the person signing in
 * sees {@link SignInFailedException}'s fixed text.
 */
final class MalformedEventException extends StepwiseException {
    private static final long serialVersionUID = 1L;

    MalformedEventException(String message) {
        super(message);
    }
}
