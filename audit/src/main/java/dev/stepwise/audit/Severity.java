package dev.stepwise.audit;

/** How much a {@link Finding} matters, most serious first. */
public enum Severity {
    /** A way to get tokens without the custom-auth triggers: the policy's factors can be skipped. */
    BYPASS,
    /** Weakens the factors themselves, e.g. lets a token holder redirect codes, or leaves the triggers unwired. */
    HIGH,
    /** A setting an attacker can use together with another weakness. */
    MEDIUM,
    /** Defence in depth worth having. */
    LOW
}
