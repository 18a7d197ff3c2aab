package dev.stepwise.harness.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.stepwise.harness.junit.StepwiseEmulator;
import dev.stepwise.harness.junit.TestClock;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserLambdaValidationException;

class TriggerClockTest {

    /** Tells the time it was given by failing with it. */
    public static final class TellsTheTime implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        private final Clock clock;

        public TellsTheTime(Map<String, String> environment, Clock clock) {
            this.clock = clock;
        }

        @Override
        public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
            throw new IllegalStateException("now " + clock.instant());
        }
    }

    @Test
    @StepwiseEmulator(define = TellsTheTime.class, clock = "2030-01-02T03:04:05Z")
    void handlerWithMapAndClockConstructor_isBuiltWithTheEmulatorsClock(Seeded seeded, URI endpoint, TestClock clock) {
        try (CognitoIdentityProviderClient cognito = EmulatorFixture.client(endpoint)) {
            UserLambdaValidationException first = signIn(cognito, seeded);
            clock.advance(Duration.ofMinutes(90));
            UserLambdaValidationException later = signIn(cognito, seeded);

            assertThat(first.awsErrorDetails().errorMessage())
                    .isEqualTo("DefineAuthChallenge failed with error now 2030-01-02T03:04:05Z.");
            assertThat(later.awsErrorDetails().errorMessage())
                    .isEqualTo("DefineAuthChallenge failed with error now 2030-01-02T04:34:05Z.");
        }
    }

    private static UserLambdaValidationException signIn(CognitoIdentityProviderClient cognito, Seeded seeded) {
        return catchThrowableOfType(
                () -> cognito.initiateAuth(r -> r.clientId(seeded.clientId())
                        .authFlow(AuthFlowType.CUSTOM_AUTH)
                        .authParameters(Map.of("USERNAME", seeded.username()))),
                UserLambdaValidationException.class);
    }
}
