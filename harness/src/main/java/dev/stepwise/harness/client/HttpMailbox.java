package dev.stepwise.harness.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads sent emails and SMS from LocalStack's message inspection endpoints, which the Stepwise emulator serves too:
 * {@code GET /_aws/ses} ({@code {"messages":[{Destination:{ToAddresses}, Subject, Body:{text_part, html_part},
 * Timestamp, ...}]}}) and {@code GET /_aws/sns/sms-messages?region=R} ({@code {"sms_messages":{"+1555...":
 * [{PhoneNumber, Message, ...}]}, "region": R}}). A path that answers 404 counts as empty, so a LocalStack without SES
 * still yields its SMS.
 *
 * <p>Thread-safe.
 */
public final class HttpMailbox implements MessageSource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String region;
    private final HttpClient http;

    private HttpMailbox(URI base, String region) {
        this.base = Objects.requireNonNull(base, "base");
        this.region = Objects.requireNonNull(region, "region");
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * A mailbox at this base URI, e.g. {@code http://localhost:4566} (LocalStack) or the emulator's endpoint.
     *
     * @param region the SNS region to read SMS from (LocalStack keeps one list per region)
     */
    public static HttpMailbox at(URI base, String region) {
        return new HttpMailbox(base, region);
    }

    @Override
    public List<DeliveredMessage> messages() {
        List<DeliveredMessage> messages = new ArrayList<>(emails());
        messages.addAll(sms());
        return messages;
    }

    /** The emails at {@code /_aws/ses}, oldest first. */
    public List<DeliveredMessage> emails() {
        JsonNode root = get("/_aws/ses");
        List<DeliveredMessage> result = new ArrayList<>();
        if (root == null) {
            return result;
        }
        for (JsonNode m : root.path("messages")) {
            String subject = text(m.get("Subject"));
            String body = text(m.path("Body").get("text_part"));
            if (body == null) {
                String html = text(m.path("Body").get("html_part"));
                body = html == null ? "" : html.replaceAll("<[^>]*>", " ");
            }
            Instant sentAt = instant(m.get("Timestamp"));
            for (JsonNode to : m.path("Destination").path("ToAddresses")) {
                result.add(new DeliveredMessage("EMAIL", to.asText(), subject, body, sentAt));
            }
        }
        return result;
    }

    /** The SMS at {@code /_aws/sns/sms-messages} for this mailbox's region. */
    public List<DeliveredMessage> sms() {
        JsonNode root = get("/_aws/sns/sms-messages?region=" + URLEncoder.encode(region, StandardCharsets.UTF_8));
        List<DeliveredMessage> result = new ArrayList<>();
        if (root == null) {
            return result;
        }
        Iterator<Map.Entry<String, JsonNode>> numbers =
                root.path("sms_messages").fields();
        while (numbers.hasNext()) {
            Map.Entry<String, JsonNode> number = numbers.next();
            for (JsonNode m : number.getValue()) {
                String phone =
                        m.hasNonNull("PhoneNumber") ? m.get("PhoneNumber").asText() : number.getKey();
                result.add(new DeliveredMessage(
                        "SMS", phone, text(m.get("Subject")), textOr(m.get("Message")), instant(m.get("Timestamp"))));
            }
        }
        return result;
    }

    /**
     * Empties the mailbox ({@code DELETE /_aws/ses} and {@code DELETE /_aws/sns/sms-messages?region=R}), so a test
     * cannot read a code left by an earlier one. A path that answers 404 or 405 is skipped.
     *
     * @throws java.io.UncheckedIOException if the mailbox cannot be reached or refuses
     */
    public void clear() {
        delete("/_aws/ses");
        delete("/_aws/sns/sms-messages?region=" + URLEncoder.encode(region, StandardCharsets.UTF_8));
    }

    private void delete(String path) {
        URI uri = base.resolve(path);
        try {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(uri)
                            .timeout(Duration.ofSeconds(10))
                            .DELETE()
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            if (status >= 300 && status != 404 && status != 405) {
                throw new UncheckedIOException(new IOException("DELETE " + uri + " answered HTTP " + status));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the mailbox at " + uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while clearing " + uri, e));
        }
    }

    private JsonNode get(String path) {
        URI uri = base.resolve(path);
        try {
            HttpResponse<byte[]> response = http.send(
                    HttpRequest.newBuilder(uri)
                            .timeout(Duration.ofSeconds(10))
                            .header("Accept", "application/json")
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 404) {
                return null;
            }
            if (response.statusCode() != 200) {
                throw new UncheckedIOException(
                        new IOException("GET " + uri + " answered HTTP " + response.statusCode()));
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the mailbox at " + uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while reading " + uri, e));
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static String textOr(JsonNode node) {
        String text = text(node);
        return text == null ? "" : text;
    }

    /** LocalStack writes ISO-8601 local date-times in UTC; the emulator writes instants; some write epoch seconds. */
    static Instant instant(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return Instant.ofEpochMilli((long) (node.asDouble() * 1000));
        }
        String text = node.asText();
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                return null;
            }
        }
    }

    @Override
    public String toString() {
        return "HttpMailbox[" + base + ", region=" + region + "]";
    }
}
