package dev.stepwise.core;

import java.util.List;

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
     * Present a custom challenge for {@code factor}, or a choice between {@code options}.
     *
     * @param factor the factor to present; {@code null} on a selection step
     * @param step the policy step, from 0
     * @param stepCount the number of steps in the policy
     * @param attempt the attempt at this step, from 1
     * @param attemptsRemaining answers left for this challenge, this one included
     * @param reusable the previous round's metadata when it was a wrong answer to the same challenge and its code is
     *     still valid: Create reuses that code and sends nothing; {@code null} when a new code is needed
     * @param options the choices on a selection step (two or more); empty otherwise
     * @param setup whether the factor is set up in this round (TOTP set-up) rather than checked
     * @param nonce the sign-in's nonce from earlier rounds; {@code null} on the first round (Create draws one)
     */
    record Present(
            Factor factor,
            int step,
            int stepCount,
            int attempt,
            int attemptsRemaining,
            ChallengeMetadata reusable,
            List<Factor> options,
            boolean setup,
            String nonce)
            implements Decision {
        /** Copies the options. */
        public Present {
            options = options == null ? List.of() : List.copyOf(options);
        }

        /** A factor challenge without a nonce, options or set-up. */
        public Present(
                Factor factor,
                int step,
                int stepCount,
                int attempt,
                int attemptsRemaining,
                ChallengeMetadata reusable) {
            this(factor, step, stepCount, attempt, attemptsRemaining, reusable, List.of(), false, null);
        }

        /** Whether the user chooses between {@link #options} in this round. */
        public boolean selection() {
            return factor == null;
        }

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
