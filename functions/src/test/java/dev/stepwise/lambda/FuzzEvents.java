package dev.stepwise.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.lambda.HandlerRig.Trigger;
import java.util.List;
import java.util.Map;

/** Trigger events shaped as Cognito sends them (every response key present with value null). */
final class FuzzEvents {
    static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** One entry of {@code request.session}. */
    record Round(String challengeName, boolean passed, String metadata) {}

    /** Who signs in, where and how Cognito sees the user. */
    record Identity(String pool, String user, Map<String, String> attributes, boolean notFound) {}

    private FuzzEvents() {}

    static ObjectNode signIn(Trigger trigger, Identity identity, String client, List<Round> session) {
        ObjectNode event = envelope(trigger, identity, client);
        ObjectNode request = (ObjectNode) event.get("request");
        ArrayNode rounds = request.putArray("session");
        for (Round round : session) {
            ObjectNode entry = rounds.addObject();
            entry.put("challengeName", round.challengeName());
            entry.put("challengeResult", round.passed());
            entry.put("challengeMetadata", round.metadata());
        }
        if (trigger == Trigger.CREATE) {
            request.put("challengeName", "CUSTOM_CHALLENGE");
        }
        return event;
    }

    static ObjectNode verify(Identity identity, String client, Map<String, String> privateParameters, String answer) {
        ObjectNode event = envelope(Trigger.VERIFY, identity, client);
        ObjectNode request = (ObjectNode) event.get("request");
        if (privateParameters == null) {
            request.putNull("privateChallengeParameters");
        } else {
            ObjectNode parameters = request.putObject("privateChallengeParameters");
            privateParameters.forEach(parameters::put);
        }
        request.put("challengeAnswer", answer);
        return event;
    }

    private static ObjectNode envelope(Trigger trigger, Identity identity, String client) {
        ObjectNode event = JSON.objectNode();
        event.put("version", "1");
        event.put("region", "us-east-1");
        event.put("userPoolId", identity.pool());
        event.put("userName", identity.user());
        ObjectNode caller = event.putObject("callerContext");
        caller.put("awsSdkVersion", "aws-sdk-unknown-unknown");
        caller.put("clientId", client);
        event.put("triggerSource", trigger.source);
        ObjectNode request = event.putObject("request");
        ObjectNode attributes = request.putObject("userAttributes");
        identity.attributes().forEach(attributes::put);
        request.put("userNotFound", identity.notFound());
        ObjectNode response = event.putObject("response");
        List<String> keys =
                switch (trigger) {
                    case DEFINE -> List.of("challengeName", "issueTokens", "failAuthentication");
                    case CREATE -> List.of(
                            "publicChallengeParameters", "privateChallengeParameters", "challengeMetadata");
                    case VERIFY -> List.of("answerCorrect");
                };
        keys.forEach(key -> response.set(key, NullNode.getInstance()));
        return event;
    }
}
