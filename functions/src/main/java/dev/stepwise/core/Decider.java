package dev.stepwise.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

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
 *   <li>Within a step, when the user can use two or more alternatives, a selection round asks which (the contract's
 *       {@code options}); Verify records the valid choice in the state table under the sign-in's nonce, and the
 *       following rounds of the step must present exactly that factor. A wrong choice counts as a wrong answer. With
 *       one usable alternative it is presented directly.
 *   <li>A later step that allows {@code totp}, for a user without an enrolled app and without another usable
 *       alternative, presents a TOTP set-up when set-up is turned on (never on the first step: set-up needs an earlier
 *       proof).
 *   <li>Every round of one sign-in carries the same nonce; a round with another nonce fails.
 *   <li>A user with no usable factor for the current step, or who can no longer use the factor of an earlier round,
 *       is presented the step's first factor all the same: Create makes it a challenge that can never be answered
 *       (nothing is sent), so the user walks the same steps as an unknown one instead of failing at once.
 *   <li>A policy with steps marked {@code @new_device} has a trusted-device round ({@link DeviceFactor}): it is asked
 *       once and never counts as a wrong answer; passed (a trusted device), the marked steps are skipped, otherwise
 *       they are asked.
 *   <li>{@code userNotFound}: the user is treated as having every factor of the step, so a decoy selection or
 *       challenge is presented that looks like a real one; its code answers are never correct and it never yields
 *       tokens.
 * </ul>
 */
public final class Decider {
    private final MetadataSeal seal;
    private final Choices choices;
    private final Set<Factor> setupFactors;

    /**
     * Where a passed selection round's choice is read from (the state table, bound to the sign-in's nonce).
     * Implementations throw when the store cannot answer, so the decision fails closed.
     */
    @FunctionalInterface
    public interface Choices {
        /** The option chosen at {@code step} of the sign-in with {@code nonce}, if recorded. */
        Optional<Factor> chosen(SignInContext context, String nonce, int step);

        /** No choices recorded anywhere: every passed selection fails closed. */
        static Choices none() {
            return (context, nonce, step) -> Optional.empty();
        }
    }

    /** Opens round metadata with {@code seal}; no choices recorded. */
    public Decider(MetadataSeal seal) {
        this(seal, Choices.none());
    }

    /** Opens round metadata with {@code seal} and reads recorded choices from {@code choices}; no TOTP set-up. */
    public Decider(MetadataSeal seal, Choices choices) {
        this(seal, choices, false);
    }

    /**
     * Opens round metadata with {@code seal}, reads recorded choices from {@code choices}, and presents a TOTP set-up
     * to a user without an app only when {@code totpSetup} (TOTP set-up during sign-in is turned on).
     */
    public Decider(MetadataSeal seal, Choices choices, boolean totpSetup) {
        this(seal, choices, totpSetup ? Set.of(Factor.TOTP) : Set.of());
    }

    /**
     * Opens round metadata with {@code seal}, reads recorded choices from {@code choices}, and may present a set-up of
     * the factors in {@code setupFactors} to a user who cannot use them ({@link FactorHandler#setupAllowed()}).
     */
    public Decider(MetadataSeal seal, Choices choices, Set<Factor> setupFactors) {
        this.seal = seal;
        this.choices = choices;
        this.setupFactors = Set.copyOf(setupFactors);
    }

    /**
     * The next step of the sign-in described by {@code context} under {@code policy} at {@code now}, where the user
     * can use what {@link UserProfile#canUse} says.
     */
    public Decision decide(Policy policy, SignInContext context, Instant now) {
        return decide(policy, context, context.user()::canUse, now);
    }

