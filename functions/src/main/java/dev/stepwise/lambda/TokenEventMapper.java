package dev.stepwise.lambda;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2;
import dev.stepwise.core.TokenGuard;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads and writes the pre token generation event beans (versions 1 and 2), as {@link CognitoEventMapper} does for
 * the three custom-auth triggers. A malformed event (no pool, no user, a trigger source that is not a token generation)
 * throws {@link IllegalArgumentException}: Cognito then issues no tokens.
 *
 * @see <a href="https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html">
 *     Pre token generation Lambda trigger</a>
 */
final class TokenEventMapper {
    /** Every pre token generation trigger source starts so; the guard decides on the rest. */
    static final String TOKEN_GENERATION = "TokenGeneration_";

    private TokenEventMapper() {}

    static TokenGuard.TokenRequest toTokenRequest(CognitoUserPoolEvent event) {
        if (event == null) {
            throw new IllegalArgumentException("the event is null");
        }
        if (event.getTriggerSource() == null || !event.getTriggerSource().startsWith(TOKEN_GENERATION)) {
            throw new IllegalArgumentException("this handler serves pre token generation (TokenGeneration_*), not"
                    + " triggerSource '" + event.getTriggerSource() + "': attach it to the PreTokenGeneration trigger");
        }
        if (event.getUserPoolId() == null || event.getUserPoolId().isBlank()) {
            throw new IllegalArgumentException("the event has no userPoolId");
        }
        if (event.getUserName() == null || event.getUserName().isBlank()) {
            throw new IllegalArgumentException("the event has no userName");
        }
        String client = event.getCallerContext() == null
                ? null
                : event.getCallerContext().getClientId();
        return new TokenGuard.TokenRequest(
                event.getTriggerSource(), event.getUserPoolId(), event.getUserName(), client);
    }

    /** Version 1: {@code claims} added to the ID token; groups and everything else left as Cognito has them. */
    static void writeClaims(CognitoUserPoolPreTokenGenerationEvent event, Map<String, String> claims) {
        if (claims.isEmpty()) {
            return;
        }
        CognitoUserPoolPreTokenGenerationEvent.ClaimsOverrideDetails details =
                new CognitoUserPoolPreTokenGenerationEvent.ClaimsOverrideDetails();
        details.setClaimsToAddOrOverride(new HashMap<>(claims));
        CognitoUserPoolPreTokenGenerationEvent.Response response =
                new CognitoUserPoolPreTokenGenerationEvent.Response();
        response.setClaimsOverrideDetails(details);
        event.setResponse(response);
    }

    /** Version 2: {@code claims} added to the ID and the access token; groups and scopes left as they are. */
    static void writeClaims(CognitoUserPoolPreTokenGenerationEventV2 event, Map<String, String> claims) {
        if (claims.isEmpty()) {
            return;
        }
        CognitoUserPoolPreTokenGenerationEventV2.IdTokenGeneration id =
                new CognitoUserPoolPreTokenGenerationEventV2.IdTokenGeneration();
        id.setClaimsToAddOrOverride(new HashMap<>(claims));
        CognitoUserPoolPreTokenGenerationEventV2.AccessTokenGeneration access =
                new CognitoUserPoolPreTokenGenerationEventV2.AccessTokenGeneration();
        access.setClaimsToAddOrOverride(new HashMap<>(claims));
        CognitoUserPoolPreTokenGenerationEventV2.ClaimsAndScopeOverrideDetails details =
                new CognitoUserPoolPreTokenGenerationEventV2.ClaimsAndScopeOverrideDetails();
        details.setIdTokenGeneration(id);
        details.setAccessTokenGeneration(access);
        CognitoUserPoolPreTokenGenerationEventV2.Response response =
                new CognitoUserPoolPreTokenGenerationEventV2.Response();
        response.setClaimsAndScopeOverrideDetails(details);
        event.setResponse(response);
    }
}
