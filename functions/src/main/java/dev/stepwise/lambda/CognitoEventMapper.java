package dev.stepwise.lambda;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolCreateAuthChallengeEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolDefineAuthChallengeEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolVerifyAuthChallengeResponseEvent;
import dev.stepwise.core.Decision;
import dev.stepwise.core.IssuedChallenge;
import dev.stepwise.core.Round;
import dev.stepwise.core.SignInContext;
import dev.stepwise.core.UserProfile;
import dev.stepwise.core.VerifyContext;
import dev.stepwise.core.VerifyResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The only class that reads or writes the Cognito trigger event beans (aws-lambda-java-events). It turns them into
 * core records and writes core results into their {@code response}. A malformed event (no {@code request}, no
 * {@code session}, a trigger source for another handler, no pool or user) throws {@link MalformedEventException}
 * with a message that names the problem: Cognito then fails the step, never issues tokens.
 *
 * @see <a href="https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-challenge.html">Custom
 *     authentication challenge Lambda triggers</a>
 */
final class CognitoEventMapper {
    static final String DEFINE_TRIGGER = "DefineAuthChallenge_Authentication";
    static final String CREATE_TRIGGER = "CreateAuthChallenge_Authentication";
    /** Real events and the Java fixtures use this spelling; one table of the developer guide shows the other. */
    static final Set<String> VERIFY_TRIGGERS =
            Set.of("VerifyAuthChallengeResponse_Authentication", "VerifyAuthChallenge_Authentication");

    private CognitoEventMapper() {}

    /** Trigger, pool, client and round for the log line; safe on any event, even a malformed one. */
    static InvocationLog.Facts facts(CognitoUserPoolEvent event) {
        if (event == null) {
            return new InvocationLog.Facts(null, null, null, 0);
        }
        String client = event.getCallerContext() == null
                ? null
                : event.getCallerContext().getClientId();
        Object[] session = null;
        if (event instanceof CognitoUserPoolDefineAuthChallengeEvent define && define.getRequest() != null) {
            session = define.getRequest().getSession();
        } else if (event instanceof CognitoUserPoolCreateAuthChallengeEvent create && create.getRequest() != null) {
            session = create.getRequest().getSession();
        }
        return new InvocationLog.Facts(
                event.getTriggerSource(), event.getUserPoolId(), client, session == null ? 0 : session.length + 1);
    }

    static SignInContext toSignInContext(CognitoUserPoolDefineAuthChallengeEvent event) {
        requireTrigger(event, Set.of(DEFINE_TRIGGER));
        CognitoUserPoolDefineAuthChallengeEvent.Request request = event.getRequest();
        if (request == null) {
            throw new MalformedEventException("the Define Auth Challenge event has no request");
        }
        if (request.getSession() == null) {
            throw new MalformedEventException(
                    "the Define Auth Challenge event has no request.session; Cognito sends [] on the first round");
        }
        List<Round> history = new ArrayList<>();
        for (CognitoUserPoolDefineAuthChallengeEvent.ChallengeResult result : request.getSession()) {
            if (result == null) {
                throw new MalformedEventException("request.session contains null");
            }
            history.add(
                    new Round(result.getChallengeName(), result.getChallengeResult(), result.getChallengeMetadata()));
        }
        return signInContext(event, request.getUserAttributes(), history, request.getUserNotFound());
    }

    static SignInContext toSignInContext(CognitoUserPoolCreateAuthChallengeEvent event) {
        requireTrigger(event, Set.of(CREATE_TRIGGER));
        CognitoUserPoolCreateAuthChallengeEvent.Request request = event.getRequest();
        if (request == null) {
            throw new MalformedEventException("the Create Auth Challenge event has no request");
        }
        if (!Round.CUSTOM_CHALLENGE.equals(request.getChallengeName())) {
            throw new MalformedEventException("Create Auth Challenge was asked for challenge '"
                    + request.getChallengeName() + "'; Stepwise only creates CUSTOM_CHALLENGE");
        }
        if (request.getSession() == null) {
            throw new MalformedEventException(
                    "the Create Auth Challenge event has no request.session; Cognito sends [] on the first round");
        }
        List<Round> history = new ArrayList<>();
        for (CognitoUserPoolCreateAuthChallengeEvent.ChallengeResult result : request.getSession()) {
            if (result == null) {
                throw new MalformedEventException("request.session contains null");
            }
            history.add(
                    new Round(result.getChallengeName(), result.getChallengeResult(), result.getChallengeMetadata()));
        }
        return signInContext(event, request.getUserAttributes(), history, request.getUserNotFound());
    }