    /**
     * The next step of the sign-in described by {@code context} under {@code policy} at {@code now}.
     *
     * @param usable whether the user can use a factor (what the factors' handlers said); ignored for unknown users
     */
    public Decision decide(Policy policy, SignInContext context, Predicate<Factor> usable, Instant now) {
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
        Factor chosen = null;
        String nonce = null;
        boolean trusted = false;
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
            if (nonce == null) {
                nonce = metadata.nonce();
            } else if (!nonce.equals(metadata.nonce())) {
                return new Decision.Fail("round " + roundNumber + " belongs to another sign-in (nonce differs)");
            }
            if (step >= steps.size()) {
                return new Decision.Fail("round " + roundNumber + " comes after the last step of the policy");
            }
            Policy.Step current = steps.get(step);
            boolean fits = metadata.selection()
                    ? chosen == null && current.factors().containsAll(metadata.options())
                    : current.allows(metadata.factor()) && (chosen == null || chosen.equals(metadata.factor()));
            if (metadata.step() != step || !fits) {
                return new Decision.Fail("round " + roundNumber + " claims step " + (metadata.step() + 1) + " with "
                        + describe(metadata) + ", but the sign-in is at step " + (step + 1) + " (" + current + ")"
                        + (chosen == null ? "" : " where " + chosen.id() + " was chosen"));
            }
            if (last != null
                    && (last.selection() != metadata.selection()
                            || !Objects.equals(last.factor(), metadata.factor()))) {
                return new Decision.Fail("round " + roundNumber + " switches factor within a challenge");
            }
            if (metadata.attempt() != wrongAnswers + 1) {
                return new Decision.Fail("round " + roundNumber + " claims attempt " + metadata.attempt()
                        + " where attempt " + (wrongAnswers + 1) + " belongs");
            }
            if (!metadata.selection() && steps.get(step).deviceRound()) {
                // The trusted-device round is asked once: its answer says whether to skip, it is never wrong.
                trusted = round.passed();
                step = skipTrusted(steps, step + 1, trusted);
                wrongAnswers = 0;
                last = null;
                chosen = null;
            } else if (round.passed() && metadata.selection()) {
                Optional<Factor> recorded = nonce.isEmpty() ? Optional.empty() : choices.chosen(context, nonce, step);
                if (recorded.isEmpty() || !metadata.options().contains(recorded.get())) {
                    return new Decision.Fail(
                            "round " + roundNumber + " passed a selection, but no valid choice is recorded for it");
                }
                chosen = recorded.get();
                wrongAnswers = 0;
                last = null;
            } else if (round.passed()) {
                step = skipTrusted(steps, step + 1, trusted);
                wrongAnswers = 0;
                last = null;
                chosen = null;
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

        int max = policy.limits().maxAttempts();
        int attempt = wrongAnswers + 1;
        int remaining = max - wrongAnswers;
        if (last != null && last.selection()) {
            return new Decision.Present(
                    null, step, steps.size(), attempt, remaining, null, last.options(), false, nonce);
        }
        Factor factor;
        boolean setup = false;
        if (last != null) {
            factor = last.factor();
            setup = last.setup();
        } else if (chosen != null) {
            factor = chosen;
        } else {
            List<Factor> usableNow = usable(steps.get(step), context, usable);
            Factor enrol = step == 0
                    ? null
                    : steps.get(step).factors().stream()
                            .filter(setupFactors::contains)
                            .filter(f -> !usable.test(f))
                            .findFirst()
                            .orElse(null);
            if (usableNow.size() > 1) {
                return new Decision.Present(
                        null, step, steps.size(), attempt, remaining, null, usableNow, false, nonce);
            }
            if (usableNow.size() == 1) {
                factor = usableNow.get(0);
            } else if (enrol != null) {
                factor = enrol;
                setup = true;
            } else {
                List<Factor> all = steps.get(step).factors().stream()
                        .filter(f -> !f.equals(Factor.PASSWORD))
                        .toList();
                if (all.isEmpty()) {
                    return new Decision.Fail("step " + (step + 1) + " (" + steps.get(step) + ") has no factor to"
                            + " present after the password");
                }
                // No usable factor: what an unknown user gets (a choice of them all, or the one factor, as a challenge
                // nobody can answer), rather than a failure that would tell this user apart.
                if (all.size() > 1) {
                    return new Decision.Present(null, step, steps.size(), attempt, remaining, null, all, false, nonce);
                }
                factor = all.get(0);
            }
        }
        ChallengeMetadata reusable = last != null && now.isBefore(last.expiresAt()) ? last : null;
        return new Decision.Present(factor, step, steps.size(), attempt, remaining, reusable, List.of(), setup, nonce);
    }

    /** The first step from {@code step} on that is asked: marked steps are skipped on a trusted device. */
    private static int skipTrusted(List<Policy.Step> steps, int step, boolean trusted) {
        while (trusted && step < steps.size() && steps.get(step).newDeviceOnly()) {
            step++;
        }
        return step;
    }

    /**
     * The step's factors that the user can use, in policy order. For an unknown user every factor of the step (other
     * than password) counts, as for a user who has them all, so the decoy asks the same selection a real user with
     * alternatives gets instead of failing at once, which would tell that the user does not exist.
     */
    private static List<Factor> usable(Policy.Step step, SignInContext context, Predicate<Factor> usable) {
        if (context.userNotFound()) {
            return step.factors().stream()
                    .filter(f -> !f.equals(Factor.PASSWORD))
                    .toList();
        }
        return step.factors().stream()
                .filter(f -> !f.equals(Factor.PASSWORD))
                .filter(usable)
                .toList();
    }

    private static String describe(ChallengeMetadata metadata) {
        return metadata.selection()
                ? "a choice of " + metadata.options().stream().map(Factor::id).toList()
                : metadata.factor().id();
    }

    private static String safeName(String challengeName) {
        if (challengeName == null) {
            return "a round without a name";
        }
        return challengeName.matches("[A-Z_]{1,40}") ? challengeName : "an unknown challenge";
    }
}
