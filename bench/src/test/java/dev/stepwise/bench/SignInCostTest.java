package dev.stepwise.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SignInCostTest {
    private static final SignInCost.Prices PRICES = new SignInCost.Prices(
            "test-region", "2026-12-02", 0.00001, 0.000001, 1.0, 0.1, 0.5, 0.01, 0.001, 0.1, 1.0, 5, 10, 40);

    private static final CallCounts.Counts EMAIL_CODE = new CallCounts.Counts(
            "email-code",
            "email_code",
            "DONE",
            Map.of(
                    "Define", Map.of("lambda Invoke", 2L, "dynamodb GetItem", 2L, "dynamodb DeleteItem", 1L),
                    "Create",
                            Map.of(
                                    "lambda Invoke", 1L,
                                    "dynamodb PutItem", 1L,
                                    "dynamodb Query", 1L,
                                    "ses SendEmail", 1L,
                                    "kms Encrypt", 1L)),
            Map.of());

    @Test
    void of_callsOfOneSignIn_countUnitsRequestsAndMessages() {
        SignInCost cost = SignInCost.of(EMAIL_CODE, Map.of(), PRICES);

        assertThat(cost.lambda()).isEqualTo(3);
        assertThat(cost.readUnits()).isEqualTo(3);
        assertThat(cost.writeUnits()).isEqualTo(2);
        assertThat(cost.kms()).isEqualTo(1);
        assertThat(cost.emails()).isEqualTo(1);
        assertThat(cost.sms()).isZero();
    }

    @Test
    void of_durations_areTheRoundTripsPlusComputeRoundedUpPerInvocation() {
        SignInCost cost = SignInCost.of(EMAIL_CODE, Map.of("Define", 100_000.0, "Create", 2_400_000.0), PRICES);

        assertThat(cost.lambdaGbSeconds()).isCloseTo((2 * 8 + 63) / 1000.0, within(1e-9));
    }

    @Test
    void perMillion_prices_multiplyOut() {
        SignInCost cost = SignInCost.of(EMAIL_CODE, Map.of(), PRICES);

        assertThat(cost.dynamoDbPerMillion()).isCloseTo(1e6 * (3 * 0.1 + 2 * 0.5), within(1e-6));
        assertThat(cost.kmsPerMillion()).isCloseTo(1e6 * 0.01, within(1e-6));
        assertThat(cost.lambdaPerMillion())
                .isCloseTo(1e6 * (3 * 0.000001 + cost.lambdaGbSeconds() * 0.00001), within(1e-6));
        assertThat(cost.functionsPerMillion())
                .isCloseTo(cost.lambdaPerMillion() + cost.dynamoDbPerMillion() + cost.kmsPerMillion(), within(1e-6));
        assertThat(cost.messagesPerMillion()).isCloseTo(1e6 * 0.1, within(1e-6));
    }
}