    static VerifyContext toVerifyContext(CognitoUserPoolVerifyAuthChallengeResponseEvent event) {
        requireTrigger(event, VERIFY_TRIGGERS);
        CognitoUserPoolVerifyAuthChallengeResponseEvent.Request request = event.getRequest();
        if (request == null) {
            throw new MalformedEventException("the Verify Auth Challenge Response event has no request");
        }
        requireIdentity(event);
        return new VerifyContext(
                event.getUserPoolId(),
                event.getUserName(),
                clientId(event),
                withoutNulls(request.getPrivateChallengeParameters()),
                request.getChallengeAnswer(),
                request.getUserNotFound(),
                request.getUserNotFound() || request.getUserAttributes() == null
                        ? UserProfile.NONE
                        : UserProfile.fromAttributes(withoutNulls(request.getUserAttributes())));
    }

    static void writeDecision(CognitoUserPoolDefineAuthChallengeEvent event, Decision decision) {
        CognitoUserPoolDefineAuthChallengeEvent.Response response =
                new CognitoUserPoolDefineAuthChallengeEvent.Response();
        if (decision instanceof Decision.IssueTokens) {
            response.setIssueTokens(true);
        } else if (decision instanceof Decision.VerifyPassword) {
            response.setChallengeName(Round.PASSWORD_VERIFIER);
        } else if (decision instanceof Decision.Present) {
            response.setChallengeName(Round.CUSTOM_CHALLENGE);
        } else {
            response.setFailAuthentication(true);
        }
        event.setResponse(response);
    }

    static void writeChallenge(CognitoUserPoolCreateAuthChallengeEvent event, IssuedChallenge challenge) {
        CognitoUserPoolCreateAuthChallengeEvent.Response response =
                new CognitoUserPoolCreateAuthChallengeEvent.Response();
        response.setPublicChallengeParameters(new HashMap<>(challenge.publicParameters()));
        response.setPrivateChallengeParameters(new HashMap<>(challenge.privateParameters()));
        response.setChallengeMetadata(challenge.metadata());
        event.setResponse(response);
    }

    static void writeVerdict(CognitoUserPoolVerifyAuthChallengeResponseEvent event, VerifyResult result) {
        CognitoUserPoolVerifyAuthChallengeResponseEvent.Response response =
                new CognitoUserPoolVerifyAuthChallengeResponseEvent.Response();
        response.setAnswerCorrect(result.correct());
        event.setResponse(response);
    }

    private static SignInContext signInContext(
            CognitoUserPoolEvent event, Map<String, String> attributes, List<Round> history, boolean userNotFound) {
        requireIdentity(event);
        UserProfile user = userNotFound ? UserProfile.NONE : UserProfile.fromAttributes(attributes);
        return new SignInContext(
                event.getUserPoolId(), event.getUserName(), clientId(event), user, history, userNotFound);
    }

    private static void requireTrigger(CognitoUserPoolEvent event, Set<String> expected) {
        if (event == null) {
            throw new MalformedEventException("the event is null");
        }
        if (event.getTriggerSource() == null || !expected.contains(event.getTriggerSource())) {
            throw new MalformedEventException("this handler serves "
                    + String.join(" or ", expected.stream().sorted().toList())
                    + ", not triggerSource '" + event.getTriggerSource() + "': attach it to the matching trigger");
        }
    }

    private static void requireIdentity(CognitoUserPoolEvent event) {
        if (event.getUserPoolId() == null || event.getUserPoolId().isBlank()) {
            throw new MalformedEventException("the event has no userPoolId");
        }
        if (event.getUserName() == null || event.getUserName().isBlank()) {
            throw new MalformedEventException("the event has no userName");
        }
    }

    /** The entries with a key and a value: JSON allows {@code "challenge": null}, the core's immutable maps do not. */
    private static Map<String, String> withoutNulls(Map<String, String> map) {
        if (map == null) {
            return null;
        }
        Map<String, String> copy = new HashMap<>();
        map.forEach((key, value) -> {
            if (key != null && value != null) {
                copy.put(key, value);
            }
        });
        return copy;
    }

    private static String clientId(CognitoUserPoolEvent event) {
        return event.getCallerContext() == null
                ? null
                : event.getCallerContext().getClientId();
    }
}
