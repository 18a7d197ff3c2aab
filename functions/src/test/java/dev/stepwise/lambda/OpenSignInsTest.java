package dev.stepwise.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepwise.core.SignInRefusedException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cap of unfinished sign-ins per user, and the lock checked in Create and Verify as well as Define. */
class OpenSignInsTest {
    private static final Map<String, String> ALICE = Map.of("email", "alice@example.com", "email_verified", "true");

    private static HandlerRig triggers() {
        return new HandlerRig(Map.of(
                "STEPWISE_POLICY", "email_code",
                "STEPWISE_SEND_COOLDOWN_SECONDS", "0",
                "STEPWISE_MAX_OPEN_SIGN_INS", "3"));
    }

    @Test
    void create_moreUnfinishedSignInsThanTheCap_refusedUntilOneFinishes() {
        HandlerRig triggers = triggers();
        CognitoLoop alice = new CognitoLoop(triggers, "alice", "client1", ALICE, false);
        for (int i = 0; i < 3; i++) {
            alice.open(1);
            triggers.now = triggers.now.plusSeconds(21);
        }

        assertThatThrownBy(() -> alice.open(1))
                .isInstanceOfSatisfying(SignInRefusedException.class, e -> assertThat(e.reason())
                        .isEqualTo(SignInRefusedException.Reason.TOO_MANY_SIGN_INS));
        assertThat(triggers.messages).hasSize(3);

        assertThatThrownBy(() -> alice.signIn(false, false, challenge -> triggers.lastCode()))
                .as("asking again at once is refused again")
                .isInstanceOf(SignInRefusedException.class);
        triggers.now = triggers.now.plusSeconds(900);
        assertThat(alice.signIn(false, false, challenge -> triggers.lastCode()).outcome())
                .as("abandoned sign-ins free their places when the window ends")
                .isEqualTo("tokens");
    }

    @Test
    void create_retriedByCognito_countsOnce() {
        HandlerRig triggers = triggers();
        CognitoLoop alice = new CognitoLoop(triggers, "alice", "client1", ALICE, false);

        alice.open(3);
        triggers.now = triggers.now.plusSeconds(21);
        alice.open(1);
        triggers.now = triggers.now.plusSeconds(21);

        assertThat(alice.open(1)).hasSize(1);
    }

    @Test
    void lockedUser_createAndVerify_refusedWithoutSendingOrChecking() {
        HandlerRig triggers = triggers();
        CognitoLoop alice = new CognitoLoop(triggers, "alice", "client1", ALICE, false);
        var opened = alice.open(1).get(0);
        String code = triggers.lastCode();
        for (int i = 0; i < 5; i++) {
            try {
                alice.answer(opened, "000000".equals(code) ? "111111" : "000000");
            } catch (SignInRefusedException expected) {
                // the fifth wrong answer locks; Define says so
            }
        }
        int sent = triggers.messages.size();

        assertThatThrownBy(() -> alice.answer(opened, code))
                .isInstanceOfSatisfying(SignInRefusedException.class, e -> assertThat(e.reason())
                        .isEqualTo(SignInRefusedException.Reason.LOCKED_OUT));
        assertThat(triggers.logLines.get(triggers.logLines.size() - 1))
                .contains("VerifyAuthChallengeResponse")
                .contains("\"outcome\":\"refused\"");
        assertThatThrownBy(() -> triggers.create(createEvent())).isInstanceOf(SignInRefusedException.class);
        assertThat(triggers.messages).hasSize(sent);
    }

    private static String createEvent() {
        return """
                {"version":"1","region":"us-east-1","userPoolId":"us-east-1_EXAMPLE","userName":"alice",
                 "callerContext":{"awsSdkVersion":"x","clientId":"client1"},
                 "triggerSource":"CreateAuthChallenge_Authentication",
                 "request":{"userAttributes":{"email":"alice@example.com","email_verified":"true"},"session":[],
                   "challengeName":"CUSTOM_CHALLENGE","userNotFound":false},
                 "response":{}}""";
    }
}
