package dev.stepwise.lambda.aws;

import static dev.stepwise.lambda.aws.DynamoDbStateStore.ABSENT_OR_EXPIRED;
import static dev.stepwise.lambda.aws.DynamoDbStateStore.ABSENT_OR_LIVE_BELOW;
import static dev.stepwise.lambda.aws.DynamoDbStateStore.ADD_ONE;
import static dev.stepwise.lambda.aws.DynamoDbStateStore.EXPIRES_AT;
import static dev.stepwise.lambda.aws.DynamoDbStateStore.KEY_PREFIX;
import static dev.stepwise.lambda.aws.DynamoDbStateStore.LIVE_ABOVE_ZERO;
import static dev.stepwise.lambda.aws.DynamoDbStateStore.PK;
import static dev.stepwise.lambda.aws.DynamoDbStateStore.PRESENT;
import static dev.stepwise.lambda.aws.DynamoDbStateStore.PRESENT_AND_LIVE;
import static dev.stepwise.lambda.aws.DynamoDbStateStore.SK;
import static dev.stepwise.lambda.aws.DynamoDbStateStore.TAKE_ONE;

import dev.stepwise.core.StateItem;
import dev.stepwise.core.StateStore;
import dev.stepwise.core.StateStoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link StateStore} over the DynamoDB state table, called through {@link SignedCalls} instead of the SDK's
 * DynamoDB client: the same table layout, operations and conditional expressions as {@link DynamoDbStateStore} (whose
 * contract tests run against both), so the two are interchangeable over one table. A refused condition
 * ({@code ConditionalCheckFailedException}) is the same {@code false} or retry as there; every other failure is a
 * {@link StateStoreException} naming the table, the operation and the error code. Thread-safe.
 */
final class SignedStateStore implements StateStore {
    private static final String TARGET = "DynamoDB_20120810.";
    private static final String CONDITION_FAILED = "ConditionalCheckFailedException";
    private static final int INCREMENT_TRIES = 4;

    private final SignedCalls calls;
    private final String table;

    SignedStateStore(SignedCalls calls, String table) {
        this.calls = calls;
        this.table = table;
    }

    @Override
    public Optional<StateItem> get(String pk, String sk, Instant now) {
        Map<String, Object> request = request();
        request.put("Key", key(pk, sk));
        request.put("ConsistentRead", true);
        Object item = call("GetItem", request).get("Item");
        if (!(item instanceof Map<?, ?> raw) || raw.isEmpty()) {
            return Optional.empty();
        }
        StateItem found = fromItem(raw);
        return found.expired(now) ? Optional.empty() : Optional.of(found);
    }

    @Override
    public boolean putIfAbsent(StateItem item, Instant now) {
        Map<String, Object> request = request();
        request.put("Item", toItem(item));
        request.put("ConditionExpression", ABSENT_OR_EXPIRED);
        request.put("ExpressionAttributeValues", Map.of(":now", number(now.getEpochSecond())));
        return conditional("PutItem", request);
    }

    @Override
    public void put(StateItem item) {
        Map<String, Object> request = request();
        request.put("Item", toItem(item));
        call("PutItem", request);
    }

    @Override
    public boolean deleteIfPresent(String pk, String sk) {
        Map<String, Object> request = request();
        request.put("Key", key(pk, sk));
        request.put("ConditionExpression", PRESENT);
        return conditional("DeleteItem", request);
    }

    @Override
    public List<StateItem> query(String pk, String skPrefix, Instant now) {
        List<StateItem> items = new ArrayList<>();
        Object start = null;
        do {
            Map<String, Object> request = request();
            request.put("KeyConditionExpression", KEY_PREFIX);
            request.put("ExpressionAttributeValues", Map.of(":pk", string(pk), ":prefix", string(skPrefix)));
            request.put("ConsistentRead", true);
            if (start != null) {
                request.put("ExclusiveStartKey", start);
            }
            Map<?, ?> response = call("Query", request);
            if (response.get("Items") instanceof List<?> page) {
                for (Object raw : page) {
                    StateItem item = fromItem((Map<?, ?>) raw);
                    if (!item.expired(now)) {
                        items.add(item);
                    }
                }
            }
            start = response.get("LastEvaluatedKey") instanceof Map<?, ?> last && !last.isEmpty() ? last : null;
        } while (start != null);
        return items;
    }

