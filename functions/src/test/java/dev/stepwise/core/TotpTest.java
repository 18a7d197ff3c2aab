package dev.stepwise.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TotpTest {
    private static final byte[] SHA1_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA256_SEED = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA512_SEED =
            "1234567890123456789012345678901234567890123456789012345678901234".getBytes(StandardCharsets.US_ASCII);

    static Stream<Arguments> code_rfc6238Vector_matches() {
        return Stream.of(
                arguments(59L, SHA1_SEED, "HmacSHA1", "94287082"),
                arguments(59L, SHA256_SEED, "HmacSHA256", "46119246"),
                arguments(59L, SHA512_SEED, "HmacSHA512", "90693936"),
                arguments(1111111109L, SHA1_SEED, "HmacSHA1", "07081804"),
                arguments(1111111109L, SHA256_SEED, "HmacSHA256", "68084774"),
                arguments(1111111109L, SHA512_SEED, "HmacSHA512", "25091201"),
                arguments(1111111111L, SHA1_SEED, "HmacSHA1", "14050471"),
                arguments(1234567890L, SHA1_SEED, "HmacSHA1", "89005924"),
                arguments(2000000000L, SHA1_SEED, "HmacSHA1", "69279037"),
                arguments(20000000000L, SHA1_SEED, "HmacSHA1", "65353130"),
                arguments(20000000000L, SHA256_SEED, "HmacSHA256", "77737706"),
                arguments(20000000000L, SHA512_SEED, "HmacSHA512", "47863826"));
    }

    @ParameterizedTest
    @MethodSource
    void code_rfc6238Vector_matches(long time, byte[] seed, String algorithm, String expected) {
        assertThat(Totp.code(seed, Totp.counter(Instant.ofEpochSecond(time)), 8, algorithm))
                .isEqualTo(expected);
    }

    @Test
    void code_sixDigits_isLastSixOfTheRfcValue() {
        assertThat(Totp.code(SHA1_SEED, Instant.ofEpochSecond(59))).isEqualTo("287082");
    }

    @Test
    void match_oneStepEitherSide_accepted() {
        Instant now = Instant.ofEpochSecond(1111111111L);

        assertThat(Totp.match(SHA1_SEED, Totp.code(SHA1_SEED, now.minusSeconds(30)), now))
                .hasValue(Totp.counter(now) - 1);
        assertThat(Totp.match(SHA1_SEED, Totp.code(SHA1_SEED, now.plusSeconds(30)), now))
                .hasValue(Totp.counter(now) + 1);
    }

    @Test
    void match_twoStepsAway_refused() {
        Instant now = Instant.ofEpochSecond(1111111111L);

        assertThat(Totp.match(SHA1_SEED, Totp.code(SHA1_SEED, now.minusSeconds(60)), now))
                .isEmpty();
        assertThat(Totp.match(SHA1_SEED, Totp.code(SHA1_SEED, now.plusSeconds(60)), now))
                .isEmpty();
    }

    @Test
    void match_malformedAnswer_refused() {
        Instant now = Instant.ofEpochSecond(59);

        assertThat(Totp.match(SHA1_SEED, "28708", now)).isEmpty();
        assertThat(Totp.match(SHA1_SEED, "2870821", now)).isEmpty();
        assertThat(Totp.match(SHA1_SEED, null, now)).isEmpty();
    }

    @Test
    void otpauthUri_issuerAndAccount_keyUriFormat() {
        assertThat(Totp.otpauthUri("My App", "alice@example.com", SHA1_SEED))
                .isEqualTo("otpauth://totp/My%20App:alice%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                        + "&issuer=My%20App&algorithm=SHA1&digits=6&period=30");
    }

    @Test
    void base32_roundTrip_keepsBytes() {
        byte[] bytes = {0, 1, 2, (byte) 0xff, 17, 99, 5};

        assertThat(Base32.decode(Base32.encode(bytes))).isEqualTo(bytes);
        assertThat(Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
    }
}
