package dev.stepwise.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.core.DeliveryException;
import dev.stepwise.core.SignInRefusedException;
import dev.stepwise.lambda.FuzzEvents.Identity;
import dev.stepwise.lambda.FuzzEvents.Round;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Generators shared by the handler fuzz tests: random JSON, corruptions of valid events, forged histories. */
final class FuzzArbitraries {
    static final List<String> TRIGGERS = List.of(
            "DefineAuthChallenge_Authentication",
            "CreateAuthChallenge_Authentication",
            "VerifyAuthChallengeResponse_Authentication",
            "VerifyAuthChallenge_Authentication",
            "PreAuthentication_Authentication",
            "");
    static final List<String> CHALLENGE_NAMES = List.of(
            "CUSTOM_CHALLENGE",
            "SRP_A",
            "PASSWORD_VERIFIER",
            "SMS_MFA",
            "EMAIL_OTP",
            "SOFTWARE_TOKEN_MFA",
            "DEVICE_SRP_AUTH",
            "ADMIN_NO_SRP_AUTH",
            "custom_challenge",
            "");
    private static final List<String> KEYS = List.of(
            "version",
            "triggerSource",
            "region",
            "userPoolId",
            "userName",
            "callerContext",
            "clientId",
            "awsSdkVersion",
            "request",
            "response",
            "userAttributes",
            "email",
            "email_verified",
            "phone_number",
            "phone_number_verified",
            "session",
            "challengeName",
            "challengeResult",
            "challengeMetadata",
            "clientMetadata",
            "userNotFound",
            "privateChallengeParameters",
            "publicChallengeParameters",
            "challengeAnswer",
            "challenge",
            "answerCorrect",
            "issueTokens",
            "failAuthentication");

    private FuzzArbitraries() {}

    /** What goes wrong around one invocation. */
    enum Fault {
        NONE,
        STATE_TABLE_DOWN,
        SENDER_REFUSES,
        SENDER_THROTTLED
    }

    /** Mostly nothing; a failing state table in 3 of 100 calls, a failing sender in 2 (the only edge case: nothing). */
    static Arbitrary<Fault> faults() {
        return Arbitraries.frequencyOf(
                        Tuple.of(95, Arbitraries.just(Fault.NONE)),
                        Tuple.of(3, Arbitraries.just(Fault.STATE_TABLE_DOWN)),
                        Tuple.of(1, Arbitraries.just(Fault.SENDER_REFUSES)),
                        Tuple.of(1, Arbitraries.just(Fault.SENDER_THROTTLED)))
                .edgeCases(edgeCases -> edgeCases.includeOnly(Fault.NONE));
    }

    /** Whether the abuse controls' contract allows a handler to throw {@code e}. */
    /**
     * Whether a handler may throw {@code e}: only what a user may read, that is an abuse control's refusal, a failed
     * send's fixed text, or the one fixed text for every other error.
     */
    static boolean documented(Throwable e) {
        return e instanceof SignInRefusedException
                || (e instanceof DeliveryException
                        && (DeliveryException.TRY_AGAIN.equals(e.getMessage())
                                || DeliveryException.REFUSED.equals(e.getMessage())))
                || (e instanceof SignInFailedException && SignInFailedException.MESSAGE.equals(e.getMessage()));
    }

