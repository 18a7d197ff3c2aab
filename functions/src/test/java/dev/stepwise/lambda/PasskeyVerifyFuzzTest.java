package dev.stepwise.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolCreateAuthChallengeEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolVerifyAuthChallengeResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.core.AesGcmSecretBox;
import dev.stepwise.core.StepwiseKeys;
import dev.stepwise.core.passkey.PasskeyCheck;
import dev.stepwise.core.passkey.PasskeySettings;
import dev.stepwise.core.passkey.PasskeyStore;
import dev.stepwise.core.passkey.PasskeyVerifier;
import dev.stepwise.core.passkey.TestAuthenticator;
import dev.stepwise.lambda.FuzzEvents.Identity;
import dev.stepwise.lambda.HandlerRig.Invocation;
import dev.stepwise.lambda.HandlerRig.Trigger;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

class PasskeyVerifyFuzzTest {
    private static final String ORIGIN = "https://app.example.com";
    private static final Map<String, String> SETTINGS = Map.of(
            "STEPWISE_POLICY", "passkey",
            "STEPWISE_ABUSE_CONTROLS", "off",
            "STEPWISE_WEBAUTHN_RP_ID", "example.com",
            "STEPWISE_WEBAUTHN_ORIGINS", ORIGIN);
    private static final Identity ALICE = GenuineSignIns.ALICE;
    private static final Identity BOB = GenuineSignIns.BOB;
    private static final Identity NOBODY = GenuineSignIns.NOBODY;
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();

    private static final HandlerRig RIG = HandlerRig.create(SETTINGS);
    private static final TestAuthenticator AUTHENTICATOR = registered();

    /** What the fuzzed answer is, starting from the authenticator's genuine answer to the round. */
    enum Mutation {
        NONE,
        FLIP_CLIENT_DATA,
        FLIP_AUTHENTICATOR_DATA,
        FLIP_SIGNATURE,
        FLIP_CREDENTIAL_ID,
        DROP_SIGNATURE,
        TRUNCATED,
        OTHER_ROUNDS_ANSWER,
        RANDOM
    }

    /** Whose Verify it is. */
    enum Who {
        OWNER,
        OTHER_USER,
        UNKNOWN_USER
    }

    /** Which private parameters come with it. */
    enum Parameters {
        OWN,
        TAMPERED,
        OTHER_ROUNDS,
        MISSING
    }

    @Property(tries = 400)
    void verify_anyPasskeyAnswer_correctOnlyForTheOwnersUntouchedAnswerToItsRoundOnce(
            @ForAll Mutation mutation,
            @ForAll("who") Who who,
            @ForAll("parameters") Parameters parameters,
            @ForAll @IntRange(min = -5, max = 400) int seconds,
            @ForAll("noise") String noise,
            @ForAll @IntRange(min = 0, max = 10_000) int position) {
        Instant created = RIG.now.plusSeconds(3600);
        RIG.now = created;
        Round round = create();
        Round other = create();
        AUTHENTICATOR.count++;
        String genuine = AUTHENTICATOR.assertion(round.challenge(), null);
        AUTHENTICATOR.count++;
        String answer = mutate(mutation, genuine, AUTHENTICATOR.assertion(other.challenge(), null), noise, position);
        Map<String, String> privateParameters =
                switch (parameters) {
                    case OWN -> round.privateParameters();
                    case OTHER_ROUNDS -> other.privateParameters();
                    case MISSING -> Map.of();
                    case TAMPERED -> tampered(round.privateParameters(), position);
                };
        Identity identity =
                switch (who) {
                    case OWNER -> ALICE;
                    case OTHER_USER -> BOB;
                    case UNKNOWN_USER -> NOBODY;
                };
        RIG.now = created.plusSeconds(seconds);

        Invocation first = verify(identity, privateParameters, answer);
        Invocation replay = verify(identity, privateParameters, answer);

        boolean matchingPair = (mutation == Mutation.NONE && parameters == Parameters.OWN)
                || (mutation == Mutation.OTHER_ROUNDS_ANSWER && parameters == Parameters.OTHER_ROUNDS);
        boolean genuineInTime = matchingPair && who == Who.OWNER && seconds < 300;
        if (correct(first)) {
            assertThat(genuineInTime)
                    .as("%s answer by %s with %s parameters after %d s passed", mutation, who, parameters, seconds)
                    .isTrue();
        } else {
            assertThat(genuineInTime && seconds >= 0)
                    .as("the owner's untouched answer, in time, was refused")
                    .isFalse();
        }
        assertThat(correct(replay)).as("the same answer again").isFalse();
        Statistics.label("outcome").collect(correct(first) ? "correct" : "wrong");
        Statistics.label("mutation").collect(mutation);
    }

