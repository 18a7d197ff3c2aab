package dev.stepwise.harness.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TotpCodesTest {

    private static final String RFC_6238_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    static Stream<Arguments> at_rfc6238Sha1Vectors_lastSixDigits() {
        return Stream.of(
                Arguments.of(59L, "287082"),
                Arguments.of(1111111109L, "081804"),
                Arguments.of(1111111111L, "050471"),
                Arguments.of(1234567890L, "005924"),
                Arguments.of(2000000000L, "279037"));
    }

    @ParameterizedTest
    @MethodSource
    void at_rfc6238Sha1Vectors_lastSixDigits(long epochSecond, String expected) {
        assertThat(TotpCodes.at(RFC_6238_SECRET, Instant.ofEpochSecond(epochSecond)))
                .isEqualTo(expected);
    }

    @Test
    void at_otpauthUriLowerCaseOrSpaced_sameCodeAsBase32() {
        Instant time = Instant.ofEpochSecond(1234567890L);
        String uri = "otpauth://totp/Stepwise:demo?secret=" + RFC_6238_SECRET + "&issuer=Stepwise";

        assertThat(TotpCodes.at(uri, time)).isEqualTo("005924");
        assertThat(TotpCodes.at(RFC_6238_SECRET.toLowerCase(), time)).isEqualTo("005924");
        assertThat(TotpCodes.at("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ", time))
                .isEqualTo("005924");
    }

    @Test
    void current_setupChallenge_codeOfItsSecret() {
        NextStep.Challenge setup = setup("otpauth://totp/Stepwise:demo?secret=" + RFC_6238_SECRET + "&issuer=Stepwise");

        assertThat(TotpCodes.secret(setup)).isEqualTo(RFC_6238_SECRET);
        assertThat(TotpCodes.current(setup)).isEqualTo(TotpCodes.at(RFC_6238_SECRET, Instant.now()));
    }

    @Test
    void secret_challengeWithoutOtpauthUri_saysWhichStepCarriesOne() {
        NextStep.Challenge email = new NextStep.Challenge(
                SignInStep.CONFIRM_SIGN_IN_WITH_EMAIL_CODE,
                "CONFIRM_SIGN_IN_WITH_EMAIL_CODE",
                null,
                "email_code",
                List.of(),
                null,
                3,
                6,
                null,
                null,
                1,
                new SignInSession("CUSTOM_CHALLENGE", "s", "demo", Map.of()));

        assertThatThrownBy(() -> TotpCodes.secret(email))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CONTINUE_SIGN_IN_WITH_TOTP_SETUP");
    }

    @Test
    void at_notBase32_explainsWhatToPass() {
        assertThatThrownBy(() -> TotpCodes.at("not-a-secret!", Instant.now()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Base32");
    }

    @Test
    void next_midStep_startOfNextThirtySecondStep() {
        assertThat(TotpCodes.next(Instant.ofEpochSecond(59))).isEqualTo(Instant.ofEpochSecond(60));
        assertThat(TotpCodes.next(Instant.ofEpochSecond(60))).isEqualTo(Instant.ofEpochSecond(90));
    }

    @Test
    void challengeToString_setup_redactsSecretAndSession() {
        NextStep.Challenge setup = setup("otpauth://totp/Stepwise:demo?secret=" + RFC_6238_SECRET + "&issuer=Stepwise");

        assertThat(setup.toString())
                .doesNotContain(RFC_6238_SECRET)
                .doesNotContain("session-secret")
                .contains("otpauth://totp/Stepwise:demo?secret=<redacted>&issuer=Stepwise")
                .contains("CONTINUE_SIGN_IN_WITH_TOTP_SETUP");
    }

    private static NextStep.Challenge setup(String uri) {
        return new NextStep.Challenge(
                SignInStep.CONTINUE_SIGN_IN_WITH_TOTP_SETUP,
                "CONTINUE_SIGN_IN_WITH_TOTP_SETUP",
                "needs_second_factor",
                "totp",
                List.of(),
                null,
                3,
                6,
                null,
                uri,
                1,
                new SignInSession("CUSTOM_CHALLENGE", "session-secret", "demo", Map.of()));
    }
}
