package dev.stepwise.lambda.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepwise.core.StateItem;
import dev.stepwise.core.StateStoreException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DynamoDbStateStoreTest {
    private static final Instant NOW = Instant.parse("2026-11-22T03:00:00Z");
    private static DynamoDbLocal dynamo;
    private static DynamoDbStateStore store;

    @BeforeAll
    static void start() throws Exception {
        dynamo = DynamoDbLocal.start();
        dynamo.createTable("state");
        store = new DynamoDbStateStore(dynamo.client(), "state");
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    @Test
    void get_afterPut_returnsAttributesAndExpiry() {
        store.put(new StateItem("p1", "s1", Map.of("a", "b"), NOW.plusSeconds(60)));

        assertThat(store.get("p1", "s1", NOW))
                .hasValue(new StateItem("p1", "s1", Map.of("a", "b"), NOW.plusSeconds(60)));
    }

    @Test
    void get_expiredItem_isEmpty() {
        store.put(new StateItem("p2", "s1", Map.of(), NOW.plusSeconds(60)));

        assertThat(store.get("p2", "s1", NOW.plusSeconds(60))).isEmpty();
    }

    @Test
    void putIfAbsent_twice_writesOnce() {
        StateItem item = new StateItem("p3", "s1", Map.of("n", "1"), null);

        assertThat(store.putIfAbsent(item, NOW)).isTrue();
        assertThat(store.putIfAbsent(new StateItem("p3", "s1", Map.of("n", "2"), null), NOW))
                .isFalse();
        assertThat(store.get("p3", "s1", NOW).orElseThrow().attribute("n")).isEqualTo("1");
    }

    @Test
    void putIfAbsent_overExpiredItem_writes() {
        store.put(new StateItem("p4", "s1", Map.of("n", "1"), NOW.minusSeconds(1)));

        assertThat(store.putIfAbsent(new StateItem("p4", "s1", Map.of("n", "2"), null), NOW))
                .isTrue();
        assertThat(store.get("p4", "s1", NOW).orElseThrow().attribute("n")).isEqualTo("2");
    }

    @Test
    void deleteIfPresent_twice_succeedsOnce() {
        store.put(new StateItem("p5", "s1", Map.of(), null));

        assertThat(store.deleteIfPresent("p5", "s1")).isTrue();
        assertThat(store.deleteIfPresent("p5", "s1")).isFalse();
    }

    @Test
    void query_prefix_returnsLiveMatchesInOrder() {
        store.put(new StateItem("p6", "backup#2", Map.of(), null));
        store.put(new StateItem("p6", "backup#1", Map.of(), null));
        store.put(new StateItem("p6", "backup#3", Map.of(), NOW.minusSeconds(5)));
        store.put(new StateItem("p6", "totp", Map.of(), null));

        assertThat(store.query("p6", "backup#", NOW)).extracting(StateItem::sk).containsExactly("backup#1", "backup#2");
    }

    @Test
    void get_missingTable_throwsStateStoreException() {
        DynamoDbStateStore missing = new DynamoDbStateStore(dynamo.client(), "no-such-table");

        assertThatThrownBy(() -> missing.get("p", "s", NOW))
                .isInstanceOf(StateStoreException.class)
                .hasMessageContaining("no-such-table");
    }

    @Test
    void increment_newLiveAndExpiredCounter_countsFromOneAndKeepsTheFirstExpiry() {
        assertThat(store.increment("c1", "n", NOW.plusSeconds(60), NOW)).isEqualTo(1);
        assertThat(store.increment("c1", "n", NOW.plusSeconds(90), NOW.plusSeconds(10)))
                .isEqualTo(2);
        assertThat(store.get("c1", "n", NOW).orElseThrow())
                .isEqualTo(new StateItem("c1", "n", Map.of("count", "2"), NOW.plusSeconds(60)));

        assertThat(store.increment("c1", "n", NOW.plusSeconds(200), NOW.plusSeconds(60)))
                .as("expired at 60 s: starts again")
                .isEqualTo(1);
        assertThat(store.get("c1", "n", NOW.plusSeconds(60)).orElseThrow().expiresAt())
                .isEqualTo(NOW.plusSeconds(200));
    }

    @Test
    void increment_concurrentCallers_noLostUpdates() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<Long>> counts = new java.util.ArrayList<>();
            for (int i = 0; i < 80; i++) {
                counts.add(pool.submit(() -> store.increment("c2", "n", NOW.plusSeconds(60), NOW)));
            }
            java.util.Set<Long> seen = new java.util.TreeSet<>();
            for (java.util.concurrent.Future<Long> count : counts) {
                seen.add(count.get());
            }
            assertThat(seen).as("every caller saw its own count").hasSize(80).contains(1L, 80L);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void incrementUpTo_expiredCounterRestartedByConcurrentCallers_refusesOnlyPastTheLimit() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            for (int key = 0; key < 20; key++) {
                String pk = "c3-" + key;
                for (int i = 0; i < 5; i++) {
                    store.increment(pk, "n", NOW.plusSeconds(10), NOW);
                }
                Instant later = NOW.plusSeconds(20);
                java.util.List<java.util.concurrent.Future<Long>> counts = new java.util.ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    counts.add(pool.submit(() -> store.incrementUpTo(pk, "n", 5, later.plusSeconds(60), later)));
                }
                java.util.List<Long> seen = new java.util.ArrayList<>();
                for (java.util.concurrent.Future<Long> count : counts) {
                    seen.add(count.get());
                }
                assertThat(seen)
                        .as("key %s: the expired count of 5 starts again, so five of eight callers get a place", pk)
                        .containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, -1L, -1L, -1L);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
