package dev.stepwise.core.passkey;

/**
 * The outcome of checking a passkey answer: passed, with the credential as it now stands, or refused with a reason
 * for logs (never shown to the user).
 *
 * @param passed whether every check passed
 * @param reason why it was refused, or {@code "ok"}
 * @param credential the credential that signed (after its counter update) or was registered; {@code null} when refused
 */
public record PasskeyCheck(boolean passed, String reason, PasskeyCredential credential) {
    /** A passing check for {@code credential}. */
    public static PasskeyCheck passed(PasskeyCredential credential) {
        return new PasskeyCheck(true, "ok", credential);
    }

    /** A refusal for {@code reason}. */
    public static PasskeyCheck refused(String reason) {
        return new PasskeyCheck(false, reason, null);
    }
}
