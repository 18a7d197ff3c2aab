package dev.stepwise.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NewDevicePolicyTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "email_code > phone_code @new_device       ; device > email_code > phone_code @new_device",
                "password > totp|backup_code @new_device   ; password > device > totp|backup_code @new_device",
                "password > email_code > totp @new_device  ; password > device > email_code > totp @new_device",
                "password > email_code                     ; password > email_code",
            })
    void parse_markedSteps_trustedDeviceRoundAdded(String text, String steps) {
        Policy policy = Policy.parse("STEPWISE_POLICY", text, Limits.DEFAULT);

        assertThat(String.join(
                        " > ",
                        policy.steps().stream().map(Policy.Step::toString).toList()))
                .isEqualTo(steps);
        assertThat(policy.toString()).isEqualTo(text.replaceAll("\\s+", " ").strip());
        assertThat(policy.trustsDevices()).isEqualTo(text.contains("@new_device"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "email_code @new_device > totp | mark a later step",
                "email_code > device > totp    | trusted-device round is added",
                "email_code > totp @trusted    | unknown mark",
            })
    void parse_misusedMark_explainsTheFix(String text, String message) {
        assertThatThrownBy(() -> Policy.parse("STEPWISE_POLICY", text, Limits.DEFAULT))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(message);
    }
}
