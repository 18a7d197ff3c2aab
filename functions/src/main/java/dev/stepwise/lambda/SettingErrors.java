package dev.stepwise.lambda;

import dev.stepwise.core.ConfigurationException;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Rewrites the core's refusals of a value (which name no setting) to name the setting the value came from, so every
 * configuration error says which variable to fix.
 */
final class SettingErrors {
    private SettingErrors() {}

    /**
     * The core's names for the values it validates ({@link ConfigurationException#subject()}), each with the setting
     * the value comes from.
     */
    static final Map<String, FunctionSetting> SUBJECTS = Map.ofEntries(
            Map.entry("maxAttempts", FunctionSetting.STEPWISE_MAX_ATTEMPTS),
            Map.entry("codeLength", FunctionSetting.STEPWISE_CODE_LENGTH),
            Map.entry("codeTtl", FunctionSetting.STEPWISE_CODE_TTL_SECONDS),
            Map.entry("policy", FunctionSetting.STEPWISE_POLICY),
            Map.entry("clientPolicies", FunctionSetting.STEPWISE_CLIENT_POLICIES),
            Map.entry("unlistedClients", FunctionSetting.STEPWISE_UNLISTED_CLIENTS),
            Map.entry("emailSubject", FunctionSetting.STEPWISE_EMAIL_SUBJECT),
            Map.entry("emailBody", FunctionSetting.STEPWISE_EMAIL_BODY),
            Map.entry("smsBody", FunctionSetting.STEPWISE_SMS_BODY),
            Map.entry("totpIssuer", FunctionSetting.STEPWISE_TOTP_ISSUER),
            Map.entry("totpAccount", FunctionSetting.STEPWISE_TOTP_ACCOUNT),
            Map.entry("linkUrl", FunctionSetting.STEPWISE_EMAIL_LINK_URL),
            Map.entry("linkSubject", FunctionSetting.STEPWISE_EMAIL_LINK_SUBJECT),
            Map.entry("linkBody", FunctionSetting.STEPWISE_EMAIL_LINK_BODY),
            Map.entry("secret", FunctionSetting.STEPWISE_SECRET),
            Map.entry("maxFailures", FunctionSetting.STEPWISE_LOCKOUT_MAX_FAILURES),
            Map.entry("lockout", FunctionSetting.STEPWISE_LOCKOUT_SECONDS),
            Map.entry("sendCooldown", FunctionSetting.STEPWISE_SEND_COOLDOWN_SECONDS),
            Map.entry("sendsPerHour", FunctionSetting.STEPWISE_SENDS_PER_HOUR),
            Map.entry("smsPerHour", FunctionSetting.STEPWISE_SMS_PER_HOUR),
            Map.entry("maxOpenSignIns", FunctionSetting.STEPWISE_MAX_OPEN_SIGN_INS));

    /**
     * Builds a core value, rewriting a {@link ConfigurationException} whose message starts with one of
     * {@code subjects}' keys (the core's name for a text, e.g. "the email body") to start with the setting's name.
     */
    static <T> T named(Supplier<T> build, Map<String, FunctionSetting> subjects) {
        try {
            return build.get();
        } catch (ConfigurationException e) {
            String message = e.getMessage();
            for (Map.Entry<String, FunctionSetting> subject : subjects.entrySet()) {
                if (message.startsWith(subject.getKey() + " ")) {
                    throw new ConfigurationException(subject.getValue().name()
                            + message.substring(subject.getKey().length()));
                }
            }
            throw e;
        }
    }

    /**
     * Builds a core value from {@code settings}, rewriting a refusal of the core with the setting's name: the one of
     * the exception's subject, else the settings the value is built from. A message that names a setting already is
     * kept as it is.
     */
    static <T> T named(Supplier<T> build, FunctionSetting... settings) {
        try {
            return build.get();
        } catch (ConfigurationException e) {
            throw rewritten(e, settings);
        }
    }

    /** {@code e} with the setting's name in front, unless its message names a setting already. */
    static ConfigurationException rewritten(ConfigurationException e, FunctionSetting... settings) {
        String message = e.getMessage();
        if (Arrays.stream(FunctionSetting.values()).anyMatch(s -> message.contains(s.name()))) {
            return e;
        }
        FunctionSetting subject = e.subject() == null ? null : SUBJECTS.get(e.subject());
        String names = subject != null
                ? subject.name()
                : String.join(
                        " or ",
                        Arrays.stream(settings).map(FunctionSetting::name).toList());
        return new ConfigurationException(e.subject(), names + ": " + message);
    }
}
