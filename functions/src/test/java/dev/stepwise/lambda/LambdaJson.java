package dev.stepwise.lambda;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

final class LambdaJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LambdaJson() {}

    static <T> T read(String json, Class<T> type) {
        return serializer(type).fromJson(json);
    }

    static <T> String write(T value, Class<T> type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer(type).toJson(value, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String fixture(String name, Map<String, String> values) {
        String path = "/events/" + name;
        try (InputStream in = LambdaJson.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> value : values.entrySet()) {
                json = json.replace("${" + value.getKey() + "}", value.getValue());
            }
            if (json.contains("${")) {
                throw new IllegalArgumentException("fixture " + path + " has an unfilled placeholder");
            }
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> PojoSerializer<T> serializer(Class<T> type) {
        return JacksonFactory.getInstance().getSerializer(type);
    }
}
