package dev.stepwise.bench.attack;

import dev.stepwise.harness.client.NextStep;
import dev.stepwise.harness.load.Table;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link GuessingAttack} achieved. Immutable.
 *
 * @param simulated the simulated time the attack ran
 * @param codeLength digits per code
 * @param signIns sign-ins started ({@code InitiateAuth} calls, refused ones included)
 * @param codesSent codes that reached the victim's mailbox
 * @param guesses wrong or right answers given
 * @param successes guesses that signed the attacker in
 * @param guessesPerSignIn how many answers each sign-in that presented a code got, in order
 * @param refusals refused {@code InitiateAuth} calls by reason
 * @param capped whether the attack stopped at its sign-in cap before the simulated time was over
 */
public record AttackReport(
        Duration simulated,
        int codeLength,
        long signIns,
        long codesSent,
        long guesses,
        long successes,
        List<Integer> guessesPerSignIn,
        Map<NextStep.Refused.Reason, Long> refusals,
        boolean capped) {

    private static final double DAY_SECONDS = Duration.ofDays(1).toSeconds();

    /** Validates and copies. */
    public AttackReport {
        Objects.requireNonNull(simulated, "simulated");
        guessesPerSignIn = List.copyOf(guessesPerSignIn);
        refusals = Map.copyOf(Objects.requireNonNull(refusals, "refusals"));
    }

    /** Guesses per simulated day (extrapolated from the simulated time when it is not whole days). */
    public double guessesPerDay() {
        return simulated.isZero() ? 0 : guesses * DAY_SECONDS / simulated.toSeconds();
    }

    /**
     * The attacker's chance of success per day if every guess were against a fresh code:
     * {@code 1 - (1 - 10^-digits)^guessesPerDay}.
     */
    public double successPerDayByGuess() {
        return -Math.expm1(guessesPerDay() * Math.log1p(-Math.pow(10, -codeLength)));
    }

    /**
     * The chance of success per day by the per-sign-in code space: each sign-in's code is one of {@code 10^digits}
     * and its {@code k} distinct guesses hit it with probability {@code k / 10^digits}, so
     * {@code 1 - Π(1 - k_i / 10^digits)}, scaled to a day.
     */
    public double successPerDayBySignIn() {
        double space = Math.pow(10, codeLength);
        double logMiss = 0;
        for (int k : guessesPerSignIn) {
            logMiss += Math.log1p(-Math.min(k, space) / space);
        }
        double perDay = simulated.isZero() ? 0 : logMiss * DAY_SECONDS / simulated.toSeconds();
        return -Math.expm1(perDay);
    }

    /** The figures as a Markdown table. */
    public String table() {
        Table table = Table.withColumns("figure", "value>");
        table.row(
                "simulated time",
                simulated.toHours() % 24 == 0 && simulated.toDays() > 0
                        ? simulated.toDays() + " d"
                        : simulated.toMinutes() + " min");
        table.row("sign-ins started", signIns);
        table.row("codes sent to the victim", codesSent);
        table.row("refused: locked out", refused(NextStep.Refused.Reason.LOCKED_OUT));
        table.row("refused: code sent moments ago", refused(NextStep.Refused.Reason.CODE_SENT_RECENTLY));
        table.row("refused: too many codes this hour", refused(NextStep.Refused.Reason.TOO_MANY_CODES));
        table.row("guesses", guesses);
        table.row("successes", successes);
        table.row("guesses per simulated day", String.format(Locale.ROOT, "%.0f", guessesPerDay()));
        table.row(
                "P(success) per day, 1-(1-10^-" + codeLength + ")^guesses",
                String.format(Locale.ROOT, "%.3g", successPerDayByGuess()));
        table.row(
                "P(success) per day, by each sign-in's code space",
                String.format(Locale.ROOT, "%.3g", successPerDayBySignIn()));
        if (capped) {
            table.row("stopped early", "at the sign-in cap; per-day figures are extrapolated");
        }
        return table.render();
    }

    /** How many {@code InitiateAuth} calls were refused for {@code reason}. */
    public long refused(NextStep.Refused.Reason reason) {
        return refusals.getOrDefault(reason, 0L);
    }
}
