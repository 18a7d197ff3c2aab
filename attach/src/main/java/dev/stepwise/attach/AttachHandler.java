package dev.stepwise.attach;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.stepwise.audit.AuditOptions;
import dev.stepwise.audit.AuditReport;
import dev.stepwise.audit.Finding;
import dev.stepwise.audit.PoolAudit;
import dev.stepwise.audit.Severity;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/**
 * The {@code onEvent} handler of the CDK custom-resource provider that attaches the Stepwise triggers to an existing
 * user pool (the infra module's existing-pool stack).
 *
 * <p>Resource properties: {@value #USER_POOL_ID}, {@value #DEFINE}, {@value #CREATE}, {@value #VERIFY} (Lambda or
 * alias ARNs), {@value #REPLACE_EXISTING} ({@code "true"} to replace other custom-auth triggers already on the pool),
 * {@value #ALLOW_BYPASS} ({@code "true"} to attach although some client can get tokens around the triggers),
 * {@value #POLICY} (the Stepwise policy, for the audit) and, optionally, {@value #POST_CONFIRMATION} (attached only
 * where the pool has no post confirmation trigger of its own, never replacing one; {@code Data.PostConfirmationResult}
 * says which). Create attaches; Update attaches the new ARNs (to the new pool, if the pool id changed, after which
 * CloudFormation deletes the old attachment); Delete restores, trigger by trigger, the custom-auth triggers the pool
 * had before, kept in the physical id ({@link AttachmentId}), and removes Stepwise's post confirmation if it is still
 * there.
 *
 * <p>Everything that can fail is checked before the pool is written: the properties, the other triggers, the physical
 * id's length, and the audit ({@link PoolAudit}), which refuses a pool with a bypass unless {@value #ALLOW_BYPASS}
 * is set. After the write the pool is read back. The response's {@code Data.Audit} summarises the findings for the
 * stack's output. Failures are thrown; the provider framework reports them to CloudFormation.
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
    /** Resource property: {@code "true"} to attach to a pool where some client can get tokens around the triggers. */
    public static final String ALLOW_BYPASS = "AllowBypassFlows";
    /**
     * Resource property, optional: Stepwise's post confirmation ARN, attached only when the pool has no post
     * confirmation trigger of its own.
     */
    public static final String POST_CONFIRMATION = "PostConfirmation";
    /** Resource property: the Stepwise policy the triggers run, for the audit's recovery check. */
    public static final String POLICY = "Policy";
    /** Response data: a summary of the audit's findings. */
    public static final String AUDIT = "Audit";
    /** Response data: whether post confirmation was attached, and if not, why and what to do instead. */
    public static final String POST_CONFIRMATION_RESULT = "PostConfirmationResult";

    /* CloudFormation limits a custom resource's whole response to 4 KB. */
    private static final int AUDIT_SUMMARY_LENGTH = 1500;
    private static final Pattern POOL_ID = Pattern.compile("[\\w-]+_[0-9a-zA-Z]+");

    private final TriggerAttachment attachment;
    private final PoolAudit audit;

    /** Builds the Cognito client once, during Lambda init, with the region Lambda sets. */
    public AttachHandler() {
        this(new TriggerAttachment(CognitoIdentityProviderClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .build()));
    }

    AttachHandler(TriggerAttachment attachment) {
        this(attachment, new PoolAudit(attachment.client()));
    }

    AttachHandler(TriggerAttachment attachment, PoolAudit audit) {
        this.attachment = Objects.requireNonNull(attachment, "attachment");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        String requestType = text(event, "RequestType");
        Map<String, Object> properties = map(event, "ResourceProperties");
        String physicalId = (String) event.get("PhysicalResourceId");
        Map<String, Object> data = new LinkedHashMap<>();
        AttachmentId id =
                switch (requestType) {
                    case "Create" -> create(properties, data, context);
                    case "Update" -> update(properties, map(event, "OldResourceProperties"), physicalId, data, context);
                    case "Delete" -> delete(properties, physicalId, context);
                    default -> throw new IllegalArgumentException("Unknown RequestType " + requestType);
                };
        if (context != null && !"Delete".equals(requestType)) {
            context.getLogger().log(requestType + " user pool " + (id == null ? "-" : id.userPoolId()) + ": done\n");
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("PhysicalResourceId", id == null ? physicalId : id.text());
        if (id != null) {
            data.put(USER_POOL_ID, id.userPoolId());
            response.put("Data", data);
        }
        return response;
    }

    private AttachmentId create(Map<String, Object> properties, Map<String, Object> data, Context context) {
        String poolId = poolId(properties);
        TriggerAttachment.Plan plan = attachment.plan(
                poolId, triggers(properties), CustomAuthTriggers.none(), flag(properties, REPLACE_EXISTING));
        AttachmentId id = new AttachmentId(poolId, plan.previous());
        id.text();
        data.put(AUDIT, audit(poolId, properties, context));
        attachment.apply(plan);
        data.put(POST_CONFIRMATION_RESULT, postConfirmation(poolId, properties, null, context));
        return id;
    }

    private AttachmentId update(
            Map<String, Object> properties,
            Map<String, Object> old,
            String physicalId,
            Map<String, Object> data,
            Context context) {
        AttachmentId existing = AttachmentId.parse(physicalId);
        String poolId = poolId(properties);
        if (existing == null || !existing.userPoolId().equals(poolId)) {
            return create(properties, data, context);
        }
        TriggerAttachment.Plan plan =
                attachment.plan(poolId, triggers(properties), triggers(old), flag(properties, REPLACE_EXISTING));
        data.put(AUDIT, audit(poolId, properties, context));
        attachment.apply(plan);
        data.put(
                POST_CONFIRMATION_RESULT,
                postConfirmation(poolId, properties, optional(old, POST_CONFIRMATION), context));
        return existing;
    }

    private AttachmentId delete(Map<String, Object> properties, String physicalId, Context context) {
        AttachmentId existing = AttachmentId.parse(physicalId);
        if (existing == null) {
            return null;
        }
        TriggerAttachment.DetachOutcome outcome =
                attachment.detach(existing.userPoolId(), triggers(properties), existing.previous());
        boolean postConfirmationRemoved =
                attachment.detachPostConfirmation(existing.userPoolId(), optional(properties, POST_CONFIRMATION));
        if (context != null) {
            context.getLogger()
                    .log("Delete user pool " + existing.userPoolId() + ": " + outcome
                            + (postConfirmationRemoved ? ", post confirmation removed" : "") + "\n");
        }
        return existing;
    }

    /* Post confirmation revokes trusted devices on a password reset; a team's own trigger is reported, never replaced. */
    private String postConfirmation(String poolId, Map<String, Object> properties, String earlier, Context context) {
        String arn = optional(properties, POST_CONFIRMATION);
        if (arn == null) {
            return "not requested";
        }
        TriggerAttachment.PostConfirmationOutcome outcome = attachment.attachPostConfirmation(poolId, arn, earlier);
        String result =
                switch (outcome) {
                    case ATTACHED, ALREADY_ATTACHED -> "attached";
                    case KEPT_OWN -> "NOT attached: the pool has a post confirmation trigger of its own, left as it"
                            + " is. Trusted devices are not revoked on a password reset unless that trigger calls"
                            + " TrustedDevices.revokeAll (or stepwise devices revoke --all) on"
                            + " PostConfirmation_ConfirmForgotPassword (docs/devices.md)";
                };
        if (context != null) {
            context.getLogger().log("post confirmation " + poolId + ": " + result + "\n");
        }
        return result;
    }

    private static String optional(Map<String, Object> properties, String key) {
        Object value = properties.get(key);
        return value instanceof String s && !s.isBlank() ? s : null;
    }

    /* Runs the same check as stepwise audit, before anything is written; refuses a bypass unless allowed. */
    private String audit(String poolId, Map<String, Object> properties, Context context) {
        Object policy = properties.get(POLICY);
        AuditReport report = audit.audit(
                poolId,
                new AuditOptions(policy instanceof String s && !s.isBlank() ? s : null, null, null, null, false));
        if (report.hasBypass() && !flag(properties, ALLOW_BYPASS)) {
            throw new IllegalStateException("User pool " + poolId + " has ways to get tokens without the custom-auth"
                    + " triggers, so Stepwise's factors could be skipped: "
                    + report.findings().stream()
                            .filter(f -> f.severity() == Severity.BYPASS)
                            .map(Finding::line)
                            .collect(Collectors.joining(" | "))
                    + " Fix them first (stepwise audit --user-pool-id " + poolId + " lists every finding), or deploy"
                    + " with -c allowBypassFlows=true to attach anyway.");
        }
        if (context != null) {
            for (Finding finding : report.findings()) {
                context.getLogger().log("audit " + poolId + ": " + finding.line() + "\n");
            }
        }
        return (report.hasBypass() ? "WARNING, attached with allowBypassFlows=true: " : "")
                + report.summary(AUDIT_SUMMARY_LENGTH);
    }

    private static String poolId(Map<String, Object> properties) {
        String poolId = text(properties, USER_POOL_ID);
        if (!POOL_ID.matcher(poolId).matches()) {
            throw new IllegalArgumentException("Not a user pool id: " + poolId);
        }
        return poolId;
    }

    private static CustomAuthTriggers triggers(Map<String, Object> properties) {
        return new CustomAuthTriggers(
                (String) properties.get(DEFINE), (String) properties.get(CREATE), (String) properties.get(VERIFY));
    }

    private static boolean flag(Map<String, Object> properties, String key) {
        return "true".equalsIgnoreCase(String.valueOf(properties.get(key)));
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
