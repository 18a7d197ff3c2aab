package dev.stepwise.harness.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class LoadRunnerTest {

    @Test
    @Tag("slow")
    void run_pacedPlan_startsEverySignInAndKeepsTheRate() throws Exception {
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        LoadReport report = LoadRunner.create()
                .run(
                        new LoadPlan(200, 100, 0, 4, Duration.ofSeconds(10)),
                        seen::add,
                        LoadRunner.ProgressListener.none());

        assertThat(seen).hasSize(100);
        assertThat(report.succeeded()).isEqualTo(100);
        assertThat(report.failed()).isZero();
        assertThat(report.elapsedNanos()).isBetween(450_000_000L, 2_000_000_000L);
        assertThat(report.startLag().count()).isEqualTo(100);
    }

    @Test
    @Tag("slow")
    void run_slowTarget_countsQueueingInLatency() throws Exception {
        LoadReport report = LoadRunner.create()
                .run(
                        new LoadPlan(100, 20, 0, 1, Duration.ofSeconds(10)),
                        index -> Thread.sleep(20),
                        LoadRunner.ProgressListener.none());

        assertThat(report.latency().max()).isGreaterThan(150_000_000L);
        assertThat(report.latency().min()).isLessThan(60_000_000L);
    }

    @Test
    void run_failingSignIns_areCountedWithTheFirstError() throws Exception {
        LoadReport report = LoadRunner.create()
                .run(
                        new LoadPlan(0, 10, 2, 2, Duration.ofSeconds(10)),
                        index -> {
                            if (index % 2 == 0) {
                                throw new IllegalStateException("wrong code");
                            }
                        },
                        LoadRunner.ProgressListener.none());

        assertThat(report.started()).isEqualTo(10);
        assertThat(report.failed()).isEqualTo(5);
        assertThat(report.succeeded()).isEqualTo(5);
        assertThat(report.firstError()).isEqualTo("IllegalStateException: wrong code");
    }

    @Test
    void run_timeLimitBeforeCount_stopsStarting() throws Exception {
        LoadReport report = LoadRunner.create()
                .run(
                        new LoadPlan(10, 1000, 0, 2, Duration.ofMillis(300)),
                        index -> {},
                        LoadRunner.ProgressListener.none());

        assertThat(report.started()).isBetween(3, 5);
        assertThat(report.succeeded()).isEqualTo(report.started());
    }

    @Test
    void newPlan_zeroCount_isRejected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LoadPlan(1, 0, 0, 1, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("count");
    }
}
