package dev.stepwise.lambda;

import static dev.stepwise.lambda.LambdaJson.fixture;
import static dev.stepwise.lambda.LambdaJson.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CognitoEventMapperTest {
    private static final BiFunction<HandlerRig, String, String> DEFINE = HandlerRig::define;
    private static final BiFunction<HandlerRig, String, String> CREATE = HandlerRig::create;
    private static final BiFunction<HandlerRig, String, String> VERIFY = HandlerRig::verify;

    static Stream<Arguments> handleRequest_noTriggerSource_fixedTextAndTheReasonInTheLog() {
        return Stream.of(
                Arguments.of(DEFINE, "define_first_round.json"),
                Arguments.of(CREATE, "create_first_round.json"),
                Arguments.of(VERIFY, "verify_answer.json"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource
    void handleRequest_noTriggerSource_fixedTextAndTheReasonInTheLog(
            BiFunction<HandlerRig, String, String> handler, String fixture) {
        ObjectNode event = (ObjectNode) tree(fixture(fixture, values()));
        event.remove("triggerSource");

        HandlerRig triggers = new HandlerRig("email_code");

        assertThatThrownBy(() -> handler.apply(triggers, event.toString()))
                .isInstanceOf(SignInFailedException.class)
                .hasMessage(SignInFailedException.MESSAGE);
        assertThat(triggers.logLines).singleElement().asString().contains("not triggerSource 'null'");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource
    void handleRequest_verifyWithNullParameterValues_answerIsWrong(String parameters) {
        ObjectNode event = (ObjectNode) tree(fixture("verify_answer.json", values()));
        ((ObjectNode) event.get("request")).set("privateChallengeParameters", tree(parameters));

        String out = new HandlerRig("email_code").verify(event.toString());

        assertThat(tree(out).get("response")).isEqualTo(tree("{\"answerCorrect\":false}"));
    }

    static Stream<String> handleRequest_verifyWithNullParameterValues_answerIsWrong() {
        return Stream.of("{\"challenge\":null}", "{\"challenge\":\"x\",\"other\":null}");
    }

    private static Map<String, String> values() {
        return Map.of("userName", "alice", "challenge", "x", "answer", "123456", "userNotFound", "false");
    }
}
