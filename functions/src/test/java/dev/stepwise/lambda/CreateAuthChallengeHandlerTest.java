package dev.stepwise.lambda;

import static dev.stepwise.lambda.LambdaJson.fixture;
import static dev.stepwise.lambda.LambdaJson.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.core.DeliveryException;
import dev.stepwise.core.DeliveryMedium;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CreateAuthChallengeHandlerTest {
    @Test
    void handleRequest_firstRound_answersContractAndSendsEmail() {
        HandlerRig triggers = new HandlerRig("email_code");

        JsonNode response = tree(triggers.create(fixture("create_first_round.json", Map.of())))
                .get("response");

        assertThat(response.get("publicChallengeParameters"))
                .isEqualTo(tree("{\"contractVersion\":\"1\",\"step\":\"CONFIRM_SIGN_IN_WITH_EMAIL_CODE\","
                        + "\"factor\":\"email_code\",\"status\":\"needs_first_factor\",\"deliveryMedium\":\"EMAIL\","
                        + "\"destination\":\"a***@e***.com\",\"attemptsRemaining\":\"3\",\"codeLength\":\"6\","
                        + "\"expiresAt\":\"2026-11-22T03:05:00Z\"}"));
        assertThat(response.get("privateChallengeParameters").size()).isEqualTo(1);
        assertThat(response.at("/privateChallengeParameters/challenge").asText())
                .isEqualTo(response.get("challengeMetadata").asText())
                .startsWith("2.email_code.0.1.1795316700.")
                .doesNotContain(triggers.lastCode());
        assertThat(triggers.messages).singleElement().satisfies(m -> {
            assertThat(m.medium()).isEqualTo(DeliveryMedium.EMAIL);
            assertThat(m.recipient()).isEqualTo("alice@example.com");
            assertThat(m.subject()).isEqualTo("Your sign-in code");
            assertThat(m.body()).contains(triggers.lastCode()).contains("5 minutes");
        });
    }

    @Test
    void handleRequest_afterPasswordVerifier_secondFactorChallenge() {
        HandlerRig triggers = new HandlerRig("password > email_code");

        JsonNode response = tree(triggers.create(fixture("create_after_password.json", Map.of())))
                .get("response");

        assertThat(response.at("/publicChallengeParameters/status").asText()).isEqualTo("needs_second_factor");
        assertThat(response.at("/challengeMetadata").asText()).startsWith("2.email_code.1.1.");
        assertThat(triggers.messages).hasSize(1);
    }

    @Test
    void handleRequest_retriedForSameRound_sendsNothingAgain() {
        HandlerRig triggers = new HandlerRig("email_code");

        JsonNode first = tree(triggers.create(fixture("create_first_round.json", Map.of())))
                .get("response");
        triggers.now = triggers.now.plusSeconds(5);
        JsonNode retried = tree(triggers.create(fixture("create_first_round.json", Map.of())))
                .get("response");

        assertThat(triggers.messages).hasSize(1);
        assertThat(triggers.logLines.get(1)).contains("\"sent\":false");
        JsonNode verdict = tree(triggers.verify(fixture(
                        "verify_answer.json",
                        Map.of(
                                "challenge",
                                retried.at("/privateChallengeParameters/challenge")
                                        .asText(),
                                "answer",
                                triggers.lastCode(),
                                "userName",
                                "alice",
                                "userNotFound",
                                "false"))))
                .get("response");
        assertThat(verdict.get("answerCorrect").asBoolean())
                .as("the code in the first attempt's message answers the retried challenge")
                .isTrue();
        assertThat(first.at("/challengeMetadata").asText())
                .as("the retry presents the challenge the first attempt sent")
                .isEqualTo(retried.at("/challengeMetadata").asText());
    }

    @Test
    void handleRequest_retriedForSameRoundWithoutAbuseControls_sendsAnotherRandomCode() {
        HandlerRig triggers = new HandlerRig(Map.of("STEPWISE_POLICY", "email_code", "STEPWISE_ABUSE_CONTROLS", "off"));

        triggers.create(fixture("create_first_round.json", Map.of()));
        String first = triggers.lastCode();
        triggers.now = triggers.now.plusSeconds(5);
        triggers.create(fixture("create_first_round.json", Map.of()));

        assertThat(triggers.messages).hasSize(2);
        assertThat(triggers.lastCode()).as("no claim keeps the first code").isNotEqualTo(first);
    }

    @Test
    void handleRequest_afterWrongAnswer_reusesCodeAndSendsNothing() {
        HandlerRig triggers = new HandlerRig("email_code");
        String metadata = tree(triggers.create(fixture("create_first_round.json", Map.of())))
                .at("/response/challengeMetadata")
                .asText();
        triggers.now = triggers.now.plusSeconds(30);

        JsonNode response = tree(triggers.create(
                        fixture("create_after_wrong_answer.json", Map.of("metadata", metadata))))
                .get("response");

        assertThat(triggers.messages).hasSize(1);
        assertThat(response.at("/publicChallengeParameters/attemptsRemaining").asText())
                .isEqualTo("2");
        assertThat(response.at("/challengeMetadata").asText()).startsWith("2.email_code.0.2.1795316700.");
        assertThat(triggers.logLines.get(1)).contains("\"sent\":false").contains("code reused after a wrong answer");
    }

    @Test
    void handleRequest_userNotFound_decoyWithSameKeysAndNothingSent() {
        HandlerRig triggers = new HandlerRig("email_code");
        JsonNode real = tree(triggers.create(fixture("create_first_round.json", Map.of())))
                .get("response");

        JsonNode decoy = tree(triggers.create(fixture("create_user_not_found.json", Map.of())))
                .get("response");

        assertThat(triggers.messages).hasSize(1);
        assertThat(decoy.get("publicChallengeParameters").properties())
                .extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrderElementsOf(real.get("publicChallengeParameters").properties().stream()
                        .map(Map.Entry::getKey)
                        .toList());
        assertThat(decoy.at("/publicChallengeParameters/destination").asText()).isEqualTo("n***@e***.com");
        assertThat(decoy.at("/privateChallengeParameters/challenge").asText()).startsWith("2.email_code.0.1.");
        assertThat(triggers.logLines.get(1)).contains("\"outcome\":\"decoy\"").contains("\"sent\":false");
    }

    @Test
    void handleRequest_senderFails_throwsAndLogsError() {
        HandlerRig triggers = new HandlerRig(Map.of("STEPWISE_POLICY", "email_code"), m -> {
            throw new DeliveryException("could not send the code by email: SES v2 SendEmail failed (Throttling)");
        });

        assertThatThrownBy(() -> triggers.create(fixture("create_first_round.json", Map.of())))
                .isInstanceOf(DeliveryException.class)
                .hasMessage(DeliveryException.REFUSED);
        assertThat(triggers.logLines).singleElement().satisfies(line -> assertThat(line)
                .contains("\"outcome\":\"error\"")
                .contains("DeliveryException: could not send the code by email"));
    }
}
