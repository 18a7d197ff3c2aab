package dev.stepwise.lambda.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepwise.core.StateItem;
import dev.stepwise.core.StateStore;
import dev.stepwise.core.StateStoreException;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The state table's contract on DynamoDB Local, for both stores over it: the SDK client's ({@link DynamoDbStateStore},
 * which the harness's tools use) and the hand-signed calls' ({@link SignedStateStore}, which the functions use). Each
 * has its own table, so their keys do not meet.
 */
class DynamoDbStateStoreTest {
    private static final Instant NOW = Instant.parse("2026-11-22T03:00:00Z");
    private static DynamoDbLocal dynamo;

    @BeforeAll
    static void start() throws Exception {
        dynamo = DynamoDbLocal.start();
        dynamo.createTable("sdk-state");
        dynamo.createTable("signed-state");
    }

    static Stream<Arguments> stores() {
        Function<String, StateStore> sdk = table -> new DynamoDbStateStore(dynamo.client(), "sdk-" + table);
        Function<String, StateStore> signed = table -> dynamo.signedStore("signed-" + table);
        return Stream.of(Arguments.of("SDK client", sdk), Arguments.of("signed calls", signed));
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void get_afterPut_returnsAttributesAndExpiry(String kind, Function<String, StateStore> over) {
        StateStore store = over.apply("state");
        store.put(new StateItem("p1", "s1", Map.of("a", "b"), NOW.plusSeconds(60)));

        assertThat(store.get("p1", "s1", NOW))
                .hasValue(new StateItem("p1", "s1", Map.of("a", "b"), NOW.plusSeconds(60)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void get_expiredItem_isEmpty(String kind, Function<String, StateStore> over) {
        StateStore store = over.apply("state");
        store.put(new StateItem("p2", "s1", Map.of(), NOW.plusSeconds(60)));

        assertThat(store.get("p2", "s1", NOW.plusSeconds(60))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void putIfAbsent_twice_writesOnce(String kind, Function<String, StateStore> over) {
        StateStore store = over.apply("state");
        StateItem item = new StateItem("p3", "s1", Map.of("n", "1"), null);

        assertThat(store.putIfAbsent(item, NOW)).isTrue();
        assertThat(store.putIfAbsent(new StateItem("p3", "s1", Map.of("n", "2"), null), NOW))
                .isFalse();
        assertThat(store.get("p3", "s1", NOW).orElseThrow().attribute("n")).isEqualTo("1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void putIfAbsent_overExpiredItem_writes(String kind, Function<String, StateStore> over) {
        StateStore store = over.apply("state");
        store.put(new StateItem("p4", "s1", Map.of("n", "1"), NOW.minusSeconds(1)));

        assertThat(store.putIfAbsent(new StateItem("p4", "s1", Map.of("n", "2"), null), NOW))
                .isTrue();
        assertThat(store.get("p4", "s1", NOW).orElseThrow().attribute("n")).isEqualTo("2");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void deleteIfPresent_twice_succeedsOnce(String kind, Function<String, StateStore> over) {
        StateStore store = over.apply("state");
        store.put(new StateItem("p5", "s1", Map.of(), null));

        assertThat(store.deleteIfPresent("p5", "s1")).isTrue();
        assertThat(store.deleteIfPresent("p5", "s1")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void query_prefix_returnsLiveMatchesInOrder(String kind, Function<String, StateStore> over) {
        StateStore store = over.apply("state");
        store.put(new StateItem("p6", "backup#2", Map.of(), null));
        store.put(new StateItem("p6", "backup#1", Map.of(), null));
        store.put(new StateItem("p6", "backup#3", Map.of(), NOW.minusSeconds(5)));
        store.put(new StateItem("p6", "totp", Map.of(), null));

        assertThat(store.query("p6", "backup#", NOW)).extracting(StateItem::sk).containsExactly("backup#1", "backup#2");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void query_moreThanOnePage_returnsEveryPage(String kind, Function<String, StateStore> over) {
        StateStore store = over.apply("state");
        String large = "x".repeat(300_000);
        for (int i = 1; i <= 5; i++) {
            store.put(new StateItem("p7", "big#" + i, Map.of("v", large), null));
        }

        assertThat(store.query("p7", "big#", NOW))
                .as("DynamoDB answers a query in pages of at most 1 MB: five items of 300 KB take two")
                .extracting(StateItem::sk)
                .containsExactly("big#1", "big#2", "big#3", "big#4", "big#5");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void get_missingTable_throwsStateStoreException(String kind, Function<String, StateStore> over) {
        StateStore missing = over.apply("no-such-table");

        assertThatThrownBy(() -> missing.get("p", "s", NOW))
                .isInstanceOf(StateStoreException.class)
                .hasMessageContaining("no-such-table");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void increment_newLiveAndExpiredCounter_countsFromOneAndKeepsTheFirstExpiry(
            String kind, Function<String, StateStore> over) {
        StateStore store = over.apply("state");
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void increment_concurrentCallers_noLostUpdates(String kind, Function<String, StateStore> over) throws Exception {
        StateStore store = over.apply("state");
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void incrementUpTo_expiredCounterRestartedByConcurrentCallers_refusesOnlyPastTheLimit(
            String kind, Function<String, StateStore> over) throws Exception {
        StateStore store = over.apply("state");
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
