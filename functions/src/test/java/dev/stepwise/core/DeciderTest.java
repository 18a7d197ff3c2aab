package dev.stepwise.core;

import static dev.stepwise.core.Factor.EMAIL_CODE;
import static dev.stepwise.core.Factor.PHONE_CODE;
import static dev.stepwise.core.Fixtures.BOTH;
import static dev.stepwise.core.Fixtures.EMAIL_ONLY;
import static dev.stepwise.core.Fixtures.NOW;
import static dev.stepwise.core.Fixtures.PHONE_ONLY;
import static dev.stepwise.core.Fixtures.custom;
import static dev.stepwise.core.Fixtures.passwordVerifier;
import static dev.stepwise.core.Fixtures.srpA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeciderTest {
    private final Decider decider = new Decider(Fixtures.SEAL);

    static Stream<Arguments> decide_history_nextStep() {
        Round tampered = new Round(
                Round.CUSTOM_CHALLENGE,
                true,
                custom(EMAIL_CODE, 0, 1, true).metadata().replace(".0.1.", ".1.1."));
        Round otherUser = new Round(
                Round.CUSTOM_CHALLENGE,
                true,
                Fixtures.SEAL.seal(
                        Fixtures.POOL,
                        "mallory",
                        new ChallengeMetadata(EMAIL_CODE, 0, 1, NOW.plusSeconds(300), "aGFzaA")));
        Round expired = custom(EMAIL_CODE, 0, 1, false, NOW.minus(Duration.ofSeconds(1)));
        return Stream.of(
                arguments("email_code", EMAIL_ONLY, false, List.of(), "challenge email_code step 1 attempt 1 left 3"),
                arguments("email_code", EMAIL_ONLY, false, List.of(custom(EMAIL_CODE, 0, 1, true)), "tokens"),
                arguments(
                        "email_code",
                        EMAIL_ONLY,
                        false,
                        List.of(custom(EMAIL_CODE, 0, 1, false)),
                        "challenge email_code step 1 attempt 2 left 2 reuse"),
                arguments(
                        "email_code",
                        EMAIL_ONLY,
                        false,
                        List.of(custom(EMAIL_CODE, 0, 1, false), custom(EMAIL_CODE, 0, 2, false)),
                        "challenge email_code step 1 attempt 3 left 1 reuse"),
                arguments(
                        "email_code",
                        EMAIL_ONLY,
                        false,
                        List.of(
                                custom(EMAIL_CODE, 0, 1, false),
                                custom(EMAIL_CODE, 0, 2, false),
                                custom(EMAIL_CODE, 0, 3, false)),
                        "fail: no attempts left at step 1 after 3 wrong answers"),
                arguments(
                        "email_code",
                        EMAIL_ONLY,
                        false,
                        List.of(custom(EMAIL_CODE, 0, 1, false), custom(EMAIL_CODE, 0, 2, true)),
                        "tokens"),
                arguments(
                        "email_code",
                        EMAIL_ONLY,
                        false,
                        List.of(expired),
                        "challenge email_code step 1 attempt 2 left 2"),
                arguments(
                        "email_code > phone_code",
                        BOTH,
                        false,
                        List.of(),
                        "challenge email_code step 1 attempt 1 left 3"),
                arguments(
                        "email_code > phone_code",
                        BOTH,
                        false,
                        List.of(custom(EMAIL_CODE, 0, 1, true)),
                        "challenge phone_code step 2 attempt 1 left 3"),
                arguments(
                        "email_code > phone_code",
                        BOTH,
                        false,
                        List.of(custom(EMAIL_CODE, 0, 1, true), custom(PHONE_CODE, 1, 1, true)),
                        "tokens"),
                arguments(
                        "email_code > phone_code",
                        BOTH,
                        false,
                        List.of(custom(EMAIL_CODE, 0, 1, true), custom(PHONE_CODE, 1, 1, false)),
                        "challenge phone_code step 2 attempt 2 left 2 reuse"),
                arguments(
                        "email_code > phone_code",
                        BOTH,
                        false,
                        List.of(custom(PHONE_CODE, 0, 1, true)),
                        "fail: round 1 claims step 1 with phone_code"),
                arguments(
                        "email_code > phone_code",
                        BOTH,
                        false,
                        List.of(custom(EMAIL_CODE, 1, 1, true)),
                        "fail: round 1 claims step 2 with email_code"),
                arguments(
                        "email_code > phone_code",
                        EMAIL_ONLY,
                        false,
                        List.of(custom(EMAIL_CODE, 0, 1, true)),
                        "challenge phone_code step 2 attempt 1 left 3"),
                arguments(
                        "password > email_code",
                        EMAIL_ONLY,
                        false,
                        List.of(),
                        "fail: the policy's first step is password"),
                arguments("password > email_code", EMAIL_ONLY, false, List.of(srpA()), "password"),
                arguments(
                        "password > email_code",
                        EMAIL_ONLY,
                        false,
                        List.of(srpA(), passwordVerifier(true)),
                        "challenge email_code step 2 attempt 1 left 3"),
                arguments(
                        "password > email_code",
                        EMAIL_ONLY,
                        false,
                        List.of(srpA(), passwordVerifier(false)),
                        "fail: wrong password"),
                arguments(
                        "password > email_code",
                        EMAIL_ONLY,
                        false,
                        List.of(srpA(), passwordVerifier(true), custom(EMAIL_CODE, 1, 1, true)),
                        "tokens"),
                arguments(
                        "password > email_code",
                        EMAIL_ONLY,
                        false,
                        List.of(srpA(), custom(EMAIL_CODE, 1, 1, true)),
                        "fail: round 2 is CUSTOM_CHALLENGE where PASSWORD_VERIFIER belongs"),
                arguments(
                        "password > email_code",
                        EMAIL_ONLY,
                        false,
                        List.of(new Round(Round.SRP_A, false, null)),
                        "fail: SRP_A round was not passed"),
                arguments("password", EMAIL_ONLY, false, List.of(srpA(), passwordVerifier(true)), "tokens"),
                arguments("email_code", EMAIL_ONLY, false, List.of(srpA()), "fail: the sign-in started with SRP_A"),
                arguments(
                        "email_code",
                        EMAIL_ONLY,
                        false,
                        List.of(srpA(), passwordVerifier(true)),
                        "fail: the sign-in started with SRP_A"),
                arguments(
                        "email_code > phone_code",
                        BOTH,
                        false,
                        List.of(custom(EMAIL_CODE, 0, 1, true), passwordVerifier(true)),
                        "fail: round 2 is PASSWORD_VERIFIER"),
                arguments(
                        "password|email_code > phone_code",
                        BOTH,
                        false,
                        List.of(),
                        "challenge email_code step 1 attempt 1 left 3"),
                arguments(
                        "password|email_code > phone_code",
                        BOTH,
                        false,
                        List.of(srpA(), passwordVerifier(true)),
                        "challenge phone_code step 2 attempt 1 left 3"),
                arguments(
                        "email_code|phone_code",
                        BOTH,
                        false,
                        List.of(),
                        "choice [email_code, phone_code] step 1 attempt 1 left 3"),
                arguments(
                        "email_code|phone_code",
                        PHONE_ONLY,
                        false,
                        List.of(),
                        "challenge phone_code step 1 attempt 1 left 3"),
                arguments(
                        "phone_code|email_code",
                        EMAIL_ONLY,
                        false,
                        List.of(),
                        "challenge email_code step 1 attempt 1 left 3"),
                arguments(
                        "email_code|phone_code",
                        UserProfile.NONE,
                        false,
                        List.of(),
                        "choice [email_code, phone_code] step 1 attempt 1 left 3"),
                arguments("email_code", PHONE_ONLY, false, List.of(), "challenge email_code step 1 attempt 1 left 3"),
                arguments(
                        "email_code",
                        EMAIL_ONLY,
                        false,
                        List.of(new Round(Round.CUSTOM_CHALLENGE, true, null)),
                        "fail: round 1 has missing or tampered challenge metadata"),
                arguments(
                        "email_code",
                        EMAIL_ONLY,
                        false,
                        List.of(tampered),
                        "fail: round 1 has missing or tampered challenge metadata"),
                arguments(
                        "email_code",
                        EMAIL_ONLY,
                        false,
                        List.of(otherUser),
                        "fail: round 1 has missing or tampered challenge metadata"),
                arguments(
                        "email_code",
                        EMAIL_ONLY,
                        false,
                        List.of(new Round("CUSTOM_CHALLENGE", true, "not-metadata")),
                        "fail: round 1 has missing or tampered challenge metadata"),
                arguments(
                        "email_code",
                        EMAIL_ONLY,
                        false,
                        List.of(new Round("SMS_MFA", true, null)),
                        "fail: round 1 is SMS_MFA, which this policy does not expect"),
                arguments(
                        "email_code",
                        EMAIL_ONLY,
                        false,
                        List.of(new Round("<script>", true, null)),
                        "fail: round 1 is an unknown challenge"),
                arguments(
                        "email_code",
                        EMAIL_ONLY,
                        false,
                        List.of(new Round(null, true, null)),
                        "fail: round 1 is a round without a name"),
                arguments(
                        "email_code",
                        EMAIL_ONLY,
                        false,
                        List.of(custom(EMAIL_CODE, 0, 1, true), custom(EMAIL_CODE, 0, 1, true)),
                        "fail: round 2 comes after the last step"),
                arguments(
                        "email_code",
                        EMAIL_ONLY,
                        false,
                        List.of(custom(EMAIL_CODE, 0, 1, false), custom(EMAIL_CODE, 0, 1, false)),
                        "fail: round 2 claims attempt 1 where attempt 2 belongs"),
                arguments(
                        "email_code|phone_code",
                        BOTH,
                        false,
                        List.of(custom(EMAIL_CODE, 0, 1, false), custom(PHONE_CODE, 0, 2, false)),
                        "fail: round 2 switches factor"),
                arguments(
                        "email_code",
                        PHONE_ONLY,
                        false,
                        List.of(custom(EMAIL_CODE, 0, 1, false)),
                        "challenge email_code step 1 attempt 2 left 2 reuse"),
                arguments(
                        "email_code",
                        UserProfile.NONE,
                        true,
                        List.of(),
                        "challenge email_code step 1 attempt 1 left 3"),
                arguments(
                        "phone_code|email_code",
                        UserProfile.NONE,
                        true,
                        List.of(),
                        "choice [phone_code, email_code] step 1 attempt 1 left 3"),
                arguments(
                        "email_code",
                        UserProfile.NONE,
                        true,
                        List.of(custom(EMAIL_CODE, 0, 1, false), custom(EMAIL_CODE, 0, 2, false)),
                        "challenge email_code step 1 attempt 3 left 1 reuse"),
                arguments(
                        "email_code",
                        UserProfile.NONE,
                        true,
                        List.of(
                                custom(EMAIL_CODE, 0, 1, false),
                                custom(EMAIL_CODE, 0, 2, false),
                                custom(EMAIL_CODE, 0, 3, false)),
                        "fail: no attempts left"),
                arguments(
                        "email_code",
                        UserProfile.NONE,
                        true,
                        List.of(custom(EMAIL_CODE, 0, 1, true)),
                        "fail: user not found"),
                arguments(
                        "password > email_code",
                        UserProfile.NONE,
                        true,
                        List.of(srpA(), passwordVerifier(true), custom(EMAIL_CODE, 1, 1, true)),
                        "fail: user not found"));
    }

    @ParameterizedTest(name = "[{index}] {0} {1} notFound={2} {3} -> {4}")
    @MethodSource
    void decide_history_nextStep(
            String policy, UserProfile user, boolean userNotFound, List<Round> history, String expected) {
        Decision decision = decider.decide(
                Fixtures.policy(policy), Fixtures.context(user, userNotFound, history.toArray(Round[]::new)), NOW);

        if (expected.startsWith("fail: ")) {
            assertThat(describe(decision)).startsWith(expected);
        } else {
            assertThat(describe(decision)).isEqualTo(expected);
        }
    }

    @Test
    void decide_challengeOnFirstStep_isFirstStep() {
        Decision decision = decider.decide(Fixtures.policy("email_code"), Fixtures.context(EMAIL_ONLY, false), NOW);

        assertThat(decision).isInstanceOfSatisfying(Decision.Present.class, p -> assertThat(p.firstStep())
                .isTrue());
    }

    @Test
    void decide_afterWrongAnswerWithValidCode_reusesThatRoundsMetadata() {
        Round wrong = custom(EMAIL_CODE, 0, 1, false);

        Decision decision =
                decider.decide(Fixtures.policy("email_code"), Fixtures.context(EMAIL_ONLY, false, wrong), NOW);

        ChallengeMetadata previous = Fixtures.SEAL
                .open(Fixtures.POOL, Fixtures.USER, wrong.metadata())
                .orElseThrow();
        assertThat(decision).isInstanceOfSatisfying(Decision.Present.class, p -> assertThat(p.reusable())
                .isEqualTo(previous));
    }

    static String describe(Decision decision) {
        if (decision instanceof Decision.Present p) {
            return (p.selection()
                            ? "choice " + p.options().stream().map(Factor::id).toList()
                            : "challenge " + p.factor().id())
                    + " step " + (p.step() + 1) + " attempt " + p.attempt() + " left " + p.attemptsRemaining()
                    + (p.reusable() != null ? " reuse" : "");
        }
        if (decision instanceof Decision.Fail f) {
            return "fail: " + f.reason();
        }
        return decision.outcome();
    }
}
