package dev.stepwise.core;

/**
 * Masks destinations for the challenge contract's {@code destination}: enough for users to recognise their own
 * address, not enough to learn someone else's.
 */
public final class Masking {
    private static final String MASK = "***";

    private Masking() {}

    /**
     * Masks an email address: the first character of the local part and of the domain's first label, and the
     * top-level domain, stay. {@code alice@example.com} becomes {@code a***@e***.com}.
     */
    public static String email(String address) {
        int at = address == null ? -1 : address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            return MASK;
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        int lastDot = domain.lastIndexOf('.');
        String maskedDomain = lastDot > 0 && lastDot < domain.length() - 1
                ? domain.charAt(0) + MASK + domain.substring(lastDot)
                : domain.charAt(0) + MASK;
        return local.charAt(0) + MASK + "@" + maskedDomain;
    }

    /**
     * Masks an E.164 phone number: the {@code +} and the last four digits stay, every other digit becomes {@code *}.
     * {@code +15555550123} becomes {@code +*******0123}.
     */
    public static String phone(String e164) {
        if (e164 == null || !e164.matches("\\+[0-9]{5,15}")) {
            return "+" + MASK;
        }
        int keep = 4;
        int masked = e164.length() - 1 - keep;
        return "+" + "*".repeat(masked) + e164.substring(e164.length() - keep);
    }
}
