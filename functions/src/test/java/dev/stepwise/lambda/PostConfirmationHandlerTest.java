package dev.stepwise.lambda;

import static dev.stepwise.lambda.LambdaJson.fixture;
import static dev.stepwise.lambda.LambdaJson.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostConfirmationEvent;
import dev.stepwise.core.InMemoryStateStore;
import dev.stepwise.core.TrustedDevices;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostConfirmationHandlerTest {
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    private final InMemoryStateStore store = new InMemoryStateStore();
    private final TrustedDevices devices = new TrustedDevices(store, Duration.ofDays(30));
    private final List<String> lines = new ArrayList<>();
    private final PostConfirmationHandler handler =
            new PostConfirmationHandler(devices, Clock.fixed(NOW, ZoneOffset.UTC), lines::add);
    private final String secret = TrustedDevices.newSecret(new SecureRandom());

    private void run(String trigger) {
        handler.handleRequest(
                read(
                        fixture("post_confirmation.json", Map.of("trigger", trigger)),
                        CognitoUserPoolPostConfirmationEvent.class),
                null);
    }

    @Test
    void handleRequest_forgotPasswordConfirmed_revokesEveryTrustedDevice() {
        devices.trust("us-east-1_EXAMPLE", "alice", "client1", secret, NOW);

        run("PostConfirmation_ConfirmForgotPassword");

        assertThat(devices.recognise("us-east-1_EXAMPLE", "alice", "client1", secret, NOW))
                .isFalse();
        assertThat(lines).singleElement().asString().contains("\"outcome\":\"revoked\"");
    }

    @Test
    void handleRequest_signUpConfirmed_keepsDevices() {
        devices.trust("us-east-1_EXAMPLE", "alice", "client1", secret, NOW);

        run("PostConfirmation_ConfirmSignUp");

        assertThat(devices.recognise("us-east-1_EXAMPLE", "alice", "client1", secret, NOW))
                .isTrue();
    }

    @Test
    void handleRequest_brokenStore_failsTheConfirmation() {
        store.failing(true);

        assertThatThrownBy(() -> run("PostConfirmation_ConfirmForgotPassword"))
                .isInstanceOf(SignInFailedException.class);
    }

    @Test
    void constructor_secretOnlyByArn_neverReadsTheSecret() {
        Map<String, String> environment = Map.of(
                "STEPWISE_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:stepwise-AbCdEf",
                "STEPWISE_STATE_TABLE", "stepwise-state",
                "STEPWISE_EMAIL_FROM", "no-reply@example.com",
                "STEPWISE_AWS_ENDPOINT", "http://127.0.0.1:1",
                "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test");

        assertThat(new PostConfirmationHandler(environment)).isNotNull();
    }

    @Test
    void constructor_noStateTable_saysToSetIt() {
        assertThatThrownBy(() -> new PostConfirmationHandler(
                        Map.of("STEPWISE_SECRET", HandlerRig.SECRET, "STEPWISE_EMAIL_FROM", "no-reply@example.com")))
                .hasMessageContaining("STEPWISE_STATE_TABLE");
    }
}