    @Override
    public long increment(String pk, String sk, Instant expiresAt, Instant now) {
        for (int i = 0; i < INCREMENT_TRIES; i++) {
            Long count = addOne(pk, sk, PRESENT_AND_LIVE, Map.of(), expiresAt, now);
            if (count != null) {
                return count;
            }
            // The counter is there but expired (DynamoDB has not deleted it yet): start it again at 1, unless a
            // concurrent caller restarted it first, in which case add to theirs.
            if (restart(pk, sk, expiresAt, now)) {
                return 1;
            }
        }
        throw keptChanging(sk);
    }

    @Override
    public long incrementUpTo(String pk, String sk, long limit, Instant expiresAt, Instant now) {
        for (int i = 0; i < INCREMENT_TRIES; i++) {
            Long count = addOne(pk, sk, ABSENT_OR_LIVE_BELOW, Map.of(":limit", number(limit)), expiresAt, now);
            if (count != null) {
                return count;
            }
            // Refused because the live count is at the limit, or because the item had expired. In the second case a
            // concurrent caller may have restarted it meanwhile: only a live count at the limit refuses.
            Optional<StateItem> live = get(pk, sk, now);
            if (live.isPresent()) {
                String current = live.get().attribute(StateStore.COUNT);
                if (current == null || Long.parseLong(current) >= limit) {
                    return -1;
                }
            } else if (restart(pk, sk, expiresAt, now)) {
                return 1;
            }
        }
        throw keptChanging(sk);
    }

    @Override
    public boolean decrement(String pk, String sk, Instant now) {
        Map<String, Object> request = request();
        request.put("Key", key(pk, sk));
        request.put("UpdateExpression", TAKE_ONE);
        request.put("ConditionExpression", LIVE_ABOVE_ZERO);
        request.put("ExpressionAttributeNames", Map.of("#count", StateStore.COUNT));
        request.put(
                "ExpressionAttributeValues",
                Map.of(":minusOne", number(-1), ":zero", number(0), ":now", number(now.getEpochSecond())));
        return conditional("UpdateItem", request);
    }

    /** ADDs one to the counter under {@code condition}: the new count, or {@code null} when the condition refused. */
    private Long addOne(
            String pk, String sk, String condition, Map<String, Object> moreValues, Instant expiresAt, Instant now) {
        Map<String, Object> values = new LinkedHashMap<>(moreValues);
        values.put(":one", number(1));
        values.put(":expiresAt", number(expiresAt.getEpochSecond()));
        values.put(":now", number(now.getEpochSecond()));
        Map<String, Object> request = request();
        request.put("Key", key(pk, sk));
        request.put("UpdateExpression", ADD_ONE);
        request.put("ConditionExpression", condition);
        request.put("ExpressionAttributeNames", Map.of("#count", StateStore.COUNT));
        request.put("ExpressionAttributeValues", values);
        request.put("ReturnValues", "UPDATED_NEW");
        Map<?, ?> response;
        try {
            response = call("UpdateItem", request);
        } catch (AwsCallException e) {
            if (CONDITION_FAILED.equals(e.code())) {
                return null;
            }
            throw stateStoreException("UpdateItem", e);
        }
        if (response.get("Attributes") instanceof Map<?, ?> attributes
                && attributes.get(StateStore.COUNT) instanceof Map<?, ?> count
                && count.get("N") instanceof String n) {
            return Long.parseLong(n);
        }
        throw new StateStoreException("state table " + table + ": UpdateItem returned no count", null);
    }

