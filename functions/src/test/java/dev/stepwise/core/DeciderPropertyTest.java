package dev.stepwise.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

class DeciderPropertyTest {
    private static final List<String> POLICIES = List.of(
            "email_code",
            "email_code > phone_code",
            "password > email_code",
            "password|email_code > phone_code",
            "email_code|phone_code",
            "password");

    private final Decider decider = new Decider(Fixtures.SEAL);

    @Provide
    Arbitrary<Round> rounds() {
        Arbitrary<Round> sealed = Combinators.combine(
                        Arbitraries.of(Factor.EMAIL_CODE, Factor.PHONE_CODE),
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(1, 4),
                        Arbitraries.of(true, false),
                        Arbitraries.of(Fixtures.NOW.minusSeconds(1), Fixtures.NOW.plusSeconds(300)))
                .as((factor, step, attempt, passed, expiry) -> Fixtures.custom(factor, step, attempt, passed, expiry));
        Arbitrary<Round> other = Combinators.combine(
                        Arbitraries.of(
                                "SRP_A", "PASSWORD_VERIFIER", "CUSTOM_CHALLENGE", "SMS_MFA", "ADMIN_NO_SRP_AUTH"),
                        Arbitraries.of(true, false),
                        Arbitraries.of(null, "", "1.email_code.0.1.1795316700.aGFzaA.forged"))
                .as(Round::new);
        return Arbitraries.frequencyOf(Tuple.of(3, sealed), Tuple.of(1, other));
    }

    @Property(tries = 3000)
    void decide_anyHistory_tokensOnlyWhenEveryStepPassedInOrder(
            @ForAll("policies") String policyText,
            @ForAll("profiles") UserProfile user,
            @ForAll boolean userNotFound,
            @ForAll("histories") List<Round> history) {
        Policy policy = Fixtures.policy(policyText);

        Decision decision = decider.decide(
                policy, Fixtures.context(user, userNotFound, history.toArray(Round[]::new)), Fixtures.NOW);

        if (decision instanceof Decision.IssueTokens) {
            assertThat(userNotFound).isFalse();
            assertThat(passedSteps(history)).isEqualTo(policy.steps().size());
            assertThat(history.get(history.size() - 1).passed()).isTrue();
        }
        if (decision instanceof Decision.Present present) {
            assertThat(present.attemptsRemaining()).isBetween(1, policy.limits().maxAttempts());
            List<Factor> offered = present.selection() ? present.options() : List.of(present.factor());
            assertThat(policy.steps().get(present.step()).factors()).containsAll(offered);
            if (present.selection() && !userNotFound) {
                assertThat(offered.stream().allMatch(user::canUse)
                                || offered.stream().noneMatch(user::canUse))
                        .as("a real user chooses between usable factors, or, having none, between them all as an"
                                + " unknown user does")
                        .isTrue();
            }
        }
    }

    @Provide
    Arbitrary<String> policies() {
        return Arbitraries.of(POLICIES);
    }

    @Provide
    Arbitrary<UserProfile> profiles() {
        return Arbitraries.of(Fixtures.BOTH, Fixtures.EMAIL_ONLY, Fixtures.PHONE_ONLY, UserProfile.NONE);
    }

    @Provide
    Arbitrary<List<Round>> histories() {
        return rounds().list().ofMaxSize(7);
    }

    private static int passedSteps(List<Round> history) {
        int passed = 0;
        for (int i = 0; i < history.size(); i++) {
            Round round = history.get(i);
            if (round.passed()
                    && (Round.CUSTOM_CHALLENGE.equals(round.challengeName())
                            || Round.PASSWORD_VERIFIER.equals(round.challengeName()))) {
                passed++;
            }
        }
        return passed;
    }
}
