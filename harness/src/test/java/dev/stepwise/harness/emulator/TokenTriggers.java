package dev.stepwise.harness.emulator;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostAuthenticationEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreAuthenticationEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Pre authentication, post authentication and pre token generation handlers on the typed Lambda event classes, so
 * the runtime's serialization is exercised both ways; each records the events it got, in order.
 */
final class TokenTriggers {

    static final ConcurrentLinkedQueue<Object> EVENTS = new ConcurrentLinkedQueue<>();

    private TokenTriggers() {}

    static <T> List<T> events(Class<T> type) {
        return EVENTS.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Refuses a sign-in whose validation data says {@code block=yes}. */
    public static final class PreAuthentication
            implements RequestHandler<CognitoUserPoolPreAuthenticationEvent, CognitoUserPoolPreAuthenticationEvent> {
        @Override
        public CognitoUserPoolPreAuthenticationEvent handleRequest(
                CognitoUserPoolPreAuthenticationEvent event, Context context) {
            EVENTS.add(event);
            Map<String, String> data = event.getRequest().getValidationData();
            if (data != null && "yes".equals(data.get("block"))) {
                throw new IllegalStateException("This account is paused");
            }
            return event;
        }
    }

    /** Records the sign-in; fails when the user's {@code custom:post} attribute is {@code fail}. */
    public static final class PostAuthentication
            implements RequestHandler<CognitoUserPoolPostAuthenticationEvent, CognitoUserPoolPostAuthenticationEvent> {
        @Override
        public CognitoUserPoolPostAuthenticationEvent handleRequest(
                CognitoUserPoolPostAuthenticationEvent event, Context context) {
            EVENTS.add(event);
            context.getLogger().log("post authentication for " + event.getUserName());
            if ("fail".equals(event.getRequest().getUserAttributes().get("custom:post"))) {
                throw new IllegalStateException("audit store unavailable");
            }
            return event;
        }
    }

    /**
     * Version 1: adds {@code tenant}, suppresses {@code email}, tries to change {@code sub}, and replaces the groups
     * with {@code from-trigger} when the user is in {@code override-me}.
     */
    public static final class PreTokenV1
            implements RequestHandler<CognitoUserPoolPreTokenGenerationEvent, CognitoUserPoolPreTokenGenerationEvent> {
        @Override
        public CognitoUserPoolPreTokenGenerationEvent handleRequest(
                CognitoUserPoolPreTokenGenerationEvent event, Context context) {
            EVENTS.add(event);
            if ("fail".equals(event.getRequest().getUserAttributes().get("custom:token"))) {
                throw new IllegalStateException("claims service down");
            }
            CognitoUserPoolPreTokenGenerationEvent.ClaimsOverrideDetails.ClaimsOverrideDetailsBuilder details =
                    CognitoUserPoolPreTokenGenerationEvent.ClaimsOverrideDetails.builder()
                            .withClaimsToAddOrOverride(Map.of("tenant", "acme", "sub", "forged"))
                            .withClaimsToSuppress(new String[] {"email"});
            String[] groups = event.getRequest().getGroupConfiguration().getGroupsToOverride();
            if (groups != null && List.of(groups).contains("override-me")) {
                details.withGroupOverrideDetails(CognitoUserPoolPreTokenGenerationEvent.GroupConfiguration.builder()
                        .withGroupsToOverride(new String[] {"from-trigger"})
                        .build());
            }
            event.setResponse(CognitoUserPoolPreTokenGenerationEvent.Response.builder()
                    .withClaimsOverrideDetails(details.build())
                    .build());
            return event;
        }
    }

    /** Version 2: a claim in each token, one suppressed from each, a scope added. */
    public static final class PreTokenV2
            implements RequestHandler<
                    CognitoUserPoolPreTokenGenerationEventV2, CognitoUserPoolPreTokenGenerationEventV2> {
        @Override
        public CognitoUserPoolPreTokenGenerationEventV2 handleRequest(
                CognitoUserPoolPreTokenGenerationEventV2 event, Context context) {
            EVENTS.add(event);
            event.setResponse(CognitoUserPoolPreTokenGenerationEventV2.Response.builder()
                    .withClaimsAndScopeOverrideDetails(
                            CognitoUserPoolPreTokenGenerationEventV2.ClaimsAndScopeOverrideDetails.builder()
                                    .withIdTokenGeneration(
                                            CognitoUserPoolPreTokenGenerationEventV2.IdTokenGeneration.builder()
                                                    .withClaimsToAddOrOverride(Map.of("plan", "gold"))
                                                    .withClaimsToSuppress(new String[] {"phone_number"})
                                                    .build())
                                    .withAccessTokenGeneration(
                                            CognitoUserPoolPreTokenGenerationEventV2.AccessTokenGeneration.builder()
                                                    .withClaimsToAddOrOverride(Map.of("tenant", "acme"))
                                                    .withScopesToAdd(new String[] {"orders/read"})
                                                    .build())
                                    .build())
                    .build());
            return event;
        }
    }
}
