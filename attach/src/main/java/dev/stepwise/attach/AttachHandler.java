package dev.stepwise.attach;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/**
 * The {@code onEvent} handler of the CDK custom-resource provider that attaches the Stepwise triggers to an existing
 * user pool (the infra module's existing-pool stack).
 *
 * <p>Resource properties: {@value #USER_POOL_ID}, {@value #DEFINE}, {@value #CREATE}, {@value #VERIFY} (Lambda or
 * alias ARNs) and {@value #REPLACE_EXISTING} ({@code "true"} to replace other custom-auth triggers already on the
 * pool). Create attaches; Update attaches the new ARNs (to the new pool, if the pool id changed, after which
 * CloudFormation deletes the old attachment); Delete restores the triggers the pool had before, kept in the physical
 * id ({@link AttachmentId}). Failures are thrown; the provider framework reports them to CloudFormation.
 */
public final class AttachHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    /** Resource property: the user pool id. */
    public static final String USER_POOL_ID = "UserPoolId";
    /** Resource property: the Define Auth Challenge ARN. */
    public static final String DEFINE = "DefineAuthChallenge";
    /** Resource property: the Create Auth Challenge ARN. */
    public static final String CREATE = "CreateAuthChallenge";
    /** Resource property: the Verify Auth Challenge Response ARN. */
    public static final String VERIFY = "VerifyAuthChallengeResponse";
    /** Resource property: {@code "true"} to replace other custom-auth triggers already on the pool. */
    public static final String REPLACE_EXISTING = "ReplaceExistingTriggers";

    private final TriggerAttachment attachment;

    /** Builds the Cognito client once, during Lambda init, with the region Lambda sets. */
    public AttachHandler() {
        this(new TriggerAttachment(CognitoIdentityProviderClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .build()));
    }

    AttachHandler(TriggerAttachment attachment) {
        this.attachment = Objects.requireNonNull(attachment, "attachment");
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        String requestType = text(event, "RequestType");
        Map<String, Object> properties = map(event, "ResourceProperties");
        String physicalId = (String) event.get("PhysicalResourceId");
        AttachmentId id =
                switch (requestType) {
                    case "Create" -> create(properties);
                    case "Update" -> update(properties, map(event, "OldResourceProperties"), physicalId);
                    case "Delete" -> delete(properties, physicalId, context);
                    default -> throw new IllegalArgumentException("Unknown RequestType " + requestType);
                };
        if (context != null && !"Delete".equals(requestType)) {
            context.getLogger().log(requestType + " user pool " + (id == null ? "-" : id.userPoolId()) + ": done\n");
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("PhysicalResourceId", id == null ? physicalId : id.text());
        if (id != null) {
            response.put("Data", Map.of(USER_POOL_ID, id.userPoolId()));
        }
        return response;
    }

    private AttachmentId create(Map<String, Object> properties) {
        String poolId = text(properties, USER_POOL_ID);
        CustomAuthTriggers previous =
                attachment.attach(poolId, triggers(properties), CustomAuthTriggers.none(), replace(properties));
        return new AttachmentId(poolId, previous);
    }

    private AttachmentId update(Map<String, Object> properties, Map<String, Object> old, String physicalId) {
        AttachmentId existing = AttachmentId.parse(physicalId);
        String poolId = text(properties, USER_POOL_ID);
        if (existing == null || !existing.userPoolId().equals(poolId)) {
            return create(properties);
        }
        attachment.attach(poolId, triggers(properties), triggers(old), replace(properties));
        return existing;
    }

    private AttachmentId delete(Map<String, Object> properties, String physicalId, Context context) {
        AttachmentId existing = AttachmentId.parse(physicalId);
        if (existing == null) {
            return null;
        }
        TriggerAttachment.DetachOutcome outcome =
                attachment.detach(existing.userPoolId(), triggers(properties), existing.previous());
        if (context != null) {
            context.getLogger().log("Delete user pool " + existing.userPoolId() + ": " + outcome + "\n");
        }
        return existing;
    }

    private static CustomAuthTriggers triggers(Map<String, Object> properties) {
        return new CustomAuthTriggers(
                (String) properties.get(DEFINE), (String) properties.get(CREATE), (String) properties.get(VERIFY));
    }

    private static boolean replace(Map<String, Object> properties) {
        return "true".equalsIgnoreCase(String.valueOf(properties.get(REPLACE_EXISTING)));
    }

    private static String text(Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (!(value instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException("The custom resource event has no " + key);
        }
        return s;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> event, String key) {
        Object value = event.get(key);
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
