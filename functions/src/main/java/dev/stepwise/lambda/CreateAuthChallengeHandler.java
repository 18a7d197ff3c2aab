package dev.stepwise.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolCreateAuthChallengeEvent;
import java.util.Map;

/** The Create Auth Challenge trigger (work in progress: the flow is being wired in). */
public final class CreateAuthChallengeHandler
        implements RequestHandler<CognitoUserPoolCreateAuthChallengeEvent, CognitoUserPoolCreateAuthChallengeEvent> {
    /** Reads its settings from the process environment, as on Lambda. */
    public CreateAuthChallengeHandler() {
        this(System.getenv());
    }

    /** Reads its settings from {@code environment}; throws IllegalArgumentException when they are invalid. */
    public CreateAuthChallengeHandler(Map<String, String> environment) {
        if (FunctionSetting.STEPWISE_SECRET.read(environment) == null) {
            throw new IllegalArgumentException("STEPWISE_SECRET is not set: set it to base64 of >= 32 random bytes");
        }
    }

    @Override
    public CognitoUserPoolCreateAuthChallengeEvent handleRequest(
            CognitoUserPoolCreateAuthChallengeEvent event, Context context) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
