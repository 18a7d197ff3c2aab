package dev.stepwise.lambda;

import static dev.stepwise.lambda.LambdaJson.fixture;
import static dev.stepwise.lambda.LambdaJson.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolCreateAuthChallengeEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolDefineAuthChallengeEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolVerifyAuthChallengeResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The handlers read and write their events themselves (they are stream handlers): what they read must be what the
 * runtime's serializer would have handed them, and what they write must carry the response the runtime's serializer
 * would have written.
 */
class EventJsonTest {
    private static final Map<String, String> VALUES = Map.of(
            "correct", "true",
            "metadata", "email_code.0.1.abc",
            "passwordCorrect", "false",
            "userName", "alice",
            "challenge", "sealed",
            "answer", "123456",
            "userNotFound", "false");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "define_first_round.json",
                "define_after_code.json",
                "define_legacy_pool.json",
                "define_password_verified.json",
                "define_srp_a.json",
                "define_user_not_found.json",
                "bad/define_missing_email.json",
                "bad/define_missing_request.json",
                "bad/define_missing_user.json",
                "bad/define_null_session.json",
                "bad/define_wrong_trigger.json"
            })
    void define_readsTheBeanTheRuntimesSerializerWould(String name) {
        String json = fixture(name, VALUES);

        CognitoUserPoolDefineAuthChallengeEvent expected =
                LambdaJson.read(json, CognitoUserPoolDefineAuthChallengeEvent.class);
        expected.setResponse(null); // the response that came in is not read: the handler writes its own

        assertThat(EventJson.define(read(json))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "create_first_round.json",
                "create_after_password.json",
                "create_after_wrong_answer.json",
                "create_user_not_found.json",
                "bad/create_missing_email.json",
                "bad/create_missing_request.json",
                "bad/create_null_session.json",
                "bad/create_password_verifier.json",
                "bad/create_wrong_trigger.json"
            })
    void create_readsTheBeanTheRuntimesSerializerWould(String name) {
        String json = fixture(name, VALUES);

        CognitoUserPoolCreateAuthChallengeEvent expected =
                LambdaJson.read(json, CognitoUserPoolCreateAuthChallengeEvent.class);
        expected.setResponse(null); // the response that came in is not read: the handler writes its own

        assertThat(EventJson.create(read(json))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "verify_answer.json",
                "bad/verify_missing_request.json",
                "bad/verify_no_private_parameters.json",
                "bad/verify_wrong_trigger.json"
            })
    void verify_readsTheBeanTheRuntimesSerializerWould(String name) {
        String json = fixture(name, VALUES);

        CognitoUserPoolVerifyAuthChallengeResponseEvent expected =
                LambdaJson.read(json, CognitoUserPoolVerifyAuthChallengeResponseEvent.class);
        expected.setResponse(null); // the response that came in is not read: the handler writes its own

        assertThat(EventJson.verify(read(json))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "email_code            | define_first_round.json",
                "email_code            | define_srp_a.json",
                "password > email_code | define_srp_a.json",
                "password > email_code | define_password_verified.json",
                "email_code            | define_user_not_found.json",
                "email_code            | define_after_code.json"
            })
    void define_response_isWhatTheRuntimesSerializerWrites(String policy, String name) {
        String json = fixture(name, VALUES);

        JsonNode stream = tree(new HandlerRig(policy).call(HandlerRig.Trigger.DEFINE, json));
        JsonNode typed = tree(new HandlerRig(policy).callTyped(HandlerRig.Trigger.DEFINE, json));

        assertThat(stream.get("response")).isEqualTo(typed.get("response"));
    }

    @Test
    void create_response_hasTheFieldsTheRuntimesSerializerWrites() {
        String json = fixture("create_first_round.json", VALUES);

        JsonNode stream = tree(new HandlerRig("email_code").call(HandlerRig.Trigger.CREATE, json));
        JsonNode typed = tree(new HandlerRig("email_code").callTyped(HandlerRig.Trigger.CREATE, json));

        assertThat(stream.get("response").fieldNames())
                .toIterable()
                .containsExactlyInAnyOrderElementsOf(() -> typed.get("response").fieldNames());
        assertThat(stream.at("/response/publicChallengeParameters"))
                .isEqualTo(typed.at("/response/publicChallengeParameters"));
    }

    @Test
    void verify_response_isWhatTheRuntimesSerializerWrites() {
        String json = fixture("verify_answer.json", VALUES);

        JsonNode stream = tree(new HandlerRig("email_code").call(HandlerRig.Trigger.VERIFY, json));
        JsonNode typed = tree(new HandlerRig("email_code").callTyped(HandlerRig.Trigger.VERIFY, json));

        assertThat(stream.get("response"))
                .isEqualTo(typed.get("response"))
                .isEqualTo(tree("{\"answerCorrect\":false}"));
    }

    @Test
    void answer_keepsEveryOtherFieldAsCognitoSentIt() {
        String json = fixture("define_first_round.json", VALUES)
                .replace(
                        "\"triggerSource\"",
                        "\"aNumber\": 1.50e3, \"big\": 123456789012345678901234567890, \"nested\": {\"a\": [1, null,"
                                + " true, \"\\u00e9\\u2028\"]}, \"triggerSource\"");

        String out = new HandlerRig("email_code").define(json);

        assertThat(out).contains("\"aNumber\":1.50e3", "\"big\":123456789012345678901234567890");
        assertThat(tree(out).get("nested")).isEqualTo(tree(json).get("nested"));
        assertThat(tree(out).get("request")).isEqualTo(tree(json).get("request"));
        assertThat(tree(out).at("/response/challengeName").asText()).isEqualTo("CUSTOM_CHALLENGE");
    }

    @Test
    void answer_loneSurrogateInWhatCameIn_goesBackEscapedAndTheAnswerIsStillGiven() {
        String json = fixture("verify_answer.json", VALUES).replace("\"123456\"", "\"12\\ud800\"");

        String out = new HandlerRig("email_code").verify(json);

        assertThat(out).contains("\"challengeAnswer\":\"12\\ud800\"");
        assertThat(tree(out).get("response")).isEqualTo(tree("{\"answerCorrect\":false}"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "not json                                     | not one JSON object",
                "''                                           | not one JSON object",
                "[1, 2]                                       | not a JSON object",
                "'\"a string\"'                               | not a JSON object",
                "{} {}                                        | not one JSON object",
                "'{\"userName\": \"a\", \"userName\": \"b\"}' | not one JSON object",
                "'{\"request\": \"x\"}'                       | request is not an object",
                "'{\"userName\": 7}'                          | userName is not a string",
                "'{\"callerContext\": []}'                    | callerContext is not an object",
                "'{\"request\": {\"session\": {}}}'           | session is not an array",
                "'{\"request\": {\"session\": [\"x\"]}}'      | request.session holds something other than objects",
                "'{\"request\": {\"userNotFound\": \"no\"}}'  | userNotFound is not true or false",
                "'{\"request\": {\"userAttributes\": {\"email\": {}}}}' | userAttributes is not an object of strings",
                "'{\"request\": {\"session\": [{\"challengeResult\": 1}]}}' | challengeResult is not true or false",
            })
    void handleRequest_bodyThatIsNotSuchAnEvent_fixedTextForTheUserTheReasonInTheLogAndNoAnswer(
            String body, String reason) {
        HandlerRig triggers = new HandlerRig("email_code");

        for (HandlerRig.Trigger trigger : HandlerRig.Trigger.values()) {
            triggers.logLines.clear();
            assertThatThrownBy(() -> triggers.call(trigger, body))
                    .isInstanceOf(SignInFailedException.class)
                    .hasMessage(SignInFailedException.MESSAGE);
            // Verify's event has no session: there the same bodies fail on what it does read (its trigger source).
            String logged = trigger == HandlerRig.Trigger.DEFINE ? reason : "";
            assertThat(triggers.logLines).singleElement().satisfies(line -> assertThat(line.replace("'", ""))
                    .contains("\"outcome\":\"error\"")
                    .contains("MalformedEventException: ")
                    .contains(logged));
        }
        assertThat(triggers.messages).isEmpty();
    }

    @Test
    void read_stringMapValues_numbersAndBooleansAsTheirText_asTheRuntimesSerializerDoes() {
        String json = "{\"request\": {\"userAttributes\": {\"n\": 12, \"b\": true, \"s\": \"x\", \"z\": null}}}";

        CognitoUserPoolDefineAuthChallengeEvent event = EventJson.define(read(json));

        assertThat(event.getRequest().getUserAttributes())
                .isEqualTo(LambdaJson.read(json, CognitoUserPoolDefineAuthChallengeEvent.class)
                        .getRequest()
                        .getUserAttributes());
    }

    private static Map<String, Object> read(String json) {
        return EventJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }
}
