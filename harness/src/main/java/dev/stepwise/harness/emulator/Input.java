package dev.stepwise.harness.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the members of one JSON 1.1 request with the service model's checks: a member of the wrong JSON type is a
 * {@code SerializationException}; a missing required member, a length or pattern violation, or a value outside an
 * enum is an {@code InvalidParameterException} worded as Cognito's validation errors are.
 */
final class Input {

    static final Pattern USER_POOL_ID = Pattern.compile("[\\w-]+_[0-9a-zA-Z]+");
    static final Pattern CLIENT_ID = Pattern.compile("[\\w+]+");
    static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");
    static final int MAP_VALUE_MAX = 131_072;

    private static final java.util.Set<String> SENSITIVE = java.util.Set.of(
            "password",
            "temporaryPassword",
            "session",
            "accessToken",
            "refreshToken",
            "token",
            "clientSecret",
            "authParameters",
            "challengeResponses",
            "clientMetadata");

    private final ObjectNode body;

    private Input(ObjectNode body) {
        this.body = body;
    }

    static Input of(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            return new Input(JsonCodec.object());
        }
        if (!body.isObject()) {
            throw CognitoException.serialization("The request body must be a JSON object.");
        }
        return new Input((ObjectNode) body);
    }

    ObjectNode body() {
        return body;
    }

    boolean has(String member) {
        JsonNode node = body.get(member);
        return node != null && !node.isNull();
    }

    String required(String member, int min, int max, Pattern pattern) {
        String value = optional(member, min, max, pattern);
        if (value == null) {
            throw CognitoException.validation(lower(member), null, "Member must not be null");
        }
        return value;
    }

    String required(String member, int min, int max) {
        return required(member, min, max, null);
    }

    String optional(String member, int min, int max, Pattern pattern) {
        JsonNode node = body.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw typeError(member, "a string");
        }
        String value = node.textValue();
        checkLength(lower(member), value, min, max);
        if (pattern != null && !pattern.matcher(value).matches()) {
            throw CognitoException.validation(
                    lower(member),
                    shown(lower(member), value),
                    "Member must satisfy regular expression pattern: " + pattern.pattern());
        }
        return value;
    }

    String optional(String member, int min, int max) {
        return optional(member, min, max, null);
    }

    String requiredEnum(String member, Collection<String> values) {
        String value = optionalEnum(member, values);
        if (value == null) {
            throw CognitoException.validation(lower(member), null, "Member must not be null");
        }
        return value;
    }

    String optionalEnum(String member, Collection<String> values) {
        String value = optional(member, 0, Integer.MAX_VALUE);
        if (value != null && !values.contains(value)) {
            throw CognitoException.validation(lower(member), value, "Member must satisfy enum value set: " + values);
        }
        return value;
    }

    Integer optionalInt(String member, long min, long max) {
        JsonNode node = body.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw typeError(member, "an integer");
        }
        int value = node.intValue();
        if (value < min) {
            throw CognitoException.validation(
                    lower(member), value, "Member must have value greater than or equal to " + min);
        }
        if (value > max) {
            throw CognitoException.validation(
                    lower(member), value, "Member must have value less than or equal to " + max);
        }
        return value;
    }

    Boolean optionalBoolean(String member) {
        JsonNode node = body.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw typeError(member, "a boolean");
        }
        return node.booleanValue();
    }

    /** A map of strings, or an empty map when absent. */
    Map<String, String> stringMap(String member, int maxValueLength) {
        JsonNode node = body.get(member);
        Map<String, String> values = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (!node.isObject()) {
            throw typeError(member, "a map of strings");
        }
        var fields = node.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            if (!field.getValue().isTextual()) {
                throw typeError(member + "." + field.getKey(), "a string");
            }
            String value = field.getValue().textValue();
            checkLength(lower(member), value, 0, maxValueLength);
            values.put(field.getKey(), value);
        }
        return values;
    }

    /** A list of strings, or null when absent. */
    List<String> stringList(String member, int maxItems) {
        JsonNode node = body.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw typeError(member, "a list of strings");
        }
        if (node.size() > maxItems) {
            throw CognitoException.validation(
                    lower(member), "[...]", "Member must have length less than or equal to " + maxItems);
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw typeError(member, "a list of strings");
            }
            values.add(item.textValue());
        }
        return values;
    }

    /** A list of {@code {"Name": ..., "Value": ...}} attributes, or an empty map when absent. */
    Map<String, String> attributes(String member) {
        JsonNode node = body.get(member);
        Map<String, String> values = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (!node.isArray()) {
            throw typeError(member, "a list of attributes");
        }
        for (JsonNode item : node) {
            if (!item.isObject()) {
                throw typeError(member, "a list of attributes");
            }
            Input attribute = Input.of(item);
            String name = attribute.required("Name", 1, 32, Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+"));
            String value = attribute.optional("Value", 0, 2048);
            values.put(name, value == null ? "" : value);
        }
        return values;
    }

    ObjectNode optionalObject(String member) {
        JsonNode node = body.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw typeError(member, "a structure");
        }
        return (ObjectNode) node;
    }

    private static void checkLength(String member, String value, int min, int max) {
        int length = value.codePointCount(0, value.length());
        if (length < min) {
            throw CognitoException.validation(
                    member, shown(member, value), "Member must have length greater than or equal to " + min);
        }
        if (length > max) {
            throw CognitoException.validation(
                    member, shown(member, value), "Member must have length less than or equal to " + max);
        }
    }

    private static String shown(String member, String value) {
        if (SENSITIVE.contains(member)) {
            return "<sensitive>";
        }
        return value.length() <= 64 ? value : value.substring(0, 64) + "...";
    }

    private static CognitoException typeError(String member, String expected) {
        return CognitoException.serialization("Value of " + member + " must be " + expected + ".");
    }

    static String lower(String member) {
        return Character.toLowerCase(member.charAt(0)) + member.substring(1);
    }
}
