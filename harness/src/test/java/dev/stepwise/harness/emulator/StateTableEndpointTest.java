package dev.stepwise.harness.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.core.StateItem;
import dev.stepwise.harness.junit.StepwiseEmulator;
import dev.stepwise.lambda.aws.DynamoDbStateStore;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

@StepwiseEmulator
class StateTableEndpointTest {
    private static final Instant NOW = Instant.parse("2026-11-22T03:00:00Z");
    private static DynamoDbClient client;
    private static DynamoDbStateStore store;

    @BeforeAll
    static void start(URI endpoint) {
        client = DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
        store = new DynamoDbStateStore(client, "stepwise-state");
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @Test
    void get_afterPut_returnsAttributesAndExpiry() {
        store.put(new StateItem("p1", "s1", Map.of("a", "b"), NOW.plusSeconds(60)));

        assertThat(store.get("p1", "s1", NOW))
                .hasValue(new StateItem("p1", "s1", Map.of("a", "b"), NOW.plusSeconds(60)));
        assertThat(store.get("p1", "s1", NOW.plusSeconds(60))).isEmpty();
    }

    @Test
    void putIfAbsent_liveThenExpired_writesOnlyOverExpired() {
        assertThat(store.putIfAbsent(new StateItem("p2", "s1", Map.of(), NOW.plusSeconds(10)), NOW))
                .isTrue();
        assertThat(store.putIfAbsent(new StateItem("p2", "s1", Map.of(), null), NOW))
                .isFalse();
        assertThat(store.putIfAbsent(new StateItem("p2", "s1", Map.of("n", "2"), null), NOW.plusSeconds(10)))
                .isTrue();
    }

    @Test
    void deleteIfPresent_twice_succeedsOnce() {
        store.put(new StateItem("p3", "s1", Map.of(), null));

        assertThat(store.deleteIfPresent("p3", "s1")).isTrue();
        assertThat(store.deleteIfPresent("p3", "s1")).isFalse();
    }

    @Test
    void query_prefix_returnsLiveMatchesInOrder() {
        store.put(new StateItem("p4", "backup#2", Map.of(), null));
        store.put(new StateItem("p4", "backup#1", Map.of(), null));
        store.put(new StateItem("p4", "backup#3", Map.of(), NOW.minusSeconds(5)));
        store.put(new StateItem("p4", "totp", Map.of(), null));

        assertThat(store.query("p4", "backup#", NOW)).extracting(StateItem::sk).containsExactly("backup#1", "backup#2");
    }

    @Test
    void scan_notServed_isAnError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.scan(r -> r.tableName("stepwise-state")))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("Scan");
    }
}
