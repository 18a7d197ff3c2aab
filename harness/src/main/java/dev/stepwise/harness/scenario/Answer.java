package dev.stepwise.harness.scenario;

import java.util.Objects;

/** How a scenario answers a challenge. */
public sealed interface Answer {

    /** The code the challenge sent, read from the target's mailbox ({@code code-from-mailbox}). */
    record CodeFromMailbox() implements Answer {}

    /**
     * A code that is certainly wrong: the mailbox's code with its last digit changed ({@code wrong-code}), so attempts
     * count down without guessing.
     */
    record WrongCode() implements Answer {}

    /** The link the challenge sent by email, read from the mailbox ({@code link-from-mailbox}). */
    record LinkFromMailbox() implements Answer {}

    /**
     * This text, as typed ({@code literal: "123456"}).
     *
     * @param value the answer
     */
    record Literal(String value) implements Answer {
        /** Validates. */
        public Literal {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return "Literal[<redacted>]";
        }
    }

    /**
     * The current TOTP code (RFC 6238, SHA-1, 6 digits, 30 s) of this Base32 secret ({@code totp-from-secret: ...}).
     *
     * @param secret the Base32 secret
     */
    record TotpFromSecret(String secret) implements Answer {
        /** Validates. */
        public TotpFromSecret {
            Objects.requireNonNull(secret, "secret");
        }

        @Override
        public String toString() {
            return "TotpFromSecret[<redacted>]";
        }
    }

    /**
     * The current TOTP code of the secret in this challenge's {@code otpauthUri}, as an authenticator app that scanned
     * it would show ({@code totp-from-setup}).
     */
    record TotpFromSetup() implements Answer {}

    /** The next unused backup code provisioned for the scenario's user ({@code backup-code}). */
    record BackupCode() implements Answer {}

    /**
     * One of a selection step's options ({@code choice: email_code}).
     *
     * @param option the option chosen
     */
    record Choice(String option) implements Answer {
        /** Validates. */
        public Choice {
            Objects.requireNonNull(option, "option");
        }
    }
}
