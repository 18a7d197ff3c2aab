package dev.stepwise.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolCreateAuthChallengeEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolDefineAuthChallengeEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolVerifyAuthChallengeResponseEvent;
import java.time.Clock;
import java.util.Map;

/**
 * The bundled handlers built as their {@code Map} constructors build them, but on a given clock, through the
 * {@code (Map, Clock)} constructors the emulator looks for, so a simulated attack moves the triggers' time (lockout
 * windows, send limits), for the guessing-attack benchmark. Stands in until the handlers themselves have public
 * {@code (Map, Clock)} constructors.
 */
public final class ClockedTriggers {

    private ClockedTriggers() {}

    /** Define on the emulator's clock. */
    public static final class Define
            implements RequestHandler<
                    CognitoUserPoolDefineAuthChallengeEvent, CognitoUserPoolDefineAuthChallengeEvent> {
        private final DefineAuthChallengeHandler handler;

        public Define(Map<String, String> environment, Clock clock) {
            handler = new DefineAuthChallengeHandler(
                    FunctionWiring.from(environment).defineFlow(), clock, LogSink.lambdaLogger());
        }

        @Override
        public CognitoUserPoolDefineAuthChallengeEvent handleRequest(
                CognitoUserPoolDefineAuthChallengeEvent event, Context context) {
            return handler.handleRequest(event, context);
        }
    }

    /** Create on the emulator's clock. */
    public static final class Create
            implements RequestHandler<
                    CognitoUserPoolCreateAuthChallengeEvent, CognitoUserPoolCreateAuthChallengeEvent> {
        private final CreateAuthChallengeHandler handler;

        public Create(Map<String, String> environment, Clock clock) {
            handler = new CreateAuthChallengeHandler(
                    FunctionWiring.from(environment).createFlow(), clock, LogSink.lambdaLogger());
        }

        @Override
        public CognitoUserPoolCreateAuthChallengeEvent handleRequest(
                CognitoUserPoolCreateAuthChallengeEvent event, Context context) {
            return handler.handleRequest(event, context);
        }
    }

    /** Verify on the emulator's clock. */
    public static final class Verify
            implements RequestHandler<
                    CognitoUserPoolVerifyAuthChallengeResponseEvent, CognitoUserPoolVerifyAuthChallengeResponseEvent> {
        private final VerifyAuthChallengeHandler handler;

        public Verify(Map<String, String> environment, Clock clock) {
            handler = new VerifyAuthChallengeHandler(
                    FunctionWiring.from(environment).verifyFlow(), clock, LogSink.lambdaLogger());
        }

        @Override
        public CognitoUserPoolVerifyAuthChallengeResponseEvent handleRequest(
                CognitoUserPoolVerifyAuthChallengeResponseEvent event, Context context) {
            return handler.handleRequest(event, context);
        }
    }
}
