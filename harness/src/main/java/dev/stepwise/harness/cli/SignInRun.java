package dev.stepwise.harness.cli;

import dev.stepwise.harness.client.CodeReader;
import dev.stepwise.harness.client.NextStep;
import dev.stepwise.harness.client.SignInClient;
import dev.stepwise.harness.client.SignInFlow;
import dev.stepwise.harness.client.SignInStep;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** One sign-in from start to an outcome, printing each step; the answers come from an {@link Answerer}. */
final class SignInRun {

    private static final int MAX_STEPS = 25;

    /** Gives the answer to one challenge. */
    interface Answerer {
        String answer(NextStep.Challenge challenge);
    }

    private SignInRun() {}

    static NextStep run(
            SignInClient client,
            SignInFlow flow,
            String username,
            String password,
            Answerer answerer,
            StepPrinter printer,
            boolean showClaims) {
        return continueFrom(
                client, start(client, flow, username, password, printer), answerer, printer, showClaims, c -> {});
    }

    /** Starts the sign-in, printing the password step that SRP flows complete inside {@code start}. */
    static NextStep start(SignInClient client, SignInFlow flow, String username, String password, StepPrinter printer) {
        NextStep next = client.start(flow, username, password);
        if (flow.needsPassword() && (next instanceof NextStep.Challenge || next instanceof NextStep.Done)) {
            printer.passwordProved(flow);
        }
        return next;
    }

    /** Answers challenges from {@code next} on, telling {@code onChallenge} about each before it is answered. */
    static NextStep continueFrom(
            SignInClient client,
            NextStep next,
            Answerer answerer,
            StepPrinter printer,
            boolean showClaims,
            Consumer<NextStep.Challenge> onChallenge) {
        int steps = 0;
        while (next instanceof NextStep.Challenge challenge) {
            if (++steps > MAX_STEPS) {
                throw new CliException(
                        ExitStatus.SIGN_IN_FAILED, "gave up after " + MAX_STEPS + " challenges; the triggers loop");
            }
            printer.challenge(challenge);
            onChallenge.accept(challenge);
            next = client.answer(challenge, answerer.answer(challenge));
        }
        if (next instanceof NextStep.Done done) {
            printer.done(done, showClaims);
        }
        return next;
    }

    /** Answers selections with a preferred option and code steps from a mailbox; anything else goes to a fallback. */
    static Answerer fromMailbox(
            CodeReader reader,
            Duration timeout,
            List<String> preferredOptions,
            StepPrinter printer,
            boolean showCode,
            Answerer fallback) {
        return challenge -> {
            if (!challenge.options().isEmpty()) {
                String choice = challenge.options().stream()
                        .filter(preferredOptions::contains)
                        .findFirst()
                        .orElse(challenge.options().get(0));
                printer.note("chose " + choice);
                return choice;
            }
            if (challenge.step() == SignInStep.CONFIRM_SIGN_IN_WITH_EMAIL_LINK
                    && challenge.delivery() != null
                    && challenge.delivery().destination() != null) {
                String token = reader.awaitLinkToken(challenge, timeout);
                printer.note(
                        showCode
                                ? "link followed from the mailbox (token " + token.length() + " characters)"
                                : "link followed from the mailbox");
                return token;
            }
            if (challenge.delivery() != null && challenge.delivery().destination() != null) {
                String code = reader.awaitCode(challenge, timeout);
                printer.note(
                        showCode
                                ? "code read from the mailbox: " + code
                                : "code read from the mailbox (" + code.length() + " digits, not shown)");
                return code;
            }
            if (fallback != null) {
                return fallback.answer(challenge);
            }
            throw new CliException(
                    ExitStatus.USAGE,
                    "step " + challenge.stepName()
                            + " needs an answer no mailbox holds; run without --mailbox to type it");
        };
    }

    /** Asks the user. */
    static Answerer fromPrompts(Prompter prompter, StepPrinter printer) {
        return challenge -> {
            if (!challenge.options().isEmpty()) {
                while (true) {
                    String choice = prompter.line("choose one of " + String.join(", ", challenge.options()) + ": ");
                    if (challenge.options().contains(choice)) {
                        return choice;
                    }
                    printer.note("'" + choice + "' is not one of the options");
                }
            }
            if (challenge.step() == SignInStep.CONTINUE_SIGN_IN_WITH_TOTP_SETUP && challenge.otpauthUri() != null) {
                printer.note("add this to your authenticator app: " + challenge.otpauthUri());
            }
            String label =
                    switch (challenge.step()) {
                        case CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED -> "new password: ";
                        case CONFIRM_SIGN_IN_WITH_BACKUP_CODE -> "backup code: ";
                        case CONFIRM_SIGN_IN_WITH_EMAIL_LINK -> "link token: ";
                        case CONFIRM_SIGN_IN_WITH_TOTP_CODE, CONTINUE_SIGN_IN_WITH_TOTP_SETUP -> "authenticator code: ";
                        case CONFIRM_SIGN_IN_WITH_EMAIL_CODE, CONFIRM_SIGN_IN_WITH_SMS_CODE -> "code: ";
                        default -> "answer: ";
                    };
            return challenge.step().answerIsSecret() ? prompter.secret(label) : prompter.line(label);
        };
    }

    /** Gives a wrong code for the first {@code count} code steps, to show attempts being counted. */
    static Answerer withWrongAnswers(int count, Answerer real, StepPrinter printer) {
        int[] left = {count};
        return challenge -> {
            String answer = real.answer(challenge);
            if (left[0] > 0 && challenge.delivery() != null && answer.chars().allMatch(Character::isDigit)) {
                left[0]--;
                printer.note("answering a wrong code on purpose");
                return wrongCode(answer);
            }
            return answer;
        };
    }

    static String wrongCode(String code) {
        char last = code.charAt(code.length() - 1);
        return code.substring(0, code.length() - 1) + (char) ('0' + (last - '0' + 1) % 10);
    }
}
