package dev.stepwise.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SendRetryTest {
    private static final CodeMessage MESSAGE =
            new CodeMessage(DeliveryMedium.EMAIL, "alice@example.com", "Your code", "Your code is 123456.");

    private final AtomicLong nanos = new AtomicLong();
    private final List<Duration> sleeps = new ArrayList<>();
    private final SendRetry retry = new SendRetry(
            duration -> {
                sleeps.add(duration);
                nanos.addAndGet(duration.toNanos());
            },
            new SplittableRandom(7),
            nanos::get);

    /** A sender that fails {@code failures} times (each taking {@code millis}), then works. */
    private CodeDelivery failing(int failures, boolean retryable, long millis, AtomicInteger calls) {
        return message -> {
            nanos.addAndGet(Duration.ofMillis(millis).toNanos());
            if (calls.incrementAndGet() <= failures) {
                throw new DeliveryException("SES v2 SendEmail failed (Throttling, HTTP 400)", retryable);
            }
        };
    }

    @Test
    void send_retryableTwiceThenWorks_threeCallsTwoJitteredWaits() {
        AtomicInteger calls = new AtomicInteger();

        retry.send(failing(2, true, 20, calls), MESSAGE);

        assertThat(calls).hasValue(3);
        assertThat(sleeps).hasSize(2);
        assertThat(sleeps.get(0).toMillis()).isBetween(75L, 225L);
        assertThat(sleeps.get(1).toMillis()).isBetween(225L, 675L);
    }

    @Test
    void send_alwaysRetryable_threeAttemptsThenTryAgainMessageWithDetail() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> retry.send(failing(99, true, 20, calls), MESSAGE))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.detail()).isEqualTo("SES v2 SendEmail failed (Throttling, HTTP 400); 3 attempts");
                })
                .hasMessage(DeliveryException.TRY_AGAIN);
        assertThat(calls).hasValue(3);
    }

    @Test
    void send_permanentFailure_noRetryAndRefusedMessage() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> retry.send(failing(99, false, 20, calls), MESSAGE))
                .isInstanceOf(DeliveryException.class)
                .hasMessage(DeliveryException.REFUSED);
        assertThat(calls).hasValue(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void send_slowTimeouts_stopsBeforeTheBudgetEnds() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> retry.send(failing(99, true, SendRetry.ATTEMPT_TIMEOUT.toMillis(), calls), MESSAGE))
                .isInstanceOf(DeliveryException.class)
                .hasMessage(DeliveryException.TRY_AGAIN);
        assertThat(calls)
                .as("a third one-second attempt would end after the 3.5 s budget")
                .hasValue(2);
        assertThat(Duration.ofNanos(nanos.get())).isLessThanOrEqualTo(SendRetry.BUDGET);
    }
}
