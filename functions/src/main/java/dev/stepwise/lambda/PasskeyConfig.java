package dev.stepwise.lambda;

import dev.stepwise.core.ConfigurationException;
import dev.stepwise.core.Factor;
import dev.stepwise.core.FactorRegistry;
import dev.stepwise.core.Policy;
import dev.stepwise.core.PolicySet;
import dev.stepwise.core.passkey.PasskeyFactor;
import dev.stepwise.core.passkey.PasskeySettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The {@code passkey} factor's settings: WebAuthn's relying party and origins, and the rule for set-up. */
final class PasskeyConfig {
    private PasskeyConfig() {}

    /** The factors policies may name: the registered ones and {@code passkey}, which is built once a policy uses it. */
    static List<Factor> known(FactorRegistry factors) {
        List<Factor> known = new ArrayList<>(factors.factors());
        if (!known.contains(PasskeyFactor.PASSKEY)) {
            known.add(PasskeyFactor.PASSKEY);
        }
        return List.copyOf(known);
    }

    /** The {@code passkey} factor with its settings when a policy uses it, else {@code null}. */
    static PasskeyFactor passkey(Map<String, String> environment, PolicySet policies) {
        boolean setup = SettingValues.choice(environment, FunctionSetting.STEPWISE_PASSKEY_SETUP, "off", "on");
        String userVerification = FunctionSetting.STEPWISE_WEBAUTHN_USER_VERIFICATION.read(environment);
        if (!userVerification.equals("required") && !userVerification.equals("preferred")) {
            throw new ConfigurationException("STEPWISE_WEBAUTHN_USER_VERIFICATION is \"" + userVerification
                    + "\": set it to required (the default) or preferred");
        }
        if (!policies.uses(PasskeyFactor.PASSKEY)) {
            return null;
        }
        String rpId = FunctionSetting.STEPWISE_WEBAUTHN_RP_ID.read(environment);
        String origins = FunctionSetting.STEPWISE_WEBAUTHN_ORIGINS.read(environment);
        if (rpId == null || origins == null) {
            throw new ConfigurationException("a policy uses passkey, and "
                    + (rpId == null ? "STEPWISE_WEBAUTHN_RP_ID" : "STEPWISE_WEBAUTHN_ORIGINS")
                    + " is not set: set STEPWISE_WEBAUTHN_RP_ID to the site's domain (e.g. example.com) and"
                    + " STEPWISE_WEBAUTHN_ORIGINS to the exact origins of the sign-in pages (e.g."
                    + " https://app.example.com)");
        }
        PasskeySettings settings = SettingErrors.named(
                () -> new PasskeySettings(
                        rpId,
                        FunctionSetting.STEPWISE_WEBAUTHN_RP_NAME.read(environment),
                        Arrays.stream(origins.split(","))
                                .map(String::strip)
                                .filter(o -> !o.isEmpty())
                                .toList(),
                        userVerification.equals("required"),
                        Duration.ofMinutes(5)),
                Map.of(
                        "the passkey relying party id", FunctionSetting.STEPWISE_WEBAUTHN_RP_ID,
                        "the passkey relying party name", FunctionSetting.STEPWISE_WEBAUTHN_RP_NAME,
                        "the passkey origin", FunctionSetting.STEPWISE_WEBAUTHN_ORIGINS,
                        "no web origin", FunctionSetting.STEPWISE_WEBAUTHN_ORIGINS));
        if (setup) {
            requirePossessionBeforePasskey(policies);
        }
        return new PasskeyFactor(settings, setup);
    }

    /**
     * Passkey set-up during sign-in trusts the earlier steps to have proved the user: a password alone, which may be
     * phished, is not enough. Every policy that uses {@code passkey} needs, before it, a step whose every alternative
     * proves possession of something the user has (an inbox, a phone, an authenticator app, a backup-code sheet).
     */
    static void requirePossessionBeforePasskey(PolicySet policies) {
        List<Factor> possession =
                List.of(Factor.EMAIL_CODE, Factor.PHONE_CODE, Factor.EMAIL_LINK, Factor.TOTP, Factor.BACKUP_CODE);
        for (Policy policy : policies.all()) {
            boolean proved = false;
            for (Policy.Step step : policy.steps()) {
                if (step.factors().contains(PasskeyFactor.PASSKEY) && !proved) {
                    throw new ConfigurationException(
                            "STEPWISE_PASSKEY_SETUP=on registers passkeys only after a step"
                                    + " that proves possession (email_code, phone_code, email_link, totp or backup_code, with"
                                    + " no other alternative), and the policy \"" + policy
                                    + "\" has none before passkey:"
                                    + " put such a step first, e.g. \"email_code > passkey\", or set STEPWISE_PASSKEY_SETUP=off");
                }
                proved |= possession.containsAll(step.factors());
            }
        }
    }
}
