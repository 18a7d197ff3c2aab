package dev.stepwise.bench.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepwise.harness.client.NextStep;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
class GuessingAttackTest {

    private static final long LOCKOUT_BOUND = (long) Math.ceil(86_400 / 900.0) * 5;

    @Test
    void run_oneSimulatedDayWithDefaultLimits_staysWithinTheLockoutBound() {
        AttackReport report = GuessingAttack.builder().build().run();
        System.out.println("guessing attack, default limits (lockout bound " + LOCKOUT_BOUND + " guesses/day):\n"
                + report.table());

        assertThat(report.capped()).isFalse();
        assertThat(report.simulated()).isEqualTo(Duration.ofDays(1));
        assertThat(report.guessesPerDay()).isBetween(LOCKOUT_BOUND * 0.8, LOCKOUT_BOUND + 10.0);
        assertThat(report.refused(NextStep.Refused.Reason.LOCKED_OUT)).isPositive();
        assertThat(report.successPerDayByGuess()).isLessThan(1e-3);
    }

    @Test
    void run_bundledHandlersWithoutAClockConstructor_failSayingWhatToAdd() {
        GuessingAttack attack = GuessingAttack.builder()
                .triggers("dev.stepwise.lambda.DefineAuthChallengeHandler", "x", "y")
                .build();
        assertThatThrownBy(attack::run).hasMessageContaining("(Map<String, String>, Clock) constructor");
    }

    @Test
    void report_probabilities_followTheFormulas() {
        AttackReport report = new AttackReport(Duration.ofDays(2), 6, 10, 10, 1000, 0, List.of(3, 2), Map.of(), false);
        assertThat(report.guessesPerDay()).isEqualTo(500.0);
        assertThat(report.successPerDayByGuess()).isCloseTo(1 - Math.pow(1 - 1e-6, 500), within());
        assertThat(report.successPerDayBySignIn()).isCloseTo(1 - Math.sqrt((1 - 3e-6) * (1 - 2e-6)), within());
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-12);
    }
}
