package dev.stepwise.harness.junit;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolCreateAuthChallengeEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolDefineAuthChallengeEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolVerifyAuthChallengeResponseEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * Triggers a team might write themselves, for the tests of user-supplied handlers: one custom challenge whose answer
 * is the {@code MAGIC_WORD} environment variable, three tries.
 */
public final class MagicWordTriggers {

    private MagicWordTriggers() {}

    /** Tokens after a correct answer, failure after three wrong ones. */
    public static final class Define
            implements RequestHandler<
                    CognitoUserPoolDefineAuthChallengeEvent, CognitoUserPoolDefineAuthChallengeEvent> {

        @Override
        public CognitoUserPoolDefineAuthChallengeEvent handleRequest(
                CognitoUserPoolDefineAuthChallengeEvent event, Context context) {
            var session = event.getRequest().getSession();
            var response = new CognitoUserPoolDefineAuthChallengeEvent.Response();
            int rounds = session == null ? 0 : session.length;
            if (rounds > 0 && Boolean.TRUE.equals(session[rounds - 1].getChallengeResult())) {
                response.setIssueTokens(true);
            } else if (rounds >= 3) {
                response.setFailAuthentication(true);
            } else {
                response.setChallengeName("CUSTOM_CHALLENGE");
            }
            event.setResponse(response);
            return event;
        }
    }

    /** Asks for the magic word. */
    public static final class Create
            implements RequestHandler<
                    CognitoUserPoolCreateAuthChallengeEvent, CognitoUserPoolCreateAuthChallengeEvent> {

        @Override
        public CognitoUserPoolCreateAuthChallengeEvent handleRequest(
                CognitoUserPoolCreateAuthChallengeEvent event, Context context) {
            var response = new CognitoUserPoolCreateAuthChallengeEvent.Response();
            response.setPublicChallengeParameters(Map.of("hint", "say the magic word"));
            // Cognito ends the sign-in when a custom challenge has no private parameters.
            response.setPrivateChallengeParameters(Map.of("expects", "magic word"));
            response.setChallengeMetadata("MAGIC_WORD");
            event.setResponse(response);
            return event;
        }
    }

    /** Accepts the {@code MAGIC_WORD} from its own environment. */
    public static final class Verify
            implements RequestHandler<
                    CognitoUserPoolVerifyAuthChallengeResponseEvent, CognitoUserPoolVerifyAuthChallengeResponseEvent> {

        private final byte[] word;

        public Verify(Map<String, String> environment) {
            this.word = environment.getOrDefault("MAGIC_WORD", "").getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public CognitoUserPoolVerifyAuthChallengeResponseEvent handleRequest(
                CognitoUserPoolVerifyAuthChallengeResponseEvent event, Context context) {
            String answer = event.getRequest().getChallengeAnswer();
            var response = new CognitoUserPoolVerifyAuthChallengeResponseEvent.Response();
            response.setAnswerCorrect(word.length > 0
                    && answer != null
                    && MessageDigest.isEqual(word, answer.getBytes(StandardCharsets.UTF_8)));
            event.setResponse(response);
            return event;
        }
    }
}
