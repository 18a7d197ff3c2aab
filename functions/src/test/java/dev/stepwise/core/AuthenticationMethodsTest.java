package dev.stepwise.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuthenticationMethodsTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "email_code                   | otp",
                "password                     | pwd",
                "phone_code                   | sms",
                "password,email_code          | pwd otp mfa",
                "password,totp                | pwd otp mfa",
                "email_code,totp              | otp mfa",
                "email_code,email_link        | otp",
                "email_code,phone_code        | otp sms mfa",
                "password,phone_code,totp     | pwd sms otp mfa",
                "totp,backup_code             | otp mfa",
                "passkey                      | hwk",
                "passkey_synced,password      | swk pwd mfa",
                "unknown_factor               | ''",
                "unknown_factor,email_code    | otp",
            })
    void of_factors_rfc8176Values(String factors, String expected) {
        List<String> amr = AuthenticationMethods.of(Arrays.asList(factors.split(",")));

        assertThat(String.join(" ", amr)).isEqualTo(expected);
    }
}