    /** Starts an absent or expired counter again at 1; false when a concurrent caller restarted it first. */
    private boolean restart(String pk, String sk, Instant expiresAt, Instant now) {
        Map<String, Object> fresh = new LinkedHashMap<>(key(pk, sk));
        fresh.put(StateStore.COUNT, number(1));
        fresh.put(EXPIRES_AT, number(expiresAt.getEpochSecond()));
        Map<String, Object> request = request();
        request.put("Item", fresh);
        request.put("ConditionExpression", ABSENT_OR_EXPIRED);
        request.put("ExpressionAttributeValues", Map.of(":now", number(now.getEpochSecond())));
        return conditional("PutItem", request);
    }

    private StateStoreException keptChanging(String sk) {
        return new StateStoreException(
                "state table " + table + ": the counter " + sk + " kept changing under " + INCREMENT_TRIES + " tries",
                null);
    }

    private Map<String, Object> request() {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("TableName", table);
        return request;
    }

    /** A write under a condition: true when done, false when the condition refused it. */
    private boolean conditional(String operation, Map<String, Object> request) {
        try {
            call(operation, request);
            return true;
        } catch (AwsCallException e) {
            if (CONDITION_FAILED.equals(e.code())) {
                return false;
            }
            throw stateStoreException(operation, e);
        }
    }

    /** One call; fails with the {@link AwsCallException} only for a refused condition, else a StateStoreException. */
    private Map<?, ?> call(String operation, Map<String, Object> request) {
        Object response;
        try {
            response = calls.json("dynamodb", TARGET + operation, "1.0", Json.write(request));
        } catch (AwsCallException e) {
            if (CONDITION_FAILED.equals(e.code())) {
                throw e;
            }
            throw stateStoreException(operation, e);
        } catch (RuntimeException malformed) {
            throw new StateStoreException(
                    "state table " + table + ": " + operation + " failed ("
                            + malformed.getClass().getSimpleName() + ")",
                    malformed);
        }
        if (response instanceof Map<?, ?> fields) {
            return fields;
        }
        throw new StateStoreException("state table " + table + ": " + operation + " answered no JSON object", null);
    }

    private StateStoreException stateStoreException(String operation, AwsCallException e) {
        return new StateStoreException("state table " + table + ": " + operation + " failed (" + e.describe() + ")", e);
    }

    private static Map<String, Object> key(String pk, String sk) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put(PK, string(pk));
        key.put(SK, string(sk));
        return key;
    }

    private static Map<String, Object> string(String value) {
        return Map.of("S", value);
    }

    private static Map<String, Object> number(long value) {
        return Map.of("N", Long.toString(value));
    }

    private static Map<String, Object> toItem(StateItem item) {
        Map<String, Object> raw = new LinkedHashMap<>(key(item.pk(), item.sk()));
        item.attributes().forEach((name, value) -> raw.put(name, string(value)));
        if (item.expiresAt() != null) {
            raw.put(EXPIRES_AT, number(item.expiresAt().getEpochSecond()));
        }
        return raw;
    }

    private static StateItem fromItem(Map<?, ?> raw) {
        Map<String, String> attributes = new HashMap<>();
        Instant expiresAt = null;
        for (Map.Entry<?, ?> entry : raw.entrySet()) {
            String name = (String) entry.getKey();
            if (name.equals(PK) || name.equals(SK) || !(entry.getValue() instanceof Map<?, ?> value)) {
                continue;
            }
            if (name.equals(EXPIRES_AT)) {
                expiresAt = Instant.ofEpochSecond(Long.parseLong((String) value.get("N")));
            } else if (value.get("S") instanceof String s) {
                attributes.put(name, s);
            } else if (value.get("N") instanceof String n) {
                attributes.put(name, n);
            }
        }
        return new StateItem(attribute(raw, PK), attribute(raw, SK), attributes, expiresAt);
    }

    private static String attribute(Map<?, ?> raw, String name) {
        if (raw.get(name) instanceof Map<?, ?> value && value.get("S") instanceof String s) {
            return s;
        }
        throw new StateStoreException("state table: an item without the string key " + name, null);
    }
}
