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
}
