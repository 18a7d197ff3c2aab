package dev.stepwise.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolVerifyAuthChallengeResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.lambda.FuzzArbitraries.Corruption;
import dev.stepwise.lambda.FuzzArbitraries.Fault;
import dev.stepwise.lambda.FuzzEvents.Identity;
import dev.stepwise.lambda.GenuineSignIns.Challenge;
import dev.stepwise.lambda.HandlerRig.Invocation;
import dev.stepwise.lambda.HandlerRig.Trigger;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

@Tag("slow")
class VerifyAuthChallengeFuzzTest {
    private static final GenuineSignIns GENUINE = new GenuineSignIns();
    private static final HandlerRig GUARDED =
            HandlerRig.create(GenuineSignIns.SETTINGS_WITH_ABUSE_CONTROLS, GENUINE.rig.state);

    /** How the fuzzed answer relates to the challenge's right answer at the time of the call. */
    enum AnswerKind {
        RIGHT,
        RIGHT_PADDED,
        RIGHT_UPPER_CASE,
        RIGHT_EXTENDED,
        RIGHT_TRUNCATED,
        RIGHT_NON_ASCII_DIGITS,
        OTHER_CHALLENGES,
        RANDOM,
        NONE
    }

    /** How the private challenge parameters relate to the challenge's own. */
    enum ParametersKind {
        OWN,
        OTHER_CHALLENGES,
        TAMPERED,
        TRUNCATED,
        NULL_VALUES,
        EXTRA_KEYS,
        EMPTY,
        MISSING
    }

    /**
     * A fuzzed Verify call.
     *
     * @param seconds when it happens, in seconds after the challenge was made
     * @param corruptions changes to the event, or empty
     */
    record Case(
            Challenge challenge,
            Identity identity,
            String client,
            ParametersKind parameters,
            AnswerKind answer,
            String random,
            Challenge other,
            int seconds,
            List<Corruption> corruptions) {}

    @Property(tries = 10_800)
    void handleRequest_anyEvent_documentedExceptionsOnlyAndCorrectOnlyForTheRightAnswer(
            @ForAll("calls") Case call, @ForAll("faults") Fault fault, @ForAll boolean abuseControls) {
        HandlerRig rig = abuseControls ? GUARDED : GENUINE.rig;
        Instant now = call.challenge().createdAt().plusSeconds(call.seconds());
        rig.now = now;
        rig.logLines.clear();
        String answer = answer(call, now);
        JsonNode event = FuzzEvents.verify(call.identity(), call.client(), parameters(call), answer);
        call.corruptions().forEach(corruption -> corruption.applyTo(event));
        rig.memory().failing(fault == Fault.STATE_TABLE_DOWN);
        Invocation invocation;
        try {
            invocation = rig.invoke(Trigger.VERIFY, event.toString());
        } finally {
            rig.memory().failing(false);
        }
        Statistics.label("private parameters")
                .collect(call.corruptions().isEmpty() ? call.parameters() : "corrupted event");
        Statistics.label("answer").collect(call.answer());
        if (invocation.event() == null) {
            Statistics.label("outcome").collect("refused as unreadable");
        }
        Assume.that(invocation.event() != null);
        CognitoUserPoolVerifyAuthChallengeResponseEvent received =
                (CognitoUserPoolVerifyAuthChallengeResponseEvent) invocation.event();
        JsonNode line = FuzzChecks.assertOneLogLine(invocation);
        String rightAnswer = GENUINE.answerAt(call.challenge(), now);
        if (rightAnswer != null && rightAnswer.length() >= 6) {
            assertThat(line.toString()).as("the log line quotes the answer").doesNotContain(rightAnswer);
        }
        String outcome;
        if (invocation.thrown() != null) {
            FuzzChecks.assertDocumented(invocation.thrown());
            outcome = "threw " + invocation.thrown().getClass().getSimpleName();
        } else if (received.getResponse().getAnswerCorrect() && decoyChoice(received) != null) {
            Challenge choice = decoyChoice(received);
            assertThat(choice.publicParameters().get("options").split(","))
                    .as("a choice passes only when it is one of the options")
                    .contains(received.getRequest().getChallengeAnswer().strip());
            outcome = "correct (a choice, for the name the round was made for)";
        } else if (received.getResponse().getAnswerCorrect()) {
            Challenge answered = genuineChallengeFor(received);
            String given = received.getRequest().getChallengeAnswer();
            assertThat(answered)
                    .as("answerCorrect for private parameters that no genuine challenge of this user has")
                    .isNotNull();
            assertThat(answered.acceptor().accepts(given, now))
                    .as("answerCorrect for an answer that is not right for the %s challenge", answered.kind())
                    .isTrue();
            GENUINE.accepted(answered, given);
            outcome = "correct (" + answered.kind() + ")";
        } else if (checkedForUnknownUser(received, now) != null) {
            // An unknown user's answer goes through the same checks as a real one's before it is refused, so a right
            // code sent with a real user's challenge under that user's name, in an event that says the user does not
            // exist, is used up like any checked code.
            GENUINE.accepted(
                    checkedForUnknownUser(received, now), received.getRequest().getChallengeAnswer());
            outcome = "wrong (an unknown user's right answer, checked)";
        } else {
            assertThat(plainRightAnswer(call, fault))
                    .as("the right code or choice, in time, for the user's own challenge, answered wrong")
                    .isFalse();
            outcome = "wrong";
        }
        Statistics.label("outcome").collect(outcome);
        Statistics.label("abuse controls").collect(abuseControls ? "on" : "off");
    }

