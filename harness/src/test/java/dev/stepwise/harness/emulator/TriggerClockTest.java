package dev.stepwise.harness.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserLambdaValidationException;

class TriggerClockTest {

    private static final Instant THEN = Instant.parse("2030-01-02T03:04:05Z");

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
    void handlerWithMapAndClockConstructor_isBuiltWithTheEmulatorsClock() {
        try (CognitoEmulator emulator = CognitoEmulator.builder()
                        .clock(Clock.fixed(THEN, ZoneOffset.UTC))
                        .bundledTriggers(Map.of())
                        .defineTrigger(TellsTheTime.class.getName())
                        .functionLog(line -> {})
                        .start();
                CognitoIdentityProviderClient cognito = CognitoIdentityProviderClient.builder()
                        .endpointOverride(emulator.endpoint())
                        .region(Region.US_EAST_1)
                        .credentialsProvider(AnonymousCredentialsProvider.create())
                        .httpClient(UrlConnectionHttpClient.create())
                        .build()) {
            Seeded seeded = emulator.seed();
            UserLambdaValidationException e = catchThrowableOfType(
                    () -> cognito.initiateAuth(r -> r.clientId(seeded.clientId())
                            .authFlow(AuthFlowType.CUSTOM_AUTH)
                            .authParameters(Map.of("USERNAME", seeded.username()))),
                    UserLambdaValidationException.class);
            assertThat(e.awsErrorDetails().errorMessage())
                    .isEqualTo("DefineAuthChallenge failed with error now 2030-01-02T03:04:05Z.");
        }
    }
}
