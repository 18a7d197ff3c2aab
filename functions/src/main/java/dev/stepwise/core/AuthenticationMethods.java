package dev.stepwise.core;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The RFC 8176 authentication method reference ({@code amr}) values of a sign-in, from the factors it used.
 *
 * <p>Each factor maps to one registered value: {@code password} to {@code pwd}; {@code email_code}, {@code email_link},
 * {@code totp} and {@code backup_code} to {@code otp} (a one-time secret; RFC 8176 registers no value for email);
 * {@code phone_code} to {@code sms}; a passkey to {@code hwk} (hardware-bound key) or {@code swk} (synced key).
 * {@code mfa} is added when the factors span two or more independent channels (knowledge, mailbox, phone,
 * authenticator app, backup codes, passkey): an email code followed by an email link proves one mailbox twice, so it is
 * not {@code mfa}. Factors this class does not know contribute no value and no channel. Thread-safe; stateless.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8176">RFC 8176, Authentication Method Reference Values</a>
 */
public final class AuthenticationMethods {
    /** Two or more independent channels were used. */
    public static final String MFA = "mfa";

    private record Method(String amr, String channel) {}

    private static final Map<String, Method> METHODS = Map.of(
            "password", new Method("pwd", "knowledge"),
            "email_code", new Method("otp", "email"),
            "email_link", new Method("otp", "email"),
            "phone_code", new Method("sms", "phone"),
            "totp", new Method("otp", "authenticator"),
            "backup_code", new Method("otp", "backup"),
            "passkey", new Method("hwk", "passkey"),
            "passkey_synced", new Method("swk", "passkey"));

    private AuthenticationMethods() {}

    /**
     * The {@code amr} values for the factors a sign-in passed, in the order first used, each once, then {@code mfa}
     * when they span two or more channels.
     *
     * @param factorIds the factors' policy identifiers (e.g. {@code password}, {@code totp}), in the order passed
     */
    public static List<String> of(List<String> factorIds) {
        Set<String> values = new LinkedHashSet<>();
        Set<String> channels = new LinkedHashSet<>();
        for (String id : factorIds) {
            Method method = METHODS.get(id);
            if (method != null) {
                values.add(method.amr());
                channels.add(method.channel());
            }
        }
        List<String> amr = new ArrayList<>(values);
        if (channels.size() >= 2) {
            amr.add(MFA);
        }
        return List.copyOf(amr);
    }
}