    /**
     * A call that must be answered correct: a stateless code or a choice, answered right, in time, unchanged, and for a
     * code one that was not accepted before (a code works once).
     */
    private static boolean plainRightAnswer(Case call, Fault fault) {
        Challenge challenge = call.challenge();
        return Set.of("email_code", "phone_code", "choice").contains(challenge.kind())
                && call.answer() == AnswerKind.RIGHT
                && call.parameters() == ParametersKind.OWN
                && call.corruptions().isEmpty()
                && fault == Fault.NONE
                && !challenge.identity().notFound()
                && call.identity().pool().equals(challenge.identity().pool())
                && call.identity().user().equals(challenge.identity().user())
                && !call.identity().notFound()
                && call.seconds() >= 0
                && call.seconds() < 300
                && !GENUINE.used(challenge, challenge.answer());
    }

    /**
     * The selection round these private parameters belong to, when it was made for the event's pool and user name: a
     * valid choice passes there whether or not the event says the user exists (a choice is no secret), so that an
     * unknown user's decoy walks on to a challenge as a real user's sign-in does.
     */
    private static Challenge decoyChoice(CognitoUserPoolVerifyAuthChallengeResponseEvent event) {
        Map<String, String> parameters = event.getRequest().getPrivateChallengeParameters();
        Challenge challenge = parameters == null ? null : GENUINE.byMetadata.get(parameters.get("challenge"));
        if (challenge == null
                || !challenge.kind().equals("choice")
                || !challenge.identity().pool().equals(event.getUserPoolId())
                || !challenge.identity().user().equals(event.getUserName())) {
            return null;
        }
        return challenge;
    }

    /**
     * The genuine challenge whose right answer, in time, this event carries under the challenge's own pool and user
     * name while saying that the user does not exist: Verify checks such an answer, and so uses the code up, before
     * it refuses it.
     */
    private static Challenge checkedForUnknownUser(CognitoUserPoolVerifyAuthChallengeResponseEvent event, Instant now) {
        CognitoUserPoolVerifyAuthChallengeResponseEvent.Request request = event.getRequest();
        Map<String, String> parameters = request.getPrivateChallengeParameters();
        Challenge challenge = parameters == null ? null : GENUINE.byMetadata.get(parameters.get("challenge"));
        if (challenge == null
                || !Set.of("email_code", "phone_code").contains(challenge.kind())
                || !request.getUserNotFound()
                || challenge.identity().notFound()
                || !challenge.identity().pool().equals(event.getUserPoolId())
                || !challenge.identity().user().equals(event.getUserName())
                || request.getChallengeAnswer() == null
                || !challenge.acceptor().accepts(request.getChallengeAnswer(), now)) {
            return null;
        }
        return challenge;
    }

