package dev.stepwise.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class CodeGeneratorTest {
    private static final int SAMPLES = 200_000;
    private static final int LENGTH = 6;
    /** Chi-square critical value for 9 degrees of freedom at p = 0.0001. */
    private static final double CRITICAL = 33.72;

    @Test
    void random_manyCodes_everyDigitEquallyLikelyInEveryPosition() throws NoSuchAlgorithmException {
        SecureRandom seeded = SecureRandom.getInstance("SHA1PRNG");
        seeded.setSeed("stepwise-uniformity".getBytes(StandardCharsets.US_ASCII));
        CodeGenerator generator = new CodeGenerator(seeded);

        double[] chiSquares = chiSquarePerPosition(i -> generator.random(LENGTH).digits());

        assertThat(Arrays.stream(chiSquares).max().orElseThrow()).isLessThan(CRITICAL);
    }

    @Test
    void chiSquare_moduloBiasedDigits_exceedsCritical() {
        SecureRandom random = new SecureRandom(new byte[] {1});
        IntFunction<String> biased = i -> {
            byte[] bytes = new byte[LENGTH];
            random.nextBytes(bytes);
            StringBuilder digits = new StringBuilder();
            for (byte b : bytes) {
                digits.append((b & 0xff) % 10);
            }
            return digits.toString();
        };

        double[] chiSquares = chiSquarePerPosition(biased);

        assertThat(Arrays.stream(chiSquares).min().orElseThrow()).isGreaterThan(CRITICAL);
    }

    @Test
    void random_length_hasThatManyDigits() {
        CodeGenerator generator = new CodeGenerator(new SecureRandom());

        assertThat(generator.random(4).digits()).hasSize(4).containsOnlyDigits();
        assertThat(generator.random(10).digits()).hasSize(10).containsOnlyDigits();
    }

    @Test
    void oneTimeCode_toString_redactsDigits() {
        assertThat(new OneTimeCode("123456").toString()).doesNotContain("123456");
    }

    @Test
    void oneTimeCode_nonDigits_rejected() {
        assertThatThrownBy(() -> new OneTimeCode("12a456")).isInstanceOf(IllegalArgumentException.class);
    }

    private static double[] chiSquarePerPosition(IntFunction<String> codes) {
        long[][] counts = new long[LENGTH][10];
        for (int i = 0; i < SAMPLES; i++) {
            String code = codes.apply(i);
            for (int position = 0; position < LENGTH; position++) {
                counts[position][code.charAt(position) - '0']++;
            }
        }
        double expected = SAMPLES / 10.0;
        double[] chiSquares = new double[LENGTH];
        for (int position = 0; position < LENGTH; position++) {
            double sum = 0;
            for (long count : counts[position]) {
                sum += (count - expected) * (count - expected) / expected;
            }
            chiSquares[position] = sum;
        }
        return chiSquares;
    }
}
