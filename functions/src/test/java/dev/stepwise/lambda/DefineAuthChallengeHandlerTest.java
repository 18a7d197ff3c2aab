package dev.stepwise.lambda;

import static dev.stepwise.lambda.LambdaJson.fixture;
import static dev.stepwise.lambda.LambdaJson.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DefineAuthChallengeHandlerTest {
    private static final String CUSTOM =
            "{\"challengeName\":\"CUSTOM_CHALLENGE\",\"issueTokens\":false,\"failAuthentication\":false}";
    private static final String FAIL = "{\"issueTokens\":false,\"failAuthentication\":true}";
    private static final String TOKENS = "{\"issueTokens\":true,\"failAuthentication\":false}";
    private static final String PASSWORD_VERIFIER =
            "{\"challengeName\":\"PASSWORD_VERIFIER\",\"issueTokens\":false,\"failAuthentication\":false}";

    @Test
    void handleRequest_firstRound_presentsCustomChallengeAndKeepsTheEvent() {
        HandlerRig triggers = new HandlerRig("email_code");

        JsonNode out = tree(triggers.define(fixture("define_first_round.json", Map.of())));

        assertThat(out.get("response")).isEqualTo(tree(CUSTOM));
        assertThat(out.get("userPoolId").asText()).isEqualTo("us-east-1_EXAMPLE");
        assertThat(out.get("triggerSource").asText()).isEqualTo("DefineAuthChallenge_Authentication");
        assertThat(out.at("/request/session").isArray()).isTrue();
        // A field the handler does not know goes back as Cognito sent it (the runtime's serializer dropped it).
        assertThat(out.get("anUnknownTopLevelField").asText()).isEqualTo("ignored");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "password > email_code | define_srp_a.json | " + PASSWORD_VERIFIER,
                "email_code            | define_srp_a.json | " + FAIL,
                "email_code            | define_user_not_found.json | " + CUSTOM,
                "email_code            | define_legacy_pool.json | " + CUSTOM,
                "password > email_code | define_first_round.json | " + FAIL,
                "email_code            | bad/define_missing_email.json | " + CUSTOM,
            })
    void handleRequest_fixture_expectedResponse(String policy, String fixture, String response) {
        HandlerRig triggers = new HandlerRig(policy);

        JsonNode out = tree(triggers.define(fixture(fixture, Map.of())));

        assertThat(out.get("response")).isEqualTo(tree(response));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"true | " + CUSTOM, "false | " + FAIL})
    void handleRequest_afterPasswordVerifier_customChallengeOnlyIfPasswordPassed(String passed, String response) {
        HandlerRig triggers = new HandlerRig("password > email_code");

        JsonNode out =
                tree(triggers.define(fixture("define_password_verified.json", Map.of("passwordCorrect", passed))));

        assertThat(out.get("response")).isEqualTo(tree(response));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"true | " + TOKENS, "false | " + CUSTOM})
    void handleRequest_afterCodeRound_tokensOnlyIfPassed(String correct, String response) {
        HandlerRig triggers = new HandlerRig("email_code");
        String metadata = tree(triggers.create(fixture("create_first_round.json", Map.of())))
                .at("/response/challengeMetadata")
                .asText();

        JsonNode out = tree(
                triggers.define(fixture("define_after_code.json", Map.of("correct", correct, "metadata", metadata))));

        assertThat(out.get("response")).isEqualTo(tree(response));
    }

    @Test
    void handleRequest_tamperedMetadata_fails() {
        HandlerRig triggers = new HandlerRig("email_code");
        String metadata = tree(triggers.create(fixture("create_first_round.json", Map.of())))
                .at("/response/challengeMetadata")
                .asText();
        String tampered = metadata.replace("email_code.0.1.", "email_code.0.1.9");

        JsonNode out = tree(
                triggers.define(fixture("define_after_code.json", Map.of("correct", "true", "metadata", tampered))));

        assertThat(out.get("response")).isEqualTo(tree(FAIL));
        assertThat(triggers.logLines.get(triggers.logLines.size() - 1))
                .contains("\"outcome\":\"fail\"")
                .contains("\"reason\":\"round 1 has missing or tampered challenge metadata\"");
    }

    @Test
    void handleRequest_userWithoutFactor_presentsTheChallengeAnUnknownUserWouldGet() {
        HandlerRig triggers = new HandlerRig("email_code");

        triggers.define(fixture("bad/define_missing_email.json", Map.of()));

        assertThat(triggers.logLines)
                .singleElement(InstanceOfAssertFactories.STRING)
                .startsWith("{\"trigger\":\"DefineAuthChallenge_Authentication\",\"pool\":\"us-east-1_EXAMPLE\","
                        + "\"client\":\"client1\",\"round\":1,\"outcome\":\"challenge\",\"factor\":\"email_code\"")
                .contains("\"latencyMs\":");
    }

    @Test
    void handleRequest_challenge_logsOneLine() {
        HandlerRig triggers = new HandlerRig("email_code");

        triggers.define(fixture("define_first_round.json", Map.of()));

        assertThat(triggers.logLines).hasSize(1);
        JsonNode line = tree(triggers.logLines.get(0));
        assertThat(line.get("outcome").asText()).isEqualTo("challenge");
        assertThat(line.get("factor").asText()).isEqualTo("email_code");
        assertThat(line.get("round").asInt()).isEqualTo(1);
        assertThat(line.get("latencyMs").isNumber()).isTrue();
    }
}
