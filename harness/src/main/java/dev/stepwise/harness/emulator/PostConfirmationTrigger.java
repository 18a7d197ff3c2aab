package dev.stepwise.harness.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Post confirmation, run where Cognito runs it (developer guide, "Post confirmation Lambda trigger"): after
 * {@code ConfirmSignUp} and {@code AdminConfirmSignUp} with {@code PostConfirmation_ConfirmSignUp}, after
 * {@code ConfirmForgotPassword} with {@code PostConfirmation_ConfirmForgotPassword}; never for users an administrator
 * creates. The event carries the user's attributes as they are once confirmed and the request's
 * {@code ClientMetadata}; the admin operation has no app client, so {@code callerContext.clientId} is
 * {@value #NO_CLIENT}, as Cognito sends. A function error ends the call with
 * {@code UserLambdaValidationException "PostConfirmation failed with error <message>."}.
 */
final class PostConfirmationTrigger {

    /** What the trigger is run for. */
    enum Source {
        CONFIRM_SIGN_UP("PostConfirmation_ConfirmSignUp"),
        CONFIRM_FORGOT_PASSWORD("PostConfirmation_ConfirmForgotPassword");

        final String triggerSource;

        Source(String triggerSource) {
            this.triggerSource = triggerSource;
        }
    }

    /** {@code callerContext.clientId} of a trigger run by an admin operation, as real Cognito events show it. */
    static final String NO_CLIENT = "CLIENT_ID_NOT_APPLICABLE";

    private final TriggerInvoker triggers;
    private final String region;

    PostConfirmationTrigger(TriggerInvoker triggers, String region) {
        this.triggers = triggers;
        this.region = region;
    }

    /**
     * Runs the pool's Post confirmation trigger, if it has one.
     *
     * @param clientId the app client of the call, or {@code null} for an admin operation
     * @param confirmed the user as the confirmation leaves it
     * @throws CognitoException when the function fails: the caller then keeps the user as it was
     */
    void run(
            UserPool pool,
            String clientId,
            UserRecord confirmed,
            Source source,
            Map<String, String> clientMetadata,
            RequestContext context) {
        String arn = pool.config().triggerArn(Trigger.POST_CONFIRMATION.configKey);
        if (arn == null) {
            return;
        }
        ObjectNode event = AuthTriggers.event(
                source.triggerSource, "1", region, pool, clientId == null ? NO_CLIENT : clientId, confirmed, context);
        AuthTriggers.putMetadata((ObjectNode) event.get("request"), clientMetadata);
        event.putObject("response");
        triggers.invoke(Trigger.POST_CONFIRMATION, arn, event);
    }
}
