package dev.stepwise.harness.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The state table for the bundled triggers: the subset of DynamoDB's JSON 1.0 protocol that Stepwise's
 * {@code DynamoDbStateStore} adapter sends (GetItem, PutItem, DeleteItem, Query and the counters' UpdateItem, with the
 * adapter's fixed condition, update and key expressions), in memory, for any table name. The triggers reach it through the same SDK client and adapter as in
 * AWS, with {@code STEPWISE_AWS_ENDPOINT} pointing at the emulator. Items are not kept in the state file. Thread-safe.
 */
final class StateTableEndpoint {
    static final String TARGET_PREFIX = "DynamoDB_20120810.";
    static final String CONTENT_TYPE = "application/x-amz-json-1.0";

    private static final String ERROR_PREFIX = "com.amazonaws.dynamodb.v20120810#";
    private static final String ABSENT_OR_EXPIRED = "attribute_not_exists(pk) OR expiresAt <= :now";
    private static final String ABSENT = "attribute_not_exists(pk)";
    private static final String PRESENT = "attribute_exists(pk)";
    private static final String KEY_PREFIX = "pk = :pk AND begins_with(sk, :prefix)";
    private static final String ADD_ONE = "ADD #count :one SET expiresAt = if_not_exists(expiresAt, :expiresAt)";
    private static final String ABSENT_OR_LIVE = "attribute_not_exists(pk) OR expiresAt > :now";
    private static final String ABSENT_OR_LIVE_BELOW =
            "attribute_not_exists(pk) OR (expiresAt > :now AND #count < :limit)";
    private static final String TAKE_ONE = "ADD #count :minusOne";
    private static final String LIVE_ABOVE_ZERO = "attribute_exists(pk) AND expiresAt > :now AND #count > :zero";

    private final Map<String, ConcurrentSkipListMap<String, ObjectNode>> tables = new ConcurrentHashMap<>();

    /** Serves one operation; throws {@link CognitoException} with DynamoDB's error type on a client error. */
    synchronized JsonNode handle(String operation, JsonNode request) {
        if (request == null || !request.path("TableName").isTextual()) {
            throw error("ValidationException", "TableName is required");
        }
        ConcurrentSkipListMap<String, ObjectNode> table =
                tables.computeIfAbsent(request.path("TableName").asText(), name -> new ConcurrentSkipListMap<>());
        ObjectNode response = JsonCodec.object();
        switch (operation) {
            case "GetItem" -> {
                ObjectNode item = table.get(key(request.path("Key")));
                if (item != null) {
                    response.set("Item", item.deepCopy());
                }
            }
            case "PutItem" -> {
                JsonNode item = request.path("Item");
                if (!item.isObject()) {
                    throw error("ValidationException", "Item is required");
                }
                String key = key(item);
                String condition = request.path("ConditionExpression").asText(null);
                if (condition != null) {
                    ObjectNode existing = table.get(key);
                    boolean ok;
                    if (condition.equals(ABSENT)) {
                        ok = existing == null;
                    } else if (condition.equals(ABSENT_OR_EXPIRED)) {
                        long now = Long.parseLong(request.path("ExpressionAttributeValues")
                                .path(":now")
                                .path("N")
                                .asText("0"));
                        ok = existing == null
                                || (existing.has("expiresAt")
                                        && Long.parseLong(existing.path("expiresAt")
                                                        .path("N")
                                                        .asText())
                                                <= now);
                    } else {
                        throw error("ValidationException", "the emulator supports only the state adapter's conditions");
                    }
                    if (!ok) {
                        throw error("ConditionalCheckFailedException", "The conditional request failed");
                    }
                }
                table.put(key, (ObjectNode) item.deepCopy());
            }
            case "DeleteItem" -> {
                String key = key(request.path("Key"));
                String condition = request.path("ConditionExpression").asText(null);
                if (condition != null && !condition.equals(PRESENT)) {
                    throw error("ValidationException", "the emulator supports only the state adapter's conditions");
                }
                if (table.remove(key) == null && condition != null) {
                    throw error("ConditionalCheckFailedException", "The conditional request failed");
                }
            }
            case "Query" -> {
                if (!KEY_PREFIX.equals(request.path("KeyConditionExpression").asText())) {
                    throw error("ValidationException", "the emulator supports only the state adapter's key condition");
                }
                JsonNode values = request.path("ExpressionAttributeValues");
                String pk = values.path(":pk").path("S").asText();
                String prefix = values.path(":prefix").path("S").asText();
                ArrayNode items = response.putArray("Items");
                for (ObjectNode item : table.subMap(pk + "\u0000" + prefix, pk + "\u0000" + prefix + "\uffff")
                        .values()) {
                    items.add(item.deepCopy());
                }
                response.put("Count", items.size());
                response.put("ScannedCount", items.size());
            }
            case "UpdateItem" -> response.set("Attributes", increment(table, request));
            default -> throw error("UnknownOperationException", "The emulator's state table has no " + operation);
        }
        return response;
    }

    /**
     * The adapter's counters: ADD one to {@code #count} and keep or set {@code expiresAt}, only if absent or live (and,
     * for a reservation, below {@code :limit}); or ADD minus one, only if live and above zero.
     */
    private static ObjectNode increment(Map<String, ObjectNode> table, JsonNode request) {
        JsonNode values = request.path("ExpressionAttributeValues");
        String update = request.path("UpdateExpression").asText();
        String condition = request.path("ConditionExpression").asText();
        boolean add =
                ADD_ONE.equals(update) && (ABSENT_OR_LIVE.equals(condition) || ABSENT_OR_LIVE_BELOW.equals(condition));
        boolean take = TAKE_ONE.equals(update) && LIVE_ABOVE_ZERO.equals(condition);
        if (!add && !take) {
            throw error("ValidationException", "the emulator supports only the state adapter's counter updates");
        }
        String countName =
                request.path("ExpressionAttributeNames").path("#count").asText("count");
        String key = key(request.path("Key"));
        long now = Long.parseLong(values.path(":now").path("N").asText("0"));
        ObjectNode item = table.get(key);
        boolean live = item != null
                && !(item.has("expiresAt")
                        && Long.parseLong(item.path("expiresAt").path("N").asText()) <= now);
        long current =
                item == null ? 0 : Long.parseLong(item.path(countName).path("N").asText("0"));
        boolean ok = take
                ? live && current > 0
                : item == null
                        || (live
                                && (ABSENT_OR_LIVE.equals(condition)
                                        || current
                                                < Long.parseLong(values.path(":limit")
                                                        .path("N")
                                                        .asText())));
        if (!ok) {
            throw error("ConditionalCheckFailedException", "The conditional request failed");
        }
        if (item == null) {
            item = JsonCodec.object();
            item.set("pk", request.path("Key").path("pk").deepCopy());
            item.set("sk", request.path("Key").path("sk").deepCopy());
            item.set("expiresAt", values.path(":expiresAt").deepCopy());
            table.put(key, item);
        } else if (!item.has("expiresAt") && add) {
            item.set("expiresAt", values.path(":expiresAt").deepCopy());
        }
        long count = current
                + Long.parseLong(
                        values.path(take ? ":minusOne" : ":one").path("N").asText(take ? "-1" : "1"));
        item.putObject(countName).put("N", Long.toString(count));
        ObjectNode updated = JsonCodec.object();
        updated.putObject(countName).put("N", Long.toString(count));
        updated.set("expiresAt", item.path("expiresAt").deepCopy());
        return updated;
    }

    private static String key(JsonNode key) {
        String pk = key.path("pk").path("S").asText(null);
        String sk = key.path("sk").path("S").asText(null);
        if (pk == null || sk == null) {
            throw error("ValidationException", "string keys pk and sk are required");
        }
        return pk + "\u0000" + sk;
    }

    private static CognitoException error(String type, String message) {
        return new CognitoException(ERROR_PREFIX + type, message, 400);
    }
}
