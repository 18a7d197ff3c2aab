package dev.stepwise.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepwise.core.ConfigurationException;
import dev.stepwise.core.passkey.PasskeyFactor;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PasskeySettingsConfigTest {
    private static Map<String, String> environment(String... keyValues) {
        Map<String, String> environment = new HashMap<>();
        environment.put("STEPWISE_SECRET", HandlerRig.SECRET);
        environment.put("STEPWISE_ABUSE_CONTROLS", "off");
        environment.put("STEPWISE_STATE_TABLE", "stepwise-state");
        environment.put("STEPWISE_EMAIL_FROM", "no-reply@example.com");
        environment.put("STEPWISE_POLICY", "email_code > passkey");
        environment.put("STEPWISE_WEBAUTHN_RP_ID", "example.com");
        environment.put("STEPWISE_WEBAUTHN_ORIGINS", "https://app.example.com, https://example.com");
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] == null) {
                environment.remove(keyValues[i]);
            } else {
                environment.put(keyValues[i], keyValues[i + 1]);
            }
        }
        return environment;
    }

    @Test
    void from_passkeyPolicy_registersThePasskeyFactorWithItsSettings() {
        FunctionConfig config = FunctionConfig.from(environment("STEPWISE_PASSKEY_SETUP", "on"));

        assertThat(config.factors()).singleElement().isInstanceOfSatisfying(PasskeyFactor.class, factor -> {
            assertThat(factor.settings().rpId()).isEqualTo("example.com");
            assertThat(factor.settings().origins()).containsExactly("https://app.example.com", "https://example.com");
            assertThat(factor.settings().userVerificationRequired()).isTrue();
            assertThat(factor.settings().rpName()).isEqualTo("Stepwise");
            assertThat(factor.setupAllowed()).isTrue();
        });
    }

    @Test
    void from_setupAfterAPossessionStep_isAccepted() {
        FunctionConfig config = FunctionConfig.from(environment(
                "STEPWISE_POLICY", "password > email_code|phone_code > passkey", "STEPWISE_PASSKEY_SETUP", "on"));

        assertThat(config.factors()).singleElement().isInstanceOf(PasskeyFactor.class);
    }

    @Test
    void from_passkeyFirstWithoutSetup_isAccepted() {
        FunctionConfig config = FunctionConfig.from(environment("STEPWISE_POLICY", "passkey"));

        assertThat(config.factors()).singleElement().isInstanceOf(PasskeyFactor.class);
    }

    @Test
    void from_noPasskeyInThePolicies_noFactorAndNoOriginsNeeded() {
        FunctionConfig config = FunctionConfig.from(environment(
                "STEPWISE_POLICY", "email_code", "STEPWISE_WEBAUTHN_ORIGINS", null, "STEPWISE_WEBAUTHN_RP_ID", null));

        assertThat(config.factors()).isEmpty();
    }

    static Stream<Arguments> from_badPasskeySetting_namesIt() {
        return Stream.of(
                Arguments.of(new String[] {"STEPWISE_WEBAUTHN_ORIGINS", null}, "STEPWISE_WEBAUTHN_ORIGINS is not set"),
                Arguments.of(new String[] {"STEPWISE_WEBAUTHN_RP_ID", null}, "STEPWISE_WEBAUTHN_RP_ID is not set"),
                Arguments.of(
                        new String[] {"STEPWISE_WEBAUTHN_ORIGINS", "https://app.example.com/"},
                        "STEPWISE_WEBAUTHN_ORIGINS 'https://app.example.com/' is not an exact origin"),
                Arguments.of(
                        new String[] {"STEPWISE_WEBAUTHN_ORIGINS", "https://evil.example.net"},
                        "STEPWISE_WEBAUTHN_ORIGINS 'https://evil.example.net' is not under the relying party id"),
                Arguments.of(new String[] {"STEPWISE_WEBAUTHN_ORIGINS", " , "}, "STEPWISE_WEBAUTHN_ORIGINS"),
                Arguments.of(new String[] {"STEPWISE_WEBAUTHN_RP_ID", "Example.COM"}, "STEPWISE_WEBAUTHN_RP_ID"),
                Arguments.of(
                        new String[] {"STEPWISE_WEBAUTHN_USER_VERIFICATION", "discouraged"},
                        "STEPWISE_WEBAUTHN_USER_VERIFICATION is \"discouraged\": set it to required (the default) or preferred"),
                Arguments.of(new String[] {"STEPWISE_PASSKEY_SETUP", "yes"}, "STEPWISE_PASSKEY_SETUP is \"yes\""),
                Arguments.of(new String[] {"STEPWISE_STATE_TABLE", null}, "passkey or a factor"),
                Arguments.of(
                        new String[] {"STEPWISE_POLICY", "password > passkey", "STEPWISE_PASSKEY_SETUP", "on"},
                        "the policy \"password > passkey\" has none before passkey"),
                Arguments.of(
                        new String[] {"STEPWISE_POLICY", "password|email_code > passkey", "STEPWISE_PASSKEY_SETUP", "on"
                        },
                        "has none before passkey"),
                Arguments.of(
                        new String[] {"STEPWISE_POLICY", "passkey", "STEPWISE_PASSKEY_SETUP", "on"},
                        "has none before passkey"));
    }

    @ParameterizedTest
    @MethodSource
    void from_badPasskeySetting_namesIt(String[] change, String message) {
        assertThatThrownBy(() -> FunctionConfig.from(environment(change)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(message);
    }
}