    static Arbitrary<String> strings() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.strings().all().ofMaxLength(24)),
                Tuple.of(
                        2,
                        Arbitraries.strings()
                                .alpha()
                                .numeric()
                                .withChars("_-.+@|=:")
                                .ofMaxLength(40)),
                Tuple.of(1, Arbitraries.strings().numeric().ofMinLength(4).ofMaxLength(10)),
                Tuple.of(1, Arbitraries.of("", " ", "null", "true", "\u0000", "\uD83D\uDE00", "e\u0301", "\u202E")));
    }

    /** Strings from 10,000 to 200,000 characters, some of them multi-byte or surrogate pairs. */
    static Arbitrary<String> huge() {
        return Combinators.combine(
                        Arbitraries.of("7", "a", "\u00e9", "\uD83D\uDE00", "\u0000", "token=", "0123456789"),
                        Arbitraries.integers().between(10_000, 200_000))
                .as((unit, length) -> unit.repeat(Math.max(1, length / unit.length())));
    }

    static Arbitrary<JsonNode> leaves() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(FuzzEvents.JSON.nullNode())),
                Tuple.of(6, Arbitraries.of(true, false).map(FuzzEvents.JSON::booleanNode)),
                Tuple.of(6, Arbitraries.longs().map(FuzzEvents.JSON::numberNode)),
                Tuple.of(6, Arbitraries.doubles().map(FuzzEvents.JSON::numberNode)),
                Tuple.of(24, strings().map(FuzzEvents.JSON::textNode)),
                Tuple.of(1, huge().map(FuzzEvents.JSON::textNode)));
    }

    /** Any JSON value up to {@code depth} levels of arrays and objects, keys mostly from the events' vocabulary. */
    static Arbitrary<JsonNode> values(int depth) {
        if (depth == 0) {
            return leaves();
        }
        Arbitrary<JsonNode> inner = Arbitraries.lazy(() -> values(depth - 1));
        Arbitrary<String> keys = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(KEYS)), Tuple.of(1, strings()));
        Arbitrary<JsonNode> arrays = inner.list().ofMaxSize(4).map(items -> {
            ArrayNode array = FuzzEvents.JSON.arrayNode();
            items.forEach(array::add);
            return array;
        });
        Arbitrary<JsonNode> objects = Combinators.combine(keys, inner)
                .as(Tuple::of)
                .list()
                .ofMaxSize(5)
                .map(pairs -> {
                    ObjectNode object = FuzzEvents.JSON.objectNode();
                    pairs.forEach(pair -> object.set(pair.get1(), pair.get2()));
                    return object;
                });
        return Arbitraries.frequencyOf(Tuple.of(3, leaves()), Tuple.of(1, arrays), Tuple.of(2, objects));
    }

    /** Events with the right top-level keys and random values, most with a request object of random content. */
    static Arbitrary<JsonNode> randomEvents() {
        Arbitrary<JsonNode> triggers = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(TRIGGERS).map(FuzzEvents.JSON::textNode)), Tuple.of(1, values(1)));
        Arbitrary<JsonNode> requests =
                Arbitraries.frequencyOf(Tuple.of(4, values(3).filter(JsonNode::isObject)), Tuple.of(1, values(2)));
        Arbitrary<JsonNode> maybe = values(2).injectNull(0.3);
        return Combinators.combine(
                        triggers.injectNull(0.1),
                        maybe,
                        maybe,
                        Combinators.combine(values(0), values(2)).as(Tuple::of).injectNull(0.2),
                        requests.injectNull(0.1),
                        maybe)
                .as((trigger, pool, user, caller, request, response) -> {
                    ObjectNode event = FuzzEvents.JSON.objectNode();
                    event.put("version", "1");
                    putIfPresent(event, "triggerSource", trigger);
                    putIfPresent(event, "userPoolId", pool);
                    putIfPresent(event, "userName", user);
                    if (caller != null) {
                        event.putObject("callerContext").set("clientId", caller.get1());
                    }
                    putIfPresent(event, "request", request);
                    putIfPresent(event, "response", response);
                    return event;
                });
    }

    private static void putIfPresent(ObjectNode event, String key, JsonNode value) {
        if (value != null) {
            event.set(key, value);
        }
    }

    /**
     * One change to a valid event: pick a container node (by index, modulo their count), then a member of it (modulo its
     * size; past the end means a new key), then remove it or put a random value there.
     */
    record Corruption(int node, int member, boolean remove, JsonNode value) {
        void applyTo(JsonNode event) {
            List<JsonNode> containers = new ArrayList<>();
            collect(event, containers);
            JsonNode target = containers.get(Math.floorMod(node, containers.size()));
            if (target instanceof ObjectNode object) {
                List<String> names = new ArrayList<>();
                object.fieldNames().forEachRemaining(names::add);
                int index = Math.floorMod(member, names.size() + 1);
                String name = index < names.size() ? names.get(index) : KEYS.get(Math.floorMod(member, KEYS.size()));
                if (remove) {
                    object.remove(name);
                } else {
                    object.set(name, value);
                }
            } else if (target instanceof ArrayNode array) {
                if (array.isEmpty() || !remove && member % 3 == 0) {
                    array.add(value);
                } else {
                    int index = Math.floorMod(member, array.size());
                    if (remove) {
                        array.remove(index);
                    } else {
                        array.set(index, value);
                    }
                }
            }
        }

        private static void collect(JsonNode node, List<JsonNode> containers) {
            if (node.isContainerNode()) {
                containers.add(node);
                for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                    collect(it.next(), containers);
                }
            }
        }
    }

    static Arbitrary<List<Corruption>> corruptions() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 40),
                        Arbitraries.integers().between(0, 40),
                        Arbitraries.of(true, false),
                        values(2))
                .as(Corruption::new)
                .list()
                .ofMinSize(1)
                .ofMaxSize(4);
    }

    /** What a forged history does to a genuine one. */
    enum EditKind {
        DROP,
        DUPLICATE,
        SWAP,
        FLIP_RESULT,
        REPLACE_WITH_OTHER,
        INSERT_OTHER,
        APPEND_OTHER,
        TAMPER_METADATA,
        TRUNCATE_METADATA,
        NULL_METADATA,
        RENAME,
        INSERT_SRP,
        KEEP_PREFIX,
        SPLICE_SAME_USER
    }

    record Edit(EditKind kind, int position, int other, int detail) {
        List<Round> applyTo(List<Round> rounds, GenuineSignIns genuine) {
            List<Round> history = new ArrayList<>(rounds);
            int size = history.size();
            int at = size == 0 ? 0 : Math.floorMod(position, size);
            List<GenuineSignIns.Challenge> all = genuine.challenges;
            GenuineSignIns.Challenge challenge = all.get(Math.floorMod(other, all.size()));
            Round foreign = new Round("CUSTOM_CHALLENGE", detail % 2 == 0, challenge.metadata());
            switch (kind) {
                case DROP -> {
                    if (size > 0) {
                        history.remove(at);
                    }
                }
                case DUPLICATE -> {
                    if (size > 0) {
                        history.add(at, history.get(at));
                    }
                }
                case SWAP -> {
                    if (size > 1) {
                        int with = Math.floorMod(detail, size);
                        Round moved = history.get(at);
                        history.set(at, history.get(with));
                        history.set(with, moved);
                    }
                }
                case FLIP_RESULT -> {
                    if (size > 0) {
                        Round round = history.get(at);
                        history.set(at, new Round(round.challengeName(), !round.passed(), round.metadata()));
                    }
                }
                case REPLACE_WITH_OTHER -> {
                    if (size > 0) {
                        history.set(at, foreign);
                    }
                }
                case INSERT_OTHER -> history.add(at, foreign);
                case APPEND_OTHER -> history.add(foreign);
                case TAMPER_METADATA, TRUNCATE_METADATA, NULL_METADATA -> {
                    if (size > 0) {
                        Round round = history.get(at);
                        history.set(at, new Round(round.challengeName(), round.passed(), tamper(round.metadata())));
                    }
                }
                case RENAME -> {
                    if (size > 0) {
                        Round round = history.get(at);
                        String name = CHALLENGE_NAMES.get(Math.floorMod(detail, CHALLENGE_NAMES.size()));
                        history.set(at, new Round(detail % 11 == 0 ? null : name, round.passed(), round.metadata()));
                    }
                }
                case INSERT_SRP -> history.add(
                        at, new Round(detail % 2 == 0 ? "SRP_A" : "PASSWORD_VERIFIER", detail % 3 != 0, null));
                case KEEP_PREFIX -> {
                    while (history.size() > at) {
                        history.remove(history.size() - 1);
                    }
                }
                case SPLICE_SAME_USER -> {
                    return splice(history, genuine);
                }
            }
            return history;
        }

        /** This history up to a point, then another sign-in of the same user from that point on. */
        private List<Round> splice(List<Round> history, GenuineSignIns genuine) {
            GenuineSignIns.Challenge own = history.stream()
                    .map(round -> genuine.byMetadata.get(round.metadata()))
                    .filter(Objects::nonNull)
                    .findFirst()
                    .orElse(null);
            if (own == null) {
                return history;
            }
            List<GenuineSignIns.SignIn> sameUser = genuine.signIns.stream()
                    .filter(s -> s.identity().equals(own.identity())
                            && s.client().equals(own.client())
                            && s.id() != own.signIn())
                    .toList();
            if (sameUser.isEmpty()) {
                return history;
            }
            List<Round> other =
                    sameUser.get(Math.floorMod(other(), sameUser.size())).rounds();
            int cut = Math.floorMod(detail, Math.max(history.size(), 1) + 1);
            List<Round> spliced = new ArrayList<>(history.subList(0, Math.min(cut, history.size())));
            if (cut < other.size()) {
                spliced.addAll(other.subList(cut, other.size()));
            }
            return spliced;
        }

        private String tamper(String metadata) {
            if (kind == EditKind.NULL_METADATA || metadata == null || metadata.isEmpty()) {
                return detail % 2 == 0 ? null : "";
            }
            if (kind == EditKind.TRUNCATE_METADATA) {
                return metadata.substring(0, Math.floorMod(detail, metadata.length()));
            }
            int index = Math.floorMod(detail, metadata.length());
            char c = metadata.charAt(index);
            char replacement = c == 'A' ? 'B' : c == '.' ? '_' : 'A';
            return metadata.substring(0, index) + replacement + metadata.substring(index + 1);
        }
    }

    static Arbitrary<List<Edit>> edits() {
        return Combinators.combine(
                        Arbitraries.of(EditKind.class),
                        Arbitraries.integers().between(0, 20),
                        Arbitraries.integers().between(0, 1000),
                        Arbitraries.integers().between(0, 1000))
                .as(Edit::new)
                .list()
                .ofMaxSize(4);
    }

    /** The sign-in's own user mostly; else a known other, an unknown name, a pool mix-up or a flipped flag. */
    static Arbitrary<Identity> identities(Identity own) {
        return Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.just(own)),
                Tuple.of(4, Arbitraries.of(GenuineSignIns.IDENTITIES)),
                Tuple.of(1, strings().map(user -> new Identity(own.pool(), user, own.attributes(), own.notFound()))),
                Tuple.of(1, strings().map(pool -> new Identity(pool, own.user(), own.attributes(), own.notFound()))),
                Tuple.of(1, Arbitraries.just(new Identity(own.pool(), own.user(), own.attributes(), !own.notFound()))),
                Tuple.of(1, Arbitraries.just(new Identity(own.pool(), own.user(), Map.of(), own.notFound()))),
                Tuple.of(
                        1,
                        Arbitraries.just(new Identity(
                                own.pool(), own.user().toUpperCase(Locale.ROOT), own.attributes(), own.notFound()))));
    }

    static Arbitrary<String> clients(String own) {
        List<String> known = new ArrayList<>(GenuineSignIns.CLIENT_POLICIES.keySet());
        known.add("web");
        return Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.just(own)),
                Tuple.of(4, Arbitraries.of(known)),
                Tuple.of(1, Arbitraries.just((String) null)),
                Tuple.of(1, strings()));
    }
}
