package dev.stepwise.core;

/**
 * A one-time code: decimal digits. Secret, so {@link #toString()} redacts it; only the delivery message and the keyed
 * hash ever see {@link #digits()}.
 *
 * @param digits the code, 4 to 10 decimal digits
 */
public record OneTimeCode(String digits) {
    /** Checks the format. */
    public OneTimeCode {
        if (digits == null || !digits.matches("[0-9]{4,10}")) {
            throw new IllegalArgumentException("a code is 4 to 10 decimal digits");
        }
    }

    @Override
    public String toString() {
        return "OneTimeCode[redacted]";
    }
}
