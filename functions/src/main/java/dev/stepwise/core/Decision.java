package dev.stepwise.core;

/** What happens next in a sign-in: the outcome of {@link Decider#decide}. */
public sealed interface Decision {
    /** A short, log-safe name of the outcome: {@code tokens}, {@code fail}, {@code password} or {@code challenge}. */
    String outcome();

    /** Every step of the chain was passed in order: Cognito may issue tokens. */
    record IssueTokens() implements Decision {
        @Override
        public String outcome() {
            return "tokens";
        }
    }

    /**
     * The sign-in ends without tokens.
     *
     * @param reason why, for the log line; never contains a code, an answer or a destination
     */
    record Fail(String reason) implements Decision {
        @Override
        public String outcome() {
            return "fail";
        }
    }

    /** After {@code SRP_A}: Cognito should check the password ({@code PASSWORD_VERIFIER}). */
    record VerifyPassword() implements Decision {
        @Override
        public String outcome() {
            return "password";
        }
    }

    /**
     * Present a custom challenge for {@code factor}.
     *
     * @param factor the factor to present
     * @param step the policy step, from 0
     * @param stepCount the number of steps in the policy
     * @param attempt the attempt at this step, from 1
     * @param attemptsRemaining answers left for this challenge, this one included
     * @param reusable the previous round's metadata when it was a wrong answer to the same challenge and its code is
     *     still valid: Create reuses that code and sends nothing; {@code null} when a new code is needed
     */
    record Present(
            Factor factor, int step, int stepCount, int attempt, int attemptsRemaining, ChallengeMetadata reusable)
            implements Decision {
        @Override
        public String outcome() {
            return "challenge";
        }

        /** Whether this is the first step of the chain (Clerk: {@code needs_first_factor}). */
        public boolean firstStep() {
            return step == 0;
        }
    }
}
