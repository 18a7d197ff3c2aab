package dev.stepwise.harness.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.harness.client.NextStep;
import dev.stepwise.harness.client.SignInClient;
import dev.stepwise.harness.emulator.Mailbox;
import dev.stepwise.harness.emulator.Seeded;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@StepwiseEmulator(policy = "email_code")
class MethodSettingsExtensionTest {

    private static final Instant THEN = Instant.parse("2030-01-02T03:04:05Z");
    private static URI classEndpoint;

    @BeforeAll
    static void remember(URI endpoint) {
        classEndpoint = endpoint;
    }

    @Test
    void classEmulator_runsTheClassSettingsOnTheSystemClock(
            SignInClient client, Seeded user, URI endpoint, Mailbox mailbox) {
        Instant before = Instant.now().minusSeconds(1);
        NextStep.Challenge code = (NextStep.Challenge) client.start(user.username());

        assertThat(endpoint).isEqualTo(classEndpoint);
        assertThat(code.codeLength()).isEqualTo(6);
        assertThat(mailbox.emailsTo(user.email()).get(0).timestamp()).isAfter(before);
    }

    @Test
    @StepwiseEmulator(policy = "email_code", environment = "STEPWISE_CODE_LENGTH=8", clock = "2030-01-02T03:04:05Z")
    void methodAnnotation_givesTheMethodItsOwnEmulatorSettingsAndClock(
            SignInClient client, Seeded user, URI endpoint, Mailbox mailbox, TestClock clock) {
        NextStep.Challenge first = (NextStep.Challenge) client.start(user.username());
        clock.advance(Duration.ofMinutes(90));
        client.start(user.username());

        assertThat(endpoint).isNotEqualTo(classEndpoint);
        assertThat(first.codeLength()).isEqualTo(8);
        assertThat(mailbox.emailsTo(user.email()))
                .extracting(email -> email.timestamp())
                .containsExactly(THEN, THEN.plus(Duration.ofMinutes(90)));
    }
}
