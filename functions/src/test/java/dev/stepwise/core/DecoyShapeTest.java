package dev.stepwise.core;

import static dev.stepwise.core.Fixtures.CLIENT;
import static dev.stepwise.core.Fixtures.NOW;
import static dev.stepwise.core.Fixtures.POOL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Decoys follow the pool's real sends: they fail while the sender fails, and their destinations look like real ones. */
class DecoyShapeTest {
    private final InMemoryStateStore state = new InMemoryStateStore();
    private volatile boolean senderDown;

    private CustomAuthFlow flow() {
        CodeDelivery email = message -> {
            if (senderDown) {
                throw new DeliveryException("SES v2 SendEmail failed (Throttling, HTTP 400)", true);
            }
        };
        return CustomAuthFlow.builder()
                .policies(PolicySet.parse("email_code", null, Limits.DEFAULT))
                .keys(Fixtures.KEYS)
                .codes(new CodeGenerator(new SecureRandom()))
                .templates(new MessageTemplates("Code", "Your code is {code}.", "{code}"))
                .deliveries(Map.of(DeliveryMedium.EMAIL, email))
                .sleeper(pause -> {})
                .stateStore(state)
                .secrets(new AesGcmSecretBox(Fixtures.KEYS, new SecureRandom()))
                .factorSettings(FactorSettings.DEFAULT)
                .abuseLimits(new AbuseLimits(true, 100, Duration.ofMinutes(15), Duration.ZERO, 1000, 1000, 1000))
                .build();
    }

    private static SignInContext real(String name, String email) {
        return new SignInContext(POOL, name, CLIENT, new UserProfile(email, null), List.of(), false);
    }

    private static SignInContext unknown(String name) {
        return new SignInContext(POOL, name, CLIENT, UserProfile.NONE, List.of(), true);
    }

    @Test
    void senderFailing_decoysFailTooWithTheSameText() {
        CustomAuthFlow flow = flow();
        senderDown = true;
        for (int i = 0; i < 5; i++) {
            String name = "real" + i;
            assertThatThrownBy(() -> flow.create(real(name, name + "@example.com"), NOW))
                    .isInstanceOf(DeliveryException.class)
                    .hasMessage(DeliveryException.TRY_AGAIN);
        }

        assertThatThrownBy(() -> flow.create(unknown("ghost"), NOW))
                .isInstanceOf(DeliveryException.class)
                .hasMessage(DeliveryException.TRY_AGAIN);
    }

    @Test
    void senderHealthy_decoysDoNotFail() {
        CustomAuthFlow flow = flow();
        flow.create(real("real", "real@example.com"), NOW);

        assertThat(flow.create(unknown("ghost"), NOW).publicParameters()).containsKey("destination");
    }

    @Test
    void decoyDestination_followsRecentRealDomainsAndStaysTheSame() {
        CustomAuthFlow flow = flow();
        for (int i = 0; i < 5; i++) {
            flow.create(real("real" + i, "user" + i + "@corp.example"), NOW);
        }

        String first = flow.create(unknown("ghost"), NOW).publicParameters().get("destination");
        flow.create(real("later", "later@zeta.test"), NOW);
        String again = flow.create(unknown("ghost"), NOW.plusSeconds(60))
                .publicParameters()
                .get("destination");

        assertThat(first).endsWith("@c***.example");
        assertThat(again).isEqualTo(first);
    }
}
