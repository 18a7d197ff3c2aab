package dev.stepwise.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaskingTest {
    @ParameterizedTest
    @CsvSource({
        "alice@example.com, a***@e***.com",
        "a@b.co, a***@b***.co",
        "john.doe@mail.example.co.uk, j***@m***.uk",
        "root@localhost, r***@l***",
        "'', ***",
        "no-at-sign, ***",
        "@example.com, ***",
        "user@, ***"
    })
    void email_address_keepsFirstLettersAndTopLevelDomain(String address, String expected) {
        assertThat(Masking.email(address)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "+15555550123, +*******0123",
        "+447700900123, +********0123",
        "+4930123, +***0123",
        "15555550123, +***",
        "+1555abc0123, +***"
    })
    void phone_e164_keepsPlusAndLastFourDigits(String phone, String expected) {
        assertThat(Masking.phone(phone)).isEqualTo(expected);
    }
}
