package dev.stepwise.core;

/**
 * Verify's verdict.
 *
 * @param correct whether the answer is right
 * @param reason why, for the log line: {@code correct}, {@code wrong code}, {@code code expired}, ...; never contains
 *     the code or the answer
 */
public record VerifyResult(boolean correct, String reason) {
    static VerifyResult right() {
        return new VerifyResult(true, "correct");
    }

    static VerifyResult wrong(String reason) {
        return new VerifyResult(false, reason);
    }
}
