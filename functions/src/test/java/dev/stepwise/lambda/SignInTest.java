package dev.stepwise.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.core.CodeMessage;
import dev.stepwise.core.DeliveryMedium;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SignInTest {
    private static final Map<String, String> ALICE = Map.of(
            "sub", "8f1b2c3d-0000-4000-8000-000000000001",
            "email", "alice@example.com",
            "email_verified", "true",
            "phone_number", "+15555550123",
            "phone_number_verified", "true");

    private static Function<JsonNode, String> rightCode(HandlerRig triggers) {
        return challenge -> triggers.lastCode();
    }

    private static Function<JsonNode, String> wrongThenRight(HandlerRig triggers, int wrong) {
        List<String> given = new ArrayList<>();
        return challenge -> {
            String code = triggers.lastCode();
            String answer = given.size() < wrong ? (code.equals("000000") ? "111111" : "000000") : code;
            given.add(answer);
            return answer;
        };
    }

    @Test
    void signIn_emailCodeRightFirstTime_tokens() {
        HandlerRig triggers = new HandlerRig("email_code");

        CognitoLoop.Result result =
                new CognitoLoop(triggers, "alice", "client1", ALICE, false).signIn(false, false, rightCode(triggers));

        assertThat(result.outcome()).isEqualTo("tokens");
        assertThat(result.challenges()).hasSize(1);
        assertThat(triggers.messages).extracting(CodeMessage::recipient).containsExactly("alice@example.com");
    }

    @Test
    void signIn_twoWrongAnswersThenRight_tokensWithOneMessage() {
        HandlerRig triggers = new HandlerRig("email_code");

        CognitoLoop.Result result = new CognitoLoop(triggers, "alice", "client1", ALICE, false)
                .signIn(false, false, wrongThenRight(triggers, 2));

        assertThat(result.outcome()).isEqualTo("tokens");
        assertThat(result.challenges())
                .extracting(c -> c.get("attemptsRemaining").asText())
                .containsExactly("3", "2", "1");
        assertThat(triggers.messages).hasSize(1);
    }

    @Test
    void signIn_threeWrongAnswers_fails() {
        HandlerRig triggers = new HandlerRig("email_code");

        CognitoLoop.Result result = new CognitoLoop(triggers, "alice", "client1", ALICE, false)
                .signIn(false, false, wrongThenRight(triggers, 3));

        assertThat(result.outcome()).isEqualTo("fail");
        assertThat(result.challenges()).hasSize(3);
    }

    @Test
    void signIn_passwordThenEmailCode_tokens() {
        HandlerRig triggers = new HandlerRig("password > email_code");

        CognitoLoop.Result result =
                new CognitoLoop(triggers, "alice", "client1", ALICE, false).signIn(true, true, rightCode(triggers));

        assertThat(result.outcome()).isEqualTo("tokens");
        assertThat(result.challenges())
                .singleElement()
                .satisfies(c -> assertThat(c.get("status").asText()).isEqualTo("needs_second_factor"));
    }

    @Test
    void signIn_wrongPassword_failsWithoutSending() {
        HandlerRig triggers = new HandlerRig("password > email_code");

        CognitoLoop.Result result =
                new CognitoLoop(triggers, "alice", "client1", ALICE, false).signIn(true, false, rightCode(triggers));

        assertThat(result.outcome()).isEqualTo("fail");
        assertThat(triggers.messages).isEmpty();
    }

    @Test
    void signIn_emailThenPhone_tokensAfterBothSteps() {
        HandlerRig triggers = new HandlerRig("email_code > phone_code");

        CognitoLoop.Result result =
                new CognitoLoop(triggers, "alice", "client1", ALICE, false).signIn(false, false, rightCode(triggers));

        assertThat(result.outcome()).isEqualTo("tokens");
        assertThat(result.challenges())
                .extracting(c -> c.get("step").asText())
                .containsExactly("CONFIRM_SIGN_IN_WITH_EMAIL_CODE", "CONFIRM_SIGN_IN_WITH_SMS_CODE");
        assertThat(triggers.messages)
                .extracting(CodeMessage::medium)
                .containsExactly(DeliveryMedium.EMAIL, DeliveryMedium.SMS);
    }

    @Test
    void signIn_clientWithOwnPolicy_followsIt() {
        HandlerRig triggers = new HandlerRig(
                Map.of("STEPWISE_POLICY", "email_code", "STEPWISE_CLIENT_POLICIES", "mobile=phone_code"));

        CognitoLoop.Result mobile =
                new CognitoLoop(triggers, "alice", "mobile", ALICE, false).signIn(false, false, rightCode(triggers));
        CognitoLoop.Result web =
                new CognitoLoop(triggers, "alice", "web", ALICE, false).signIn(false, false, rightCode(triggers));

        assertThat(mobile.challenges().get(0).get("factor").asText()).isEqualTo("phone_code");
        assertThat(web.challenges().get(0).get("factor").asText()).isEqualTo("email_code");
        assertThat(List.of(mobile.outcome(), web.outcome())).containsOnly("tokens");
    }

    @Test
    void signIn_userNotFound_decoyChallengesThenFailNothingSent() {
        HandlerRig triggers = new HandlerRig("email_code");

        CognitoLoop.Result result = new CognitoLoop(triggers, "nobody", "client1", Map.of(), true)
                .signIn(false, false, challenge -> "123456");

        assertThat(result.outcome()).isEqualTo("fail");
        assertThat(result.challenges()).hasSize(3);
        assertThat(result.challenges())
                .extracting(c -> c.get("destination").asText())
                .containsOnly(result.challenges().get(0).get("destination").asText());
        assertThat(triggers.messages).isEmpty();
    }

    @Test
    void logLines_manySignIns_neverContainCodesAnswersDestinationsOrSecret() {
        HandlerRig triggers = new HandlerRig("email_code > phone_code");
        List<String> answers = new ArrayList<>();
        CognitoLoop loop = new CognitoLoop(triggers, "alice", "client1", ALICE, false);
        answers.addAll(loop.signIn(false, false, rightCode(triggers)).answers());
        triggers.now = triggers.now.plusSeconds(31); // past the send cooldown, as a person would be
        answers.addAll(loop.signIn(false, false, wrongThenRight(triggers, 2)).answers());
        triggers.now = triggers.now.plusSeconds(31);
        answers.addAll(loop.signIn(false, false, wrongThenRight(triggers, 3)).answers());
        answers.addAll(new CognitoLoop(triggers, "nobody", "client1", Map.of(), true)
                .signIn(false, false, challenge -> "424242")
                .answers());
        List<String> secrets = new ArrayList<>(answers);
        triggers.messages.forEach(m -> secrets.add(m.body()));
        secrets.addAll(List.of("alice@example.com", "+15555550123", HandlerRig.SECRET));

        assertThat(triggers.logLines).hasSizeGreaterThan(20);
        assertThat(triggers.logLines).allSatisfy(line -> {
            assertThat(LambdaJson.tree(line).isObject()).isTrue();
            assertThat(secrets).noneMatch(line::contains);
            assertThat(line).doesNotContainPattern("[0-9]{6}");
        });
    }
}
