package dev.stepwise.lambda;

import static dev.stepwise.lambda.LambdaJson.tree;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Plays Cognito's part of CUSTOM_AUTH against the three handlers, one JSON event per trigger call. */
final class CognitoLoop {
    record Result(String outcome, List<JsonNode> challenges, List<String> answers) {}

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final HandlerRig triggers;
    private final String userName;
    private final String clientId;
    private final Map<String, String> attributes;
    private final boolean userNotFound;

    CognitoLoop(
            HandlerRig triggers, String userName, String clientId, Map<String, String> attributes, boolean notFound) {
        this.triggers = triggers;
        this.userName = userName;
        this.clientId = clientId;
        this.attributes = attributes;
        this.userNotFound = notFound;
    }

    Result signIn(boolean srp, boolean passwordCorrect, Function<JsonNode, String> answerer) {
        ArrayNode session = JSON.arrayNode();
        if (srp) {
            session.add(round("SRP_A", true, null));
        }
        List<JsonNode> challenges = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        for (int calls = 0; calls < 20; calls++) {
            JsonNode decision = tree(triggers.define(event("DefineAuthChallenge_Authentication", session, null)))
                    .get("response");
            if (decision.get("failAuthentication").asBoolean()) {
                return new Result("fail", challenges, answers);
            }
            if (decision.get("issueTokens").asBoolean()) {
                return new Result("tokens", challenges, answers);
            }
            String challengeName = decision.get("challengeName").asText();
            if (challengeName.equals("PASSWORD_VERIFIER")) {
                session.add(round("PASSWORD_VERIFIER", passwordCorrect, null));
                continue;
            }
            JsonNode created = tree(triggers.create(event("CreateAuthChallenge_Authentication", session, null)))
                    .get("response");
            challenges.add(created.get("publicChallengeParameters"));
            String answer = answerer.apply(created.get("publicChallengeParameters"));
            answers.add(answer);
            ObjectNode verifyRequest = JSON.objectNode();
            verifyRequest.set("privateChallengeParameters", created.get("privateChallengeParameters"));
            verifyRequest.put("challengeAnswer", answer);
            JsonNode verdict = tree(triggers.verify(
                            event("VerifyAuthChallengeResponse_Authentication", null, verifyRequest)))
                    .get("response");
            session.add(round(
                    "CUSTOM_CHALLENGE",
                    verdict.get("answerCorrect").asBoolean(),
                    created.get("challengeMetadata").asText()));
        }
        throw new AssertionError("the sign-in did not end after 20 trigger calls");
    }

    /**
     * The first custom round of a sign-in without SRP, left open: Define, then Create called {@code creates} times
     * with the same event, as Cognito does when it retries a Create that timed out.
     *
     * @return every Create's response, in order
     */
    List<JsonNode> open(int creates) {
        ArrayNode session = JSON.arrayNode();
        tree(triggers.define(event("DefineAuthChallenge_Authentication", session, null)));
        String create = event("CreateAuthChallenge_Authentication", session, null);
        List<JsonNode> responses = new ArrayList<>();
        for (int i = 0; i < creates; i++) {
            responses.add(tree(triggers.create(create)).get("response"));
        }
        return responses;
    }

    /**
     * Answers the first round that {@link #open} created, then asks Define.
     *
     * @return {@code tokens}, {@code fail} or {@code challenge}
     */
    String answer(JsonNode created, String answer) {
        ObjectNode verifyRequest = JSON.objectNode();
        verifyRequest.set("privateChallengeParameters", created.get("privateChallengeParameters"));
        verifyRequest.put("challengeAnswer", answer);
        JsonNode verdict = tree(triggers.verify(
                        event("VerifyAuthChallengeResponse_Authentication", null, verifyRequest)))
                .get("response");
        ArrayNode session = JSON.arrayNode();
        session.add(round(
                "CUSTOM_CHALLENGE",
                verdict.get("answerCorrect").asBoolean(),
                created.get("challengeMetadata").asText()));
        JsonNode decision = tree(triggers.define(event("DefineAuthChallenge_Authentication", session, null)))
                .get("response");
        if (decision.get("issueTokens").asBoolean()) {
            return "tokens";
        }
        return decision.get("failAuthentication").asBoolean() ? "fail" : "challenge";
    }

    private String event(String trigger, ArrayNode session, ObjectNode verifyRequest) {
        ObjectNode event = JSON.objectNode();
        event.put("version", "1");
        event.put("region", "us-east-1");
        event.put("userPoolId", "us-east-1_EXAMPLE");
        event.put("userName", userName);
        event.putObject("callerContext")
                .put("awsSdkVersion", "aws-sdk-unknown-unknown")
                .put("clientId", clientId);
        event.put("triggerSource", trigger);
        ObjectNode request = verifyRequest != null ? verifyRequest : JSON.objectNode();
        ObjectNode userAttributes = request.putObject("userAttributes");
        attributes.forEach(userAttributes::put);
        if (session != null) {
            request.set("session", session.deepCopy());
        }
        if (trigger.startsWith("Create")) {
            request.put("challengeName", "CUSTOM_CHALLENGE");
        }
        request.put("userNotFound", userNotFound);
        event.set("request", request);
        ObjectNode response = event.putObject("response");
        if (trigger.startsWith("Define")) {
            response.set("challengeName", NullNode.getInstance());
            response.set("issueTokens", NullNode.getInstance());
            response.set("failAuthentication", NullNode.getInstance());
        } else if (trigger.startsWith("Create")) {
            response.set("publicChallengeParameters", NullNode.getInstance());
            response.set("privateChallengeParameters", NullNode.getInstance());
            response.set("challengeMetadata", NullNode.getInstance());
        } else {
            response.set("answerCorrect", NullNode.getInstance());
        }
        return event.toString();
    }

    private static ObjectNode round(String name, boolean result, String metadata) {
        ObjectNode round = JSON.objectNode();
        round.put("challengeName", name);
        round.put("challengeResult", result);
        if (metadata == null) {
            round.set("challengeMetadata", NullNode.getInstance());
        } else {
            round.put("challengeMetadata", metadata);
        }
        return round;
    }
}
