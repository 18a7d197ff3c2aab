package com.example.factor;

import dev.stepwise.core.CheckContext;
import dev.stepwise.core.EnrolmentContext;
import dev.stepwise.core.FactorHandler;
import dev.stepwise.core.FactorKeys;
import dev.stepwise.core.PresentContext;
import dev.stepwise.core.Presentation;
import dev.stepwise.core.StateItem;
import dev.stepwise.core.StateKeys;
import dev.stepwise.core.VerifyResult;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An example of a team's own factor: a security question. The user's question and a keyed hash of the normalised
 * answer live in the state table (see {@link #enrolment}); the challenge shows the question in the public parameter
 * {@value #QUESTION}; the answer is checked in constant time. An unknown user is shown a question picked from
 * {@link #DECOY_QUESTIONS} by a keyed hash of the username, so the same name always sees the same question.
 *
 * <p>Register it with {@code STEPWISE_CUSTOM_FACTORS=com.example.factor.SecurityQuestionFactor} and use
 * {@value #ID} in a policy, e.g. {@code STEPWISE_POLICY="security_question > email_code"}. A security question is a
 * weak factor on its own; it shows the SPI, not a recommendation.
 */
public final class SecurityQuestionFactor implements FactorHandler {
    /** The factor's id in policies and in the contract's {@code factor} key. */
    public static final String ID = "security_question";
    /** The public parameter that carries the question. */
    public static final String QUESTION = "question";

    static final String SORT_KEY = "security-question";
    static final List<String> DECOY_QUESTIONS = List.of(
            "What was the name of your first school?",
            "In which city were you born?",
            "What was the make of your first car?",
            "What is your oldest cousin's first name?");

    /** The public no-arg constructor that {@code STEPWISE_CUSTOM_FACTORS} needs. */
    public SecurityQuestionFactor() {}

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String stepName() {
        return "CONFIRM_SIGN_IN_WITH_SECURITY_QUESTION";
    }

    @Override
    public boolean needsState() {
        return true;
    }

    @Override
    public boolean usable(EnrolmentContext context) {
        return stored(context.state().get(pk(context.userPoolId(), context.userName()), SORT_KEY, context.now()))
                .isPresent();
    }

    @Override
    public Presentation present(PresentContext context) {
        Optional<StateItem> item =
                stored(context.state().get(pk(context.userPoolId(), context.userName()), SORT_KEY, context.now()));
        String question = context.userNotFound() || item.isEmpty()
                ? decoyQuestion(context.keys(), context.userPoolId(), context.userName())
                : item.get().attribute("question");
        return Presentation.of(Map.of(QUESTION, question), "");
    }

    @Override
    public VerifyResult check(CheckContext context) {
        if (!context.now().isBefore(context.expiresAt())) {
            return VerifyResult.wrong("question expired");
        }
        Optional<StateItem> item =
                stored(context.state().get(pk(context.userPoolId(), context.userName()), SORT_KEY, context.now()));
        String expected = item.map(i -> i.attribute("answerHash")).orElse("");
        // The hash is computed even without a stored answer, so an unknown user's check takes as long.
        boolean right = context.keys()
                .matches(expected, "answer", context.userPoolId(), context.userName(), normalise(context.answer()));
        return right && item.isPresent() ? VerifyResult.right() : VerifyResult.wrong("wrong answer");
    }

    /**
     * The state item that enrols {@code userName} with {@code question} and {@code answer}: what a team's own
     * signed-in settings page (or a test) writes to the state table.
     *
     * @param keys this factor's keys, {@code FactorKeys.of(stepwiseKeys, SecurityQuestionFactor.ID)}
     */
    public static StateItem enrolment(
            FactorKeys keys, String userPoolId, String userName, String question, String answer) {
        return new StateItem(
                pk(userPoolId, userName),
                SORT_KEY,
                Map.of(
                        "question",
                        question,
                        "answerHash",
                        keys.hash("answer", userPoolId, userName, normalise(answer))),
                null);
    }

    private static Optional<StateItem> stored(Optional<StateItem> item) {
        return item.filter(i -> i.attribute("question") != null && i.attribute("answerHash") != null);
    }

    private static String pk(String userPoolId, String userName) {
        return StateKeys.user(userPoolId, userName);
    }

    private static String decoyQuestion(FactorKeys keys, String userPoolId, String userName) {
        String hash = keys.hash("decoy-question", userPoolId, userName);
        return DECOY_QUESTIONS.get(Math.floorMod(hash.hashCode(), DECOY_QUESTIONS.size()));
    }

    /** Case, accents and inner blanks do not matter: "  São  Paulo" answers "sao paulo". */
    static String normalise(String answer) {
        String folded = Normalizer.normalize(answer, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return folded.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
