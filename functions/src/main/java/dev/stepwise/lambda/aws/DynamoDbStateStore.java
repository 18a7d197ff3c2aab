package dev.stepwise.lambda.aws;

import dev.stepwise.core.StateItem;
import dev.stepwise.core.StateStore;
import dev.stepwise.core.StateStoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The {@link StateStore} over a DynamoDB table with string keys {@code pk} (partition) and {@code sk} (sort) and the
 * TTL attribute {@code expiresAt} (epoch seconds, a number), as the CDK app creates it. Other attributes are strings.
 *
 * <p>DynamoDB deletes expired items only eventually, so every read filters on {@code expiresAt} itself and the
 * conditional put treats an expired item as absent. Uses only GetItem, PutItem, DeleteItem, Query and UpdateItem, each
 * with the fixed expressions below, so the emulator's state-table endpoint can serve the same calls. Counters
 * ({@link #increment}) keep their count in the number attribute {@code count}. Thread-safe.
 */
public final class DynamoDbStateStore implements StateStore {
    static final String PK = "pk";
    static final String SK = "sk";
    static final String EXPIRES_AT = "expiresAt";
    static final String ABSENT_OR_EXPIRED = "attribute_not_exists(pk) OR expiresAt <= :now";
    static final String PRESENT = "attribute_exists(pk)";
    static final String KEY_PREFIX = "pk = :pk AND begins_with(sk, :prefix)";
    static final String ADD_ONE = "ADD #count :one SET expiresAt = if_not_exists(expiresAt, :expiresAt)";
    static final String PRESENT_AND_LIVE = "attribute_not_exists(pk) OR expiresAt > :now";
    static final String ABSENT_OR_LIVE_BELOW = "attribute_not_exists(pk) OR (expiresAt > :now AND #count < :limit)";
    static final String TAKE_ONE = "ADD #count :minusOne";
    static final String LIVE_ABOVE_ZERO = "attribute_exists(pk) AND expiresAt > :now AND #count > :zero";
    private static final int INCREMENT_TRIES = 4;

    private final DynamoDbClient client;
    private final String table;

    /** A store over {@code table}, called through {@code client}. */
    public DynamoDbStateStore(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public Optional<StateItem> get(String pk, String sk, Instant now) {
        GetItemResponse response = call(
                "GetItem",
                () -> client.getItem(r -> r.tableName(table).key(key(pk, sk)).consistentRead(true)));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        StateItem item = fromItem(response.item());
        return item.expired(now) ? Optional.empty() : Optional.of(item);
    }

    @Override
    public boolean putIfAbsent(StateItem item, Instant now) {
        try {
            call(
                    "PutItem",
                    () -> client.putItem(r -> r.tableName(table)
                            .item(toItem(item))
                            .conditionExpression(ABSENT_OR_EXPIRED)
                            .expressionAttributeValues(Map.of(":now", number(now.getEpochSecond())))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void put(StateItem item) {
        call("PutItem", () -> client.putItem(r -> r.tableName(table).item(toItem(item))));
    }

    @Override
    public boolean deleteIfPresent(String pk, String sk) {
        try {
            call(
                    "DeleteItem",
                    () -> client.deleteItem(
                            r -> r.tableName(table).key(key(pk, sk)).conditionExpression(PRESENT)));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public List<StateItem> query(String pk, String skPrefix, Instant now) {
        List<StateItem> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder request = QueryRequest.builder()
                    .tableName(table)
                    .keyConditionExpression(KEY_PREFIX)
                    .expressionAttributeValues(
                            Map.of(":pk", AttributeValue.fromS(pk), ":prefix", AttributeValue.fromS(skPrefix)))
                    .consistentRead(true);
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            QueryResponse response = call("Query", () -> client.query(request.build()));
            for (Map<String, AttributeValue> raw : response.items()) {
                StateItem item = fromItem(raw);
                if (!item.expired(now)) {
                    items.add(item);
                }
            }
            start = response.hasLastEvaluatedKey()
                            && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey()
                    : null;
        } while (start != null);
        return items;
    }

    @Override
    public long increment(String pk, String sk, Instant expiresAt, Instant now) {
        for (int i = 0; i < INCREMENT_TRIES; i++) {
            try {
                return addOne(pk, sk, PRESENT_AND_LIVE, Map.of(), expiresAt, now);
            } catch (ConditionalCheckFailedException expired) {
                // The counter is there but expired (DynamoDB has not deleted it yet): start it again at 1, unless a
                // concurrent caller restarted it first, in which case add to theirs.
                if (restart(pk, sk, expiresAt, now)) {
                    return 1;
                }
            }
        }
        throw keptChanging(sk);
    }

    @Override
    public long incrementUpTo(String pk, String sk, long limit, Instant expiresAt, Instant now) {
        for (int i = 0; i < INCREMENT_TRIES; i++) {
            try {
                return addOne(pk, sk, ABSENT_OR_LIVE_BELOW, Map.of(":limit", number(limit)), expiresAt, now);
            } catch (ConditionalCheckFailedException refused) {
                // Refused because the live count is at the limit, or because the item had expired. In the second
                // case a concurrent caller may have restarted it meanwhile: only a live count at the limit refuses.
                Optional<StateItem> live = get(pk, sk, now);
                if (live.isPresent()) {
                    String count = live.get().attribute(StateStore.COUNT);
                    if (count == null || Long.parseLong(count) >= limit) {
                        return -1;
                    }
                } else if (restart(pk, sk, expiresAt, now)) {
                    return 1;
                }
            }
        }
        throw keptChanging(sk);
    }

    /** ADDs one to the counter under {@code condition}; throws {@link ConditionalCheckFailedException} when refused. */
    private long addOne(
            String pk,
            String sk,
            String condition,
            Map<String, AttributeValue> moreValues,
            Instant expiresAt,
            Instant now) {
        Map<String, AttributeValue> values = new HashMap<>(moreValues);
        values.put(":one", number(1));
        values.put(":expiresAt", number(expiresAt.getEpochSecond()));
        values.put(":now", number(now.getEpochSecond()));
        Map<String, AttributeValue> updated = call(
                        "UpdateItem",
                        () -> client.updateItem(r -> r.tableName(table)
                                .key(key(pk, sk))
                                .updateExpression(ADD_ONE)
                                .conditionExpression(condition)
                                .expressionAttributeNames(Map.of("#count", StateStore.COUNT))
                                .expressionAttributeValues(values)
                                .returnValues(ReturnValue.UPDATED_NEW)))
                .attributes();
        return Long.parseLong(updated.get(StateStore.COUNT).n());
    }

    /** Starts an absent or expired counter again at 1; false when a concurrent caller restarted it first. */
    private boolean restart(String pk, String sk, Instant expiresAt, Instant now) {
        Map<String, AttributeValue> fresh = new HashMap<>(key(pk, sk));
        fresh.put(StateStore.COUNT, number(1));
        fresh.put(EXPIRES_AT, number(expiresAt.getEpochSecond()));
        try {
            call(
                    "PutItem",
                    () -> client.putItem(r -> r.tableName(table)
                            .item(fresh)
                            .conditionExpression(ABSENT_OR_EXPIRED)
                            .expressionAttributeValues(Map.of(":now", number(now.getEpochSecond())))));
            return true;
        } catch (ConditionalCheckFailedException restarted) {
            return false;
        }
    }

    private StateStoreException keptChanging(String sk) {
        return new StateStoreException(
                "state table " + table + ": the counter " + sk + " kept changing under " + INCREMENT_TRIES + " tries",
                null);
    }

    @Override
    public boolean decrement(String pk, String sk, Instant now) {
        try {
            call(
                    "UpdateItem",
                    () -> client.updateItem(r -> r.tableName(table)
                            .key(key(pk, sk))
                            .updateExpression(TAKE_ONE)
                            .conditionExpression(LIVE_ABOVE_ZERO)
                            .expressionAttributeNames(Map.of("#count", StateStore.COUNT))
                            .expressionAttributeValues(Map.of(
                                    ":minusOne", number(-1),
                                    ":zero", number(0),
                                    ":now", number(now.getEpochSecond())))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private <T> T call(String operation, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (ConditionalCheckFailedException e) {
            throw e;
        } catch (SdkException e) {
            throw new StateStoreException(
                    "state table " + table + ": " + operation + " failed ("
                            + e.getClass().getSimpleName() + ")",
                    e);
        }
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk));
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static Map<String, AttributeValue> toItem(StateItem item) {
        Map<String, AttributeValue> raw = new HashMap<>();
        raw.putAll(key(item.pk(), item.sk()));
        item.attributes().forEach((name, value) -> raw.put(name, AttributeValue.fromS(value)));
        if (item.expiresAt() != null) {
            raw.put(EXPIRES_AT, number(item.expiresAt().getEpochSecond()));
        }
        return raw;
    }

    private static StateItem fromItem(Map<String, AttributeValue> raw) {
        Map<String, String> attributes = new HashMap<>();
        Instant expiresAt = null;
        for (Map.Entry<String, AttributeValue> entry : raw.entrySet()) {
            String name = entry.getKey();
            if (name.equals(PK) || name.equals(SK)) {
                continue;
            }
            if (name.equals(EXPIRES_AT)) {
                expiresAt =
                        Instant.ofEpochSecond(Long.parseLong(entry.getValue().n()));
            } else if (entry.getValue().s() != null) {
                attributes.put(name, entry.getValue().s());
            } else if (entry.getValue().n() != null) {
                attributes.put(name, entry.getValue().n());
            }
        }
        return new StateItem(raw.get(PK).s(), raw.get(SK).s(), attributes, expiresAt);
    }
}
