package dev.stepwise.lambda;

import static dev.stepwise.lambda.LambdaJson.fixture;
import static dev.stepwise.lambda.LambdaJson.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VerifyAuthChallengeHandlerTest {
    static Stream<Arguments> handleRequest_answer_answerCorrect() {
        return Stream.of(
                Arguments.of("the code", (UnaryOperator<String>) code -> code, "alice", "false", 10, true),
                Arguments.of(
                        "wrong code",
                        (UnaryOperator<String>) code -> code.equals("000000") ? "111111" : "000000",
                        "alice",
                        "false",
                        10,
                        false),
                Arguments.of("expired", (UnaryOperator<String>) code -> code, "alice", "false", 301, false),
                Arguments.of(
                        "10,000 characters",
                        (UnaryOperator<String>) code -> "7".repeat(10_000),
                        "alice",
                        "false",
                        10,
                        false),
                Arguments.of("non-digits", (UnaryOperator<String>) code -> "abcdef", "alice", "false", 10, false),
                Arguments.of("other user", (UnaryOperator<String>) code -> code, "bob", "false", 10, false),
                Arguments.of("user not found", (UnaryOperator<String>) code -> code, "alice", "true", 10, false));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource
    void handleRequest_answer_answerCorrect(
            String name,
            UnaryOperator<String> answer,
            String userName,
            String userNotFound,
            int secondsLater,
            boolean correct) {
        HandlerRig triggers = new HandlerRig("email_code");
        String challenge = tree(triggers.create(fixture("create_first_round.json", Map.of())))
                .at("/response/privateChallengeParameters/challenge")
                .asText();
        triggers.now = triggers.now.plusSeconds(secondsLater);

        JsonNode out = tree(triggers.verify(fixture(
                "verify_answer.json",
                Map.of(
                        "challenge",
                        challenge,
                        "answer",
                        answer.apply(triggers.lastCode()),
                        "userName",
                        userName,
                        "userNotFound",
                        userNotFound))));

        assertThat(out.get("response")).isEqualTo(tree("{\"answerCorrect\":" + correct + "}"));
        assertThat(triggers.logLines.get(1)).contains("\"outcome\":\"" + (correct ? "correct" : "wrong") + "\"");
    }
}
