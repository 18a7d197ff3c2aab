package dev.stepwise.core;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The next-step decision: a pure function of the policy, the user's usable factors, the history of rounds, the
 * {@code userNotFound} flag and the time. Define and Create both call it with the same history, so they agree on the
 * factor without any state of their own. Thread-safe.
 *
 * <p>Rules:
 *
 * <ul>
 *   <li>Tokens only when every step of the chain has a passed round, in order, and the user exists.
 *   <li>A history that starts with {@code SRP_A} needs a policy whose first step allows {@code password}: after
 *       {@code [SRP_A]} the answer is {@code PASSWORD_VERIFIER}; {@code PASSWORD_VERIFIER} passed completes the first
 *       step, failed ends the sign-in. A first step of {@code password} alone without an {@code SRP_A} start fails.
 *   <li>Every later round must be a {@code CUSTOM_CHALLENGE} whose sealed metadata opens (MAC checked) and matches
 *       the replayed state: same step, a factor of that step, the next attempt number. Anything else (unknown
 *       challenge names, SRP rounds in the wrong place, tampered metadata) fails closed.
 *   <li>A wrong answer is retried with the same factor until {@link Limits#maxAttempts()} wrong answers, then the
 *       sign-in fails. The retry reuses the code while it is valid.
 *   <li>Within a step, the first alternative (in policy order) that the user can use is presented. (A selection step
 *       letting the user choose is planned; it will use the reserved {@code options} key of the contract.)
 *   <li>A user with no usable factor for the current step fails, with the reason in the log.
 *   <li>{@code userNotFound}: the user is treated as having the first code factor of the step, so a decoy challenge
 *       is presented that looks like a real one; its answers are never correct and it never yields tokens.
 * </ul>
 */
public final class Decider {
    private final MetadataSeal seal;

    /** Opens round metadata with {@code seal}. */
    public Decider(MetadataSeal seal) {
        this.seal = seal;
    }

    /** The next step of the sign-in described by {@code context} under {@code policy} at {@code now}. */
    public Decision decide(Policy policy, SignInContext context, Instant now) {
        List<Round> history = context.history();
        List<Policy.Step> steps = policy.steps();
        int step = 0;
        int index = 0;

        if (!history.isEmpty() && Round.SRP_A.equals(history.get(0).challengeName())) {
            if (!policy.startsWithPassword()) {
                return new Decision.Fail("the sign-in started with SRP_A but the policy's first step (" + steps.get(0)
                        + ") has no password");
            }
            if (!history.get(0).passed()) {
                return new Decision.Fail("SRP_A round was not passed");
            }
            if (history.size() == 1) {
                return new Decision.VerifyPassword();
            }
            Round verifier = history.get(1);
            if (!Round.PASSWORD_VERIFIER.equals(verifier.challengeName())) {
                return new Decision.Fail(
                        "round 2 is " + safeName(verifier.challengeName()) + " where PASSWORD_VERIFIER belongs");
            }
            if (!verifier.passed()) {
                return new Decision.Fail("wrong password (PASSWORD_VERIFIER failed)");
            }
            step = 1;
            index = 2;
        } else if (steps.get(0).factors().equals(List.of(Factor.PASSWORD))) {
            return new Decision.Fail("the policy's first step is password, but the sign-in did not start with SRP_A:"
                    + " the client must start CUSTOM_AUTH with SRP_A (Amplify: CUSTOM_WITH_SRP)");
        }

        int wrongAnswers = 0;
        ChallengeMetadata last = null;
        for (; index < history.size(); index++) {
            Round round = history.get(index);
            int roundNumber = index + 1;
            if (!Round.CUSTOM_CHALLENGE.equals(round.challengeName())) {
                return new Decision.Fail("round " + roundNumber + " is " + safeName(round.challengeName())
                        + ", which this policy does not expect there");
            }
            Optional<ChallengeMetadata> opened = seal.open(context.userPoolId(), context.userName(), round.metadata());
            if (opened.isEmpty()) {
                return new Decision.Fail("round " + roundNumber + " has missing or tampered challenge metadata");
            }
            ChallengeMetadata metadata = opened.get();
            if (step >= steps.size()) {
                return new Decision.Fail("round " + roundNumber + " comes after the last step of the policy");
            }
            if (metadata.step() != step || !steps.get(step).allows(metadata.factor())) {
                return new Decision.Fail("round " + roundNumber + " claims step " + (metadata.step() + 1) + " with "
                        + metadata.factor().id() + ", but the sign-in is at step " + (step + 1) + " ("
                        + steps.get(step) + ")");
            }
            if (last != null && metadata.factor() != last.factor()) {
                return new Decision.Fail("round " + roundNumber + " switches factor within a challenge");
            }
            if (metadata.attempt() != wrongAnswers + 1) {
                return new Decision.Fail("round " + roundNumber + " claims attempt " + metadata.attempt()
                        + " where attempt " + (wrongAnswers + 1) + " belongs");
            }
            if (round.passed()) {
                step++;
                wrongAnswers = 0;
                last = null;
            } else {
                wrongAnswers++;
                last = metadata;
                if (wrongAnswers >= policy.limits().maxAttempts()) {
                    return new Decision.Fail(
                            "no attempts left at step " + (step + 1) + " after " + wrongAnswers + " wrong answers");
                }
            }
        }

        if (step == steps.size()) {
            if (context.userNotFound()) {
                return new Decision.Fail("user not found");
            }
            return new Decision.IssueTokens();
        }

        Factor factor;
        if (last != null) {
            factor = last.factor();
            if (!context.userNotFound() && !context.user().canUse(factor)) {
                return new Decision.Fail("the user can no longer use " + factor.id() + " (step " + (step + 1) + ")");
            }
        } else {
            Optional<Factor> chosen = choose(steps.get(step), context);
            if (chosen.isEmpty()) {
                return new Decision.Fail("the user has no usable factor for step " + (step + 1) + " ("
                        + steps.get(step) + "): email_code needs a verified email, phone_code a verified phone"
                        + " number" + (context.userNotFound() ? " (user not found)" : ""));
            }
            factor = chosen.get();
        }
        ChallengeMetadata reusable = last != null && now.isBefore(last.expiresAt()) ? last : null;
        int max = policy.limits().maxAttempts();
        return new Decision.Present(factor, step, steps.size(), wrongAnswers + 1, max - wrongAnswers, reusable);
    }

    private static Optional<Factor> choose(Policy.Step step, SignInContext context) {
        return step.factors().stream()
                .filter(Factor::sendsCode)
                .filter(f -> context.userNotFound() || context.user().canUse(f))
                .findFirst();
    }

    private static String safeName(String challengeName) {
        if (challengeName == null) {
            return "a round without a name";
        }
        return challengeName.matches("[A-Z_]{1,40}") ? challengeName : "an unknown challenge";
    }
}
