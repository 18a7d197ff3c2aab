package dev.stepwise.bench;

import static dev.stepwise.bench.BenchReport.format;

import dev.stepwise.bench.attack.AttackReport;
import dev.stepwise.bench.attack.GuessingAttack;

/** A simulated day of code guessing against one user with the default limits ({@link GuessingAttack}). */
final class AttackBenchmark {
    private AttackBenchmark() {}

    static void run(BenchReport report) {
        report.progress("guessing attack: one simulated day against one user, default limits");
        AttackReport attack = GuessingAttack.builder().build().run();
        long bound = (long) Math.ceil(86_400 / 900.0) * 5;
        String name = "guessing attack, 1 simulated day";
        report.row(
                name,
                "guesses per day",
                format("%.0f", attack.guessesPerDay()),
                "",
                1,
                "≤ " + bound + " (lockout)",
                attack.guessesPerDay() <= bound ? "yes" : "no");
        report.row(name, "codes sent to the victim", attack.codesSent(), "", 1, "", "");
        report.row(name, "successes", attack.successes(), "", 1, "", "");
        report.row(
                name,
                format("P(success)/day, 1-(1-10^-%d)^guesses", attack.codeLength()),
                format("%.3g", attack.successPerDayByGuess()),
                "",
                1,
                "",
                "");
        report.row(
                name,
                "P(success)/day, per sign-in code space",
                format("%.3g", attack.successPerDayBySignIn()),
                "",
                1,
                "",
                "");
        report.note("attack: sign-in after sign-in with wrong guesses as fast as allowed (never repeating one), the"
                + " emulator's and the triggers' clock moved on by each refusal's wait (at most 30 s) and 100 ms per"
                + " call; STEPWISE_* limits at their defaults (5 failures lock for 900 s, 30 s cooldown, 10 codes/h).");
    }
}
