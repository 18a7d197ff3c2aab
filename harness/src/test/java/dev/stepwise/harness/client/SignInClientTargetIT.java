package dev.stepwise.harness.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A full sign-in against a pool you name: LocalStack or a real Cognito pool with the Stepwise triggers. Skipped unless
 * {@code STEPWISE_IT_CLIENT_ID} is set. Also reads {@code STEPWISE_IT_ENDPOINT} (unset = AWS), {@code
 * STEPWISE_IT_REGION}, {@code STEPWISE_IT_USER_POOL_ID}, {@code STEPWISE_IT_USERNAME}, {@code STEPWISE_IT_PASSWORD}
 * (then the flow is CUSTOM_WITH_SRP) and {@code STEPWISE_IT_MAILBOX} (a LocalStack-style mailbox base URL; required
 * for code steps).
 */
class SignInClientTargetIT {

    static String env(String name) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? null : value;
    }

    @Test
    void signIn_namedTarget_reachesDone() {
        String clientId = env("STEPWISE_IT_CLIENT_ID");
        Assumptions.assumeTrue(clientId != null, "set STEPWISE_IT_CLIENT_ID (and the other STEPWISE_IT_*) to run");
        String endpoint = env("STEPWISE_IT_ENDPOINT");
        String region = env("STEPWISE_IT_REGION") == null ? "us-east-1" : env("STEPWISE_IT_REGION");
        String password = env("STEPWISE_IT_PASSWORD");
        String mailbox = env("STEPWISE_IT_MAILBOX");
        CodeReader codes = mailbox == null ? null : CodeReader.of(HttpMailbox.at(URI.create(mailbox), region));

        try (SignInClient client = SignInClient.builder()
                .endpoint(endpoint == null ? null : URI.create(endpoint))
                .region(region)
                .userPoolId(env("STEPWISE_IT_USER_POOL_ID"))
                .clientId(clientId)
                .build()) {
            NextStep next = password == null
                    ? client.start(env("STEPWISE_IT_USERNAME"))
                    : client.start(SignInFlow.CUSTOM_WITH_SRP, env("STEPWISE_IT_USERNAME"), password);
            while (next instanceof NextStep.Challenge c) {
                assertThat(c.step()).as(c.stepName()).isNotEqualTo(SignInStep.UNKNOWN);
                Assumptions.assumeTrue(
                        codes != null || !c.options().isEmpty(), "set STEPWISE_IT_MAILBOX to read codes");
                next = c.options().isEmpty()
                        ? client.answer(c, codes.awaitCode(c, Duration.ofSeconds(30)))
                        : client.answer(c, c.options().get(0));
            }

            assertThat(next).isInstanceOf(NextStep.Done.class);
        }
    }
}
