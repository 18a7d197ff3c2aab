package dev.stepwise.harness.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class TestClockTest {

    private static final Instant START = Instant.parse("2026-11-22T03:00:00Z");

    @Test
    void advanceAndSet_moveTheTimeOnlyWhenTold() {
        TestClock clock = TestClock.at(START);
        Instant unmoved = clock.instant();
        Instant advanced = clock.advance(Duration.ofSeconds(31));
        clock.set(START.plusSeconds(3600));

        assertThat(unmoved).isEqualTo(START);
        assertThat(advanced).isEqualTo(START.plusSeconds(31));
        assertThat(clock.instant()).isEqualTo(START.plusSeconds(3600));
        assertThat(clock.millis()).isEqualTo(START.plusSeconds(3600).toEpochMilli());
    }

    @Test
    void withZone_sharesTheTime() {
        TestClock clock = TestClock.at(START);
        TestClock paris = clock.withZone(ZoneId.of("Europe/Paris"));

        clock.advance(Duration.ofMinutes(5));

        assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(paris.instant()).isEqualTo(START.plusSeconds(300));
    }

    @Test
    void advance_fromManyThreadsAtOnce_losesNoStep() throws Exception {
        TestClock clock = TestClock.at(START);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                done.add(pool.submit(() -> {
                    for (int j = 0; j < 1000; j++) {
                        clock.advance(Duration.ofMillis(1));
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(clock.instant()).isEqualTo(START.plusMillis(8000));
    }
}