    private static Challenge genuineChallengeFor(CognitoUserPoolVerifyAuthChallengeResponseEvent event) {
        CognitoUserPoolVerifyAuthChallengeResponseEvent.Request request = event.getRequest();
        Map<String, String> parameters = request.getPrivateChallengeParameters();
        if (request.getUserNotFound() || parameters == null) {
            return null;
        }
        Challenge challenge = GENUINE.byMetadata.get(parameters.get("challenge"));
        if (challenge == null
                || !challenge.identity().pool().equals(event.getUserPoolId())
                || !challenge.identity().user().equals(event.getUserName())
                || challenge.identity().notFound()) {
            return null;
        }
        return challenge;
    }

    private static String answer(Case call, Instant now) {
        String right = GENUINE.answerAt(call.challenge(), now);
        if (right == null && call.answer().ordinal() <= AnswerKind.RIGHT_NON_ASCII_DIGITS.ordinal()) {
            return call.random();
        }
        return switch (call.answer()) {
            case RIGHT -> right;
            case RIGHT_PADDED -> " \t" + right + "\n";
            case RIGHT_UPPER_CASE -> right.toUpperCase(Locale.ROOT);
            case RIGHT_EXTENDED -> right + call.random();
            case RIGHT_TRUNCATED -> right.substring(0, right.length() - 1);
            case RIGHT_NON_ASCII_DIGITS -> right.chars()
                    .map(c -> c >= '0' && c <= '9' ? c - '0' + '\u0660' : c)
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                    .toString();
            case OTHER_CHALLENGES -> GENUINE.answerAt(call.other(), now);
            case RANDOM -> call.random();
            case NONE -> null;
        };
    }

    private static Map<String, String> parameters(Case call) {
        Map<String, String> own = call.challenge().privateParameters();
        String sealed = own.get("challenge");
        Map<String, String> parameters = new HashMap<>(own);
        switch (call.parameters()) {
            case OWN -> {}
            case OTHER_CHALLENGES -> {
                parameters.clear();
                parameters.putAll(call.other().privateParameters());
            }
            case TAMPERED -> {
                int at = Math.floorMod(call.random().hashCode(), sealed.length());
                char c = sealed.charAt(at);
                parameters.put(
                        "challenge", sealed.substring(0, at) + (c == 'A' ? 'B' : 'A') + sealed.substring(at + 1));
            }
            case TRUNCATED -> parameters.put("challenge", sealed.substring(0, sealed.length() / 2));
            case NULL_VALUES -> {
                parameters.put("challenge", null);
                parameters.put(call.random(), null);
            }
            case EXTRA_KEYS -> parameters.put(call.random(), call.random());
            case EMPTY -> parameters.clear();
            case MISSING -> {
                return null;
            }
        }
        return parameters;
    }

    @Provide
    Arbitrary<Case> calls() {
        Arbitrary<Challenge> challenges = Arbitraries.of(GENUINE.challenges);
        Arbitrary<List<Corruption>> corruptions = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(List.of())), Tuple.of(1, FuzzArbitraries.corruptions()));
        return challenges.flatMap(challenge -> Combinators.combine(
                        FuzzArbitraries.identities(challenge.identity()),
                        FuzzArbitraries.clients(challenge.client()),
                        Arbitraries.frequencyOf(
                                Tuple.of(8, Arbitraries.just(ParametersKind.OWN)),
                                Tuple.of(1, Arbitraries.of(ParametersKind.class))),
                        Arbitraries.frequencyOf(
                                Tuple.of(6, Arbitraries.just(AnswerKind.RIGHT)),
                                Tuple.of(6, Arbitraries.of(AnswerKind.class))),
                        FuzzArbitraries.strings().filter(s -> s != null),
                        challenges,
                        Arbitraries.frequencyOf(
                                Tuple.of(6, Arbitraries.integers().between(0, 299)),
                                Tuple.of(1, Arbitraries.integers().between(-60, 1200))),
                        corruptions)
                .as((identity, client, parameters, answer, random, other, seconds, changes) ->
                        new Case(challenge, identity, client, parameters, answer, random, other, seconds, changes)));
    }

    @Provide
    Arbitrary<Fault> faults() {
        return FuzzArbitraries.faults();
    }
}
