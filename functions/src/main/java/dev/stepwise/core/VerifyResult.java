package dev.stepwise.core;

/**
 * Verify's verdict.
 *
 * @param correct whether the answer is right
 * @param reason why, for the log line: {@code correct}, {@code wrong code}, {@code code expired}, ...; never contains
 *     the code or the answer
 */
public record VerifyResult(boolean correct, String reason) {
    /** The answer is right. */
    public static VerifyResult right() {
        return new VerifyResult(true, "correct");
    }

    /** The answer is wrong, for a log-safe {@code reason} that never contains the answer or a secret. */
    public static VerifyResult wrong(String reason) {
        return new VerifyResult(false, reason);
    }
}
