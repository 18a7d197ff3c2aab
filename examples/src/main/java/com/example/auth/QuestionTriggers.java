package com.example.auth;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolCreateAuthChallengeEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolDefineAuthChallengeEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolVerifyAuthChallengeResponseEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * A team's own custom-auth triggers, written without Stepwise: one security question, two tries. Stepwise's emulator
 * runs them in the tests exactly as Cognito would.
 */
public final class QuestionTriggers {

    static final String QUESTION = "Which port does the emulator listen on by default?";
    static final String ANSWER = "9229";

    private QuestionTriggers() {}

    /** Tokens after a right answer, failure after two wrong ones. */
    public static final class Define
            implements RequestHandler<CognitoUserPoolDefineAuthChallengeEvent, CognitoUserPoolDefineAuthChallengeEvent> {

        @Override
        public CognitoUserPoolDefineAuthChallengeEvent handleRequest(
                CognitoUserPoolDefineAuthChallengeEvent event, Context context) {
            var session = event.getRequest().getSession();
            int rounds = session == null ? 0 : session.length;
            var response = new CognitoUserPoolDefineAuthChallengeEvent.Response();
            if (rounds > 0 && Boolean.TRUE.equals(session[rounds - 1].getChallengeResult())) {
                response.setIssueTokens(true);
            } else if (rounds >= 2) {
                response.setFailAuthentication(true);
            } else {
                response.setChallengeName("CUSTOM_CHALLENGE");
            }
            event.setResponse(response);
            return event;
        }
    }

    /** Asks the question; the expected answer stays in the private parameters. */
    public static final class Create
            implements RequestHandler<CognitoUserPoolCreateAuthChallengeEvent, CognitoUserPoolCreateAuthChallengeEvent> {

        @Override
        public CognitoUserPoolCreateAuthChallengeEvent handleRequest(
                CognitoUserPoolCreateAuthChallengeEvent event, Context context) {
            var response = new CognitoUserPoolCreateAuthChallengeEvent.Response();
            response.setPublicChallengeParameters(Map.of("question", QUESTION));
            response.setPrivateChallengeParameters(Map.of("answer", ANSWER));
            response.setChallengeMetadata("QUESTION");
            event.setResponse(response);
            return event;
        }
    }

    /** Compares in constant time. */
    public static final class Verify
            implements RequestHandler<
                    CognitoUserPoolVerifyAuthChallengeResponseEvent, CognitoUserPoolVerifyAuthChallengeResponseEvent> {

        @Override
        public CognitoUserPoolVerifyAuthChallengeResponseEvent handleRequest(
                CognitoUserPoolVerifyAuthChallengeResponseEvent event, Context context) {
            String expected = event.getRequest().getPrivateChallengeParameters().get("answer");
            String given = event.getRequest().getChallengeAnswer();
            var response = new CognitoUserPoolVerifyAuthChallengeResponseEvent.Response();
            response.setAnswerCorrect(given != null
                    && MessageDigest.isEqual(
                            expected.getBytes(StandardCharsets.UTF_8), given.strip().getBytes(StandardCharsets.UTF_8)));
            event.setResponse(response);
            return event;
        }
    }
}
