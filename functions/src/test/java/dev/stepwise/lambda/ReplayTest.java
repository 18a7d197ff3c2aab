package dev.stepwise.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A one-time code works once: not in a later sign-in, not in a parallel one, and a retried Create sends it once. */
class ReplayTest {
    private static final Map<String, String> ALICE = Map.of("email", "alice@example.com", "email_verified", "true");

    private static CognitoLoop alice(HandlerRig triggers) {
        return new CognitoLoop(triggers, "alice", "client1", ALICE, false);
    }

    @Test
    void usedCode_answeredInANewSignIn_refusedAndTheNewMessageCarriesAnotherCode() {
        HandlerRig triggers =
                new HandlerRig(Map.of("STEPWISE_POLICY", "email_code", "STEPWISE_SEND_COOLDOWN_SECONDS", "0"));
        CognitoLoop loop = alice(triggers);
        assertThat(loop.signIn(false, false, challenge -> triggers.lastCode()).outcome())
                .isEqualTo("tokens");
        String used = triggers.lastCode();

        triggers.now = triggers.now.plusSeconds(1);
        CognitoLoop.Result replay = loop.signIn(false, false, challenge -> used);

        assertThat(replay.outcome()).isEqualTo("fail");
        assertThat(triggers.messages).hasSize(2);
        assertThat(triggers.lastCode()).isNotEqualTo(used);
    }

    @Test
    void retriedCreate_sendsOneMessageAndItsCodeWorksInTheSessionCognitoKeeps() {
        HandlerRig triggers = new HandlerRig("email_code");

        List<JsonNode> attempts = alice(triggers).open(3);

        assertThat(triggers.messages).hasSize(1);
        assertThat(attempts.get(2).get("challengeMetadata").asText())
                .isEqualTo(attempts.get(0).get("challengeMetadata").asText());
        assertThat(alice(triggers).answer(attempts.get(2), triggers.lastCode())).isEqualTo("tokens");
    }

    @Test
    void sharedCode_answeredInTwoSignInsOpenedTogether_worksOnlyOnce() {
        HandlerRig triggers = new HandlerRig("email_code");
        JsonNode first = alice(triggers).open(1).get(0);
        JsonNode second = alice(triggers).open(1).get(0);
        String code = triggers.lastCode();

        assertThat(alice(triggers).answer(first, code)).isEqualTo("tokens");
        assertThat(alice(triggers).answer(second, code)).isEqualTo("challenge");
        assertThat(triggers.logLines).anyMatch(line -> line.contains("code already used"));
        assertThat(triggers.messages).hasSize(1);
    }

    @Test
    void abuseControlsOff_retriedCreate_eachAttemptSendsItsOwnCodeAndTheLastOneWorks() {
        HandlerRig triggers = new HandlerRig(Map.of("STEPWISE_POLICY", "email_code", "STEPWISE_ABUSE_CONTROLS", "off"));

        List<JsonNode> attempts = alice(triggers).open(2);

        assertThat(triggers.messages).hasSize(2);
        assertThat(alice(triggers).answer(attempts.get(1), triggers.lastCode())).isEqualTo("tokens");
    }
}
