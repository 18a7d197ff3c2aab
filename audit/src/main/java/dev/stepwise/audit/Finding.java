package dev.stepwise.audit;

import java.util.Objects;

/**
 * One thing the audit found in a user pool.
 *
 * @param severity how much it matters
 * @param check the stable name of the check, e.g. {@code client-password-flow}
 * @param subject what it is about, e.g. {@code client web (1example23456789)} or {@code pool}
 * @param problem what is wrong and why it matters
 * @param fix the exact change that removes it (console path and CLI)
 */
public record Finding(Severity severity, String check, String subject, String problem, String fix) {

    /** Validates the members. */
    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(fix, "fix");
    }

    /** One line: severity, check, subject, problem and fix. */
    public String line() {
        return severity + " " + check + " [" + subject + "] " + problem + " Fix: " + fix;
    }
}
