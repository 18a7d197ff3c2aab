package dev.stepwise.lambda.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The functions' JSON: that of the AWS calls (written here: objects, arrays, strings, numbers and booleans of the
 * requests; read with Jackson's streaming parser into maps, lists, strings (numbers keep their text) and booleans),
 * and that of the trigger events, which the handlers read and write themselves ({@link #parseExact}).
 */
public final class Json {
    private static final JsonFactory FACTORY = new JsonFactory();

    private Json() {}

    /**
     * A JSON number kept as the text it came as, so that a document read with {@link #parseExact} and written back
     * keeps its numbers as they were.
     *
     * @param text the number's text, as the parser accepted it
     */
    public record Number(String text) {}

    /** The value of {@code body}; an empty body is an empty object. */
    static Object parse(byte[] body) {
        if (body.length == 0) {
            return Map.of();
        }
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), body)) {
            JsonToken token = parser.nextToken();
            return token == null ? Map.of() : read(parser, token, false);
        }
    }

    /**
     * The one value of {@code body}, strictly: numbers as {@link Number}, and a name twice in one object, an empty
     * body or anything after the value is refused.
     *
     * @throws IllegalArgumentException when {@code body} is not exactly one JSON value (the message names no content)
     */
    public static Object parseExact(byte[] body) {
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), body)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw new IllegalArgumentException("no JSON value");
            }
            Object value = read(parser, token, true);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("more than one JSON value");
            }
            return value;
        } catch (tools.jackson.core.JacksonException e) {
            throw new IllegalArgumentException("not valid JSON");
        }
    }

    private static Object read(JsonParser parser, JsonToken token, boolean exact) {
        switch (token) {
            case START_OBJECT: {
                Map<String, Object> fields = new LinkedHashMap<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
                    String name = parser.currentName();
                    if (exact && fields.containsKey(name)) {
                        throw new IllegalArgumentException("a name twice in one JSON object");
                    }
                    fields.put(name, read(parser, parser.nextToken(), exact));
                }
                return fields;
            }
            case START_ARRAY: {
                List<Object> values = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    values.add(read(parser, next, exact));
                }
                return values;
            }
            case VALUE_STRING:
                return parser.getString();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return exact ? new Number(parser.getString()) : parser.getString();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IllegalArgumentException("unexpected JSON token " + token);
        }
    }

    /** {@code value} as JSON: maps with string keys, lists, strings, numbers, booleans and null. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, false);
        return out.toString();
    }

    /**
     * {@code value} as JSON, as {@link #write} does, except that a lone surrogate is written as a six-character
     * unicode escape instead of refused: for writing back what {@link #parseExact} read, which may hold one (JSON
     * allows the escape), without failing on it.
     */
    public static String writeExact(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, true);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out, boolean exact) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            string(text, out, exact);
        } else if (value instanceof Map<?, ?> fields) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> field : fields.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string((String) field.getKey(), out, exact);
                out.append(':');
                write(field.getValue(), out, exact);
            }
            out.append('}');
        } else if (value instanceof List<?> values) {
            out.append('[');
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(values.get(i), out, exact);
            }
            out.append(']');
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            out.append(value);
        } else if (value instanceof Number number) {
            out.append(number.text());
        } else {
            throw new IllegalArgumentException("no JSON for " + value.getClass().getName());
        }
    }

    private static void string(String text, StringBuilder out, boolean exact) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c)) {
                        if (Character.isHighSurrogate(c)
                                && i + 1 < text.length()
                                && Character.isLowSurrogate(text.charAt(i + 1))) {
                            out.append(c).append(text.charAt(++i));
                        } else if (Character.isSurrogate(c) && !exact) {
                            throw new IllegalArgumentException("a lone surrogate cannot be sent as JSON");
                        } else {
                            out.append(String.format("\\u%04x", (int) c));
                        }
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
