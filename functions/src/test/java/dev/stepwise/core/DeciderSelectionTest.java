package dev.stepwise.core;

import static dev.stepwise.core.Factor.EMAIL_CODE;
import static dev.stepwise.core.Factor.PHONE_CODE;
import static dev.stepwise.core.Fixtures.BOTH;
import static dev.stepwise.core.Fixtures.NOW;
import static dev.stepwise.core.Fixtures.POOL;
import static dev.stepwise.core.Fixtures.SEAL;
import static dev.stepwise.core.Fixtures.USER;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeciderSelectionTest {
    private static final String NONCE = "bm9uY2Utb2YtdGhpcw";
    private static final List<Factor> BOTH_CODES = List.of(EMAIL_CODE, PHONE_CODE);

    private static Round selection(int attempt, boolean passed, String nonce) {
        return new Round(
                Round.CUSTOM_CHALLENGE,
                passed,
                SEAL.seal(
                        POOL,
                        USER,
                        new ChallengeMetadata(null, 0, attempt, NOW.plusSeconds(300), "", nonce, BOTH_CODES, false)));
    }

    private static Round code(Factor factor, int attempt, boolean passed, String nonce) {
        return new Round(
                Round.CUSTOM_CHALLENGE,
                passed,
                SEAL.seal(
                        POOL,
                        USER,
                        new ChallengeMetadata(factor, 0, attempt, NOW.plusSeconds(300), "aGFzaA", nonce, null, false)));
    }

    private static Decision decide(Optional<Factor> recorded, Round... rounds) {
        Decider decider = new Decider(
                SEAL, (context, nonce, step) -> nonce.equals(NONCE) && step == 0 ? recorded : Optional.empty());
        return decider.decide(Fixtures.policy("email_code|phone_code"), Fixtures.context(BOTH, false, rounds), NOW);
    }

    @Test
    void decide_afterPassedSelection_presentsRecordedChoiceWithSameNonce() {
        Decision decision = decide(Optional.of(PHONE_CODE), selection(1, true, NONCE));

        assertThat(decision).isInstanceOfSatisfying(Decision.Present.class, p -> {
            assertThat(p.factor()).isEqualTo(PHONE_CODE);
            assertThat(p.attempt()).isEqualTo(1);
            assertThat(p.nonce()).isEqualTo(NONCE);
        });
    }

    @Test
    void decide_roundPresentsOtherThanChosen_fails() {
        Decision decision =
                decide(Optional.of(PHONE_CODE), selection(1, true, NONCE), code(EMAIL_CODE, 1, true, NONCE));

        assertThat(decision).isInstanceOfSatisfying(Decision.Fail.class, f -> assertThat(f.reason())
                .contains("where phone_code was chosen"));
    }

    @Test
    void decide_chosenFactorPassed_issuesTokens() {
        Decision decision =
                decide(Optional.of(PHONE_CODE), selection(1, true, NONCE), code(PHONE_CODE, 1, true, NONCE));

        assertThat(decision).isInstanceOf(Decision.IssueTokens.class);
    }

    @Test
    void decide_roundWithAnotherNonce_fails() {
        Decision decision =
                decide(Optional.of(PHONE_CODE), selection(1, true, NONCE), code(PHONE_CODE, 1, true, "b3RoZXI"));

        assertThat(decision).isInstanceOfSatisfying(Decision.Fail.class, f -> assertThat(f.reason())
                .contains("another sign-in"));
    }

    @Test
    void decide_recordedChoiceNotAnOption_failsClosed() {
        Decision decision = decide(Optional.of(Factor.TOTP), selection(1, true, NONCE));

        assertThat(decision).isInstanceOf(Decision.Fail.class);
    }

    @Test
    void decide_wrongSelections_countTowardsAttempts() {
        Decision again = decide(Optional.empty(), selection(1, false, NONCE));
        Decision out = decide(
                Optional.empty(), selection(1, false, NONCE), selection(2, false, NONCE), selection(3, false, NONCE));

        assertThat(again).isInstanceOfSatisfying(Decision.Present.class, p -> {
            assertThat(p.selection()).isTrue();
            assertThat(p.options()).containsExactly(EMAIL_CODE, PHONE_CODE);
            assertThat(p.attemptsRemaining()).isEqualTo(2);
        });
        assertThat(out).isInstanceOf(Decision.Fail.class);
    }

    @Test
    void decide_secondSelectionAfterChoice_fails() {
        Decision decision = decide(Optional.of(EMAIL_CODE), selection(1, true, NONCE), selection(1, true, NONCE));

        assertThat(decision).isInstanceOf(Decision.Fail.class);
    }
}
