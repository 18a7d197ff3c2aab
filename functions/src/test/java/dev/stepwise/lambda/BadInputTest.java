package dev.stepwise.lambda;

import static dev.stepwise.lambda.LambdaJson.fixture;
import static dev.stepwise.lambda.LambdaJson.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BadInputTest {
    private static final BiFunction<HandlerRig, String, String> DEFINE = HandlerRig::define;
    private static final BiFunction<HandlerRig, String, String> CREATE = HandlerRig::create;
    private static final BiFunction<HandlerRig, String, String> VERIFY = HandlerRig::verify;

    static Stream<Arguments> handleRequest_malformedEvent_fixedTextForTheUserAndTheClearMessageInTheLog() {
        return Stream.of(
                Arguments.of(DEFINE, "define_missing_request.json", "the Define Auth Challenge event has no request"),
                Arguments.of(DEFINE, "define_null_session.json", "has no request.session; Cognito sends [] on the"),
                Arguments.of(
                        DEFINE,
                        "define_wrong_trigger.json",
                        "this handler serves DefineAuthChallenge_Authentication, not triggerSource"
                                + " 'CreateAuthChallenge_Authentication'"),
                Arguments.of(DEFINE, "define_missing_user.json", "the event has no userName"),
                Arguments.of(CREATE, "create_missing_request.json", "the Create Auth Challenge event has no request"),
                Arguments.of(
                        CREATE, "create_null_session.json", "the Create Auth Challenge event has no request.session"),
                Arguments.of(
                        CREATE, "create_wrong_trigger.json", "this handler serves CreateAuthChallenge_Authentication"),
                Arguments.of(
                        CREATE,
                        "create_password_verifier.json",
                        "Create Auth Challenge was asked for challenge 'PASSWORD_VERIFIER'"),
                Arguments.of(
                        VERIFY,
                        "verify_missing_request.json",
                        "the Verify Auth Challenge Response event has no request"),
                Arguments.of(
                        VERIFY, "verify_wrong_trigger.json", "not triggerSource 'PreAuthentication_Authentication'"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource
    void handleRequest_malformedEvent_fixedTextForTheUserAndTheClearMessageInTheLog(
            BiFunction<HandlerRig, String, String> handler, String fixture, String message) {
        HandlerRig triggers = new HandlerRig("email_code");

        assertThatThrownBy(() -> handler.apply(triggers, fixture("bad/" + fixture, Map.of())))
                .isInstanceOf(SignInFailedException.class)
                .hasMessage(SignInFailedException.MESSAGE)
                .hasNoCause();
        assertThat(triggers.messages).isEmpty();
        assertThat(triggers.logLines).singleElement().satisfies(line -> assertThat(line)
                .contains("\"outcome\":\"error\"")
                .contains(message.length() > 60 ? message.substring(0, 60) : message));
    }

    @Test
    void handleRequest_verifyWithoutPrivateParameters_answerIsWrong() {
        HandlerRig triggers = new HandlerRig("email_code");

        String out = triggers.verify(fixture("bad/verify_no_private_parameters.json", Map.of()));

        assertThat(tree(out).get("response")).isEqualTo(tree("{\"answerCorrect\":false}"));
    }

    @Test
    void handleRequest_nullEvent_fixedTextAndTheReasonInTheLog() {
        HandlerRig triggers = new HandlerRig("email_code");

        assertThatThrownBy(() -> triggers.define.handleRequest(null, null))
                .isInstanceOf(SignInFailedException.class)
                .hasMessage(SignInFailedException.MESSAGE);
        assertThat(triggers.logLines).singleElement().asString().contains("the event is null");
    }
}