    @Provide
    Arbitrary<Who> who() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just(Who.OWNER)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Who.OTHER_USER)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Who.UNKNOWN_USER)));
    }

    @Provide
    Arbitrary<Parameters> parameters() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just(Parameters.OWN)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Parameters.TAMPERED)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Parameters.OTHER_ROUNDS)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Parameters.MISSING)));
    }

    @Provide
    Arbitrary<String> noise() {
        return FuzzArbitraries.strings();
    }

    private record Round(byte[] challenge, Map<String, String> privateParameters) {}

    private static Round create() {
        Invocation invocation = RIG.invoke(
                Trigger.CREATE,
                FuzzEvents.signIn(Trigger.CREATE, ALICE, "client1", List.of()).toString());
        assertThat(invocation.thrown()).isNull();
        CognitoUserPoolCreateAuthChallengeEvent.Response response =
                ((CognitoUserPoolCreateAuthChallengeEvent) invocation.event()).getResponse();
        JsonNode options =
                LambdaJson.tree(response.getPublicChallengeParameters().get("publicKeyOptions"));
        return new Round(
                B64URL_DECODER.decode(options.get("challenge").asText()),
                Map.copyOf(response.getPrivateChallengeParameters()));
    }

    private static Invocation verify(Identity identity, Map<String, String> privateParameters, String answer) {
        Invocation invocation = RIG.invoke(
                Trigger.VERIFY,
                FuzzEvents.verify(identity, "client1", privateParameters, answer)
                        .toString());
        if (invocation.thrown() != null) {
            FuzzChecks.assertDocumented(invocation.thrown());
        }
        FuzzChecks.assertOneLogLine(invocation);
        return invocation;
    }

    private static boolean correct(Invocation invocation) {
        return invocation.event() != null
                && invocation.thrown() == null
                && Boolean.TRUE.equals(((CognitoUserPoolVerifyAuthChallengeResponseEvent) invocation.event())
                        .getResponse()
                        .getAnswerCorrect());
    }

    private static String mutate(Mutation mutation, String genuine, String otherRounds, String noise, int position) {
        ObjectNode credential = (ObjectNode) LambdaJson.tree(genuine);
        ObjectNode response = (ObjectNode) credential.get("response");
        switch (mutation) {
            case NONE:
                return genuine;
            case FLIP_CLIENT_DATA:
                response.put(
                        "clientDataJSON", flip(response.get("clientDataJSON").asText(), position));
                break;
            case FLIP_AUTHENTICATOR_DATA:
                response.put(
                        "authenticatorData",
                        flip(response.get("authenticatorData").asText(), position));
                break;
            case FLIP_SIGNATURE:
                response.put("signature", flip(response.get("signature").asText(), position));
                break;
            case FLIP_CREDENTIAL_ID:
                String id = flip(credential.get("id").asText(), position);
                credential.put("id", id);
                credential.put("rawId", id);
                break;
            case DROP_SIGNATURE:
                response.remove("signature");
                break;
            case TRUNCATED:
                return genuine.substring(0, position % genuine.length());
            case OTHER_ROUNDS_ANSWER:
                return otherRounds;
            case RANDOM:
                return noise;
            default:
                throw new IllegalArgumentException(mutation.name());
        }
        return credential.toString();
    }

    private static String flip(String base64url, int position) {
        byte[] bytes = B64URL_DECODER.decode(base64url);
        bytes[position % bytes.length] ^= (byte) (1 << (position % 8));
        return B64URL.encodeToString(bytes);
    }

    private static Map<String, String> tampered(Map<String, String> parameters, int position) {
        Map<String, String> copy = new HashMap<>(parameters);
        String sealed = copy.get("challenge");
        char[] chars = sealed.toCharArray();
        int i = position % chars.length;
        chars[i] = chars[i] == 'A' ? 'B' : 'A';
        copy.put("challenge", new String(chars));
        return copy;
    }

    private static TestAuthenticator registered() {
        TestAuthenticator authenticator = new TestAuthenticator();
        authenticator.origin = ORIGIN;
        SecureRandom random = new SecureRandom();
        PasskeyStore store = new PasskeyStore(
                RIG.state, new AesGcmSecretBox(StepwiseKeys.fromBase64(HandlerRig.SECRET), random), random);
        byte[] challenge = new byte[32];
        random.nextBytes(challenge);
        Instant now = RIG.now;
        PasskeyCheck check = new PasskeyVerifier(PasskeySettings.of("example.com", "Example", List.of(ORIGIN)))
                .register(
                        store,
                        ALICE.pool(),
                        ALICE.user(),
                        challenge,
                        store.userHandle(ALICE.pool(), ALICE.user(), now),
                        now.plusSeconds(60),
                        authenticator.register(challenge),
                        now);
        assertThat(check.passed()).as(check.reason()).isTrue();
        return authenticator;
    }
}
