package dev.stepwise.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.lambda.FuzzArbitraries.Corruption;
import dev.stepwise.lambda.FuzzArbitraries.Edit;
import dev.stepwise.lambda.FuzzEvents.Round;
import dev.stepwise.lambda.GenuineSignIns.Challenge;
import dev.stepwise.lambda.GenuineSignIns.SignIn;
import dev.stepwise.lambda.HandlerRig.Trigger;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Define and Create events over genuine, forged, random and corrupted histories. */
final class SignInCases {
    /**
     * A fuzzed Define or Create event.
     *
     * @param label what kind of input it is, for the statistics
     * @param replays the genuine sign-in whose exact history, user and client the event carries, or {@code null}
     * @param createdThere whether the genuine sign-in called Create with exactly this event's history
     */
    record Case(String label, String json, SignIn replays, boolean createdThere) {
        Case(String label, String json, SignIn replays) {
            this(label, json, replays, false);
        }
    }

    private SignInCases() {}

    static Arbitrary<Case> events(GenuineSignIns genuine, Trigger trigger) {
        return Arbitraries.frequencyOf(
                Tuple.of(2, replays(genuine, trigger)),
                Tuple.of(10, forged(genuine, trigger)),
                Tuple.of(2, spliced(genuine, trigger)),
                Tuple.of(2, randomRounds(genuine, trigger)),
                Tuple.of(3, corrupted(genuine, trigger)),
                Tuple.of(
                        2, FuzzArbitraries.randomEvents().map(json -> new Case("random JSON", json.toString(), null))));
    }

    private static Arbitrary<Case> replays(GenuineSignIns genuine, Trigger trigger) {
        return Arbitraries.of(genuine.signIns).flatMap(signIn -> Arbitraries.integers()
                .between(0, signIn.entries().size())
                .map(length -> {
                    List<Round> rounds = signIn.rounds();
                    boolean whole = trigger == Trigger.DEFINE || length == rounds.size();
                    List<Round> prefix = trigger == Trigger.DEFINE ? rounds : rounds.subList(0, length);
                    boolean createdThere = trigger == Trigger.CREATE
                            && length < rounds.size()
                            && signIn.entries().get(length).challenge() != null;
                    return new Case(
                            createdThere ? "genuine history where Create made a challenge" : "genuine history",
                            FuzzEvents.signIn(trigger, signIn.identity(), signIn.client(), prefix)
                                    .toString(),
                            whole ? signIn : null,
                            createdThere);
                }));
    }

    private static Arbitrary<Case> forged(GenuineSignIns genuine, Trigger trigger) {
        return Arbitraries.of(genuine.signIns).flatMap(signIn -> Combinators.combine(
                        FuzzArbitraries.identities(signIn.identity()),
                        FuzzArbitraries.clients(signIn.client()),
                        FuzzArbitraries.edits())
                .as((identity, client, edits) -> {
                    List<Round> rounds = signIn.rounds();
                    for (Edit edit : edits) {
                        rounds = edit.applyTo(rounds, genuine);
                    }
                    return new Case(
                            "forged history",
                            FuzzEvents.signIn(trigger, identity, client, rounds).toString(),
                            null);
                }));
    }

    /** The start of one genuine sign-in and the rest of another by the same user through the same client. */
    private static Arbitrary<Case> spliced(GenuineSignIns genuine, Trigger trigger) {
        List<Tuple.Tuple2<SignIn, SignIn>> pairs = genuine.signIns.stream()
                .flatMap(first -> genuine.signIns.stream()
                        .filter(second -> second != first
                                && second.identity().equals(first.identity())
                                && second.client().equals(first.client()))
                        .map(second -> Tuple.of(first, second)))
                .toList();
        return Combinators.combine(Arbitraries.of(pairs), Arbitraries.integers().between(0, 6))
                .as((pair, cut) -> {
                    List<Round> first = pair.get1().rounds();
                    List<Round> second = pair.get2().rounds();
                    List<Round> rounds = new ArrayList<>(first.subList(0, Math.min(cut, first.size())));
                    rounds.addAll(second.subList(Math.min(cut, second.size()), second.size()));
                    return new Case(
                            "spliced history",
                            FuzzEvents.signIn(
                                            trigger,
                                            pair.get1().identity(),
                                            pair.get1().client(),
                                            rounds)
                                    .toString(),
                            null);
                });
    }

    private static Arbitrary<Case> randomRounds(GenuineSignIns genuine, Trigger trigger) {
        Arbitrary<String> metadata = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(genuine.challenges).map(Challenge::metadata)),
                Tuple.of(1, Arbitraries.just((String) null)),
                Tuple.of(2, FuzzArbitraries.strings()));
        Arbitrary<Round> rounds = Combinators.combine(
                        Arbitraries.of(FuzzArbitraries.CHALLENGE_NAMES).injectNull(0.05),
                        Arbitraries.of(true, false),
                        metadata)
                .as(Round::new);
        return Combinators.combine(
                        Arbitraries.of(GenuineSignIns.IDENTITIES),
                        FuzzArbitraries.clients("pw"),
                        rounds.list().ofMaxSize(8))
                .as((identity, client, session) -> new Case(
                        "random rounds",
                        FuzzEvents.signIn(trigger, identity, client, session).toString(),
                        null));
    }

    private static Arbitrary<Case> corrupted(GenuineSignIns genuine, Trigger trigger) {
        return Combinators.combine(Arbitraries.of(genuine.signIns), FuzzArbitraries.corruptions())
                .as((signIn, corruptions) -> {
                    JsonNode event = FuzzEvents.signIn(trigger, signIn.identity(), signIn.client(), signIn.rounds());
                    for (Corruption corruption : corruptions) {
                        corruption.applyTo(event);
                    }
                    return new Case("corrupted event", event.toString(), null);
                });
    }
}
