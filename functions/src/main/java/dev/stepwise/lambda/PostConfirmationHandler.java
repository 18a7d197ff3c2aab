package dev.stepwise.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostConfirmationEvent;
import dev.stepwise.core.ConfigurationException;
import dev.stepwise.core.TrustedDevices;
import java.time.Clock;
import java.util.Map;

/**
 * The post confirmation trigger: when a user resets a forgotten password ({@code ConfirmForgotPassword}, trigger source
 * {@value #FORGOT_PASSWORD}), every device the user trusted stops being trusted, so the steps marked
 * {@code @new_device} are asked again everywhere. Other confirmations (a sign-up) change nothing. Cognito runs no
 * trigger for {@code ChangePassword} or {@code AdminSetUserPassword}: revoke with {@code stepwise devices revoke --all}
 * there. An error (the state table not answering) fails the confirmation, as Cognito does for any trigger error, so
 * a reset never leaves devices trusted unnoticed. Thread-safe.
 *
 * @see <a href="https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-post-confirmation.html">
 *     Post confirmation Lambda trigger</a>
 */
public final class PostConfirmationHandler
        implements RequestHandler<CognitoUserPoolPostConfirmationEvent, CognitoUserPoolPostConfirmationEvent> {
    /** The trigger source of a confirmed password reset. */
    static final String FORGOT_PASSWORD = "PostConfirmation_ConfirmForgotPassword";

    private final TrustedDevices devices;
    private final Clock clock;
    private final InvocationLog log;

    /** Reads its settings from the process environment, as on Lambda. */
    public PostConfirmationHandler() {
        this(System.getenv());
    }

    /**
     * Reads its settings from {@code environment} (see {@link FunctionSetting}).
     *
     * @throws IllegalArgumentException when the settings are invalid; the message says how to fix them
     */
    public PostConfirmationHandler(Map<String, String> environment) {
        this(environment, Clock.systemUTC());
    }

    /**
     * Reads its settings from {@code environment} and takes the time from {@code clock}.
     *
     * @throws IllegalArgumentException when the settings are invalid or name no state table
     */
    public PostConfirmationHandler(Map<String, String> environment, Clock clock) {
        this(devices(environment), clock, LogSink.lambdaLogger());
    }

    PostConfirmationHandler(TrustedDevices devices, Clock clock, LogSink sink) {
        this.devices = devices;
        this.clock = clock;
        this.log = new InvocationLog(sink);
    }

    /* Revoking needs only the state table: the secret is not read, so this function's role has no access to it. */
    private static TrustedDevices devices(Map<String, String> environment) {
        FunctionWiring wiring = FunctionWiring.withoutSecret(environment);
        FunctionConfig config = wiring.config();
        if (config.stateTable() == null) {
            throw new ConfigurationException("post confirmation revokes trusted devices kept in the state table: set"
                    + " STEPWISE_STATE_TABLE to the table the other triggers use");
        }
        return new TrustedDevices(wiring.stateStore(), config.factorSettings().deviceTrust());
    }

    @Override
    public CognitoUserPoolPostConfirmationEvent handleRequest(
            CognitoUserPoolPostConfirmationEvent event, Context context) {
        log.record(CognitoEventMapper.facts(event), context, () -> {
            if (event.getUserPoolId() == null || event.getUserName() == null) {
                throw new IllegalArgumentException("the event has no userPoolId or userName");
            }
            if (!FORGOT_PASSWORD.equals(event.getTriggerSource())) {
                return new InvocationLog.Outcome("unchanged", null, 0, null, null);
            }
            int revoked = devices.revokeAll(event.getUserPoolId(), event.getUserName(), clock.instant());
            return new InvocationLog.Outcome("revoked", revoked + " trusted devices", 0, null, null);
        });
        return event;
    }
}
