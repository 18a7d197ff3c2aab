package dev.stepwise.lambda.aws;

import dev.stepwise.core.CodeDelivery;
import dev.stepwise.core.CodeMessage;
import dev.stepwise.core.DeliveryException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sends email codes with Amazon SES v2 {@code SendEmail} (REST-JSON, {@code POST /v2/email/outbound-emails}) as a
 * plain-text simple message, through {@link SignedCalls}: one attempt of at most the send timeout, since the flow
 * retries sends itself. Throttling, a 5xx or no answer is a retryable {@link DeliveryException}; any other refusal (a
 * rejected message, an unverified sender) is not. Thread-safe.
 */
public final class SesCodeDelivery implements CodeDelivery {
    private static final String PATH = "/v2/email/outbound-emails";

    private final SignedCalls calls;
    private final String from;

    /**
     * Creates the sender.
     *
     * @param calls the signed calls, built once per container
     * @param from the verified sender address
     */
    SesCodeDelivery(SignedCalls calls, String from) {
        if (calls == null || from == null) {
            throw new IllegalArgumentException("signed calls and a sender address are required");
        }
        this.calls = calls;
        this.from = from;
    }

    @Override
    public void deliver(CodeMessage message) {
        Map<String, Object> simple = new LinkedHashMap<>();
        simple.put("Subject", Map.of("Data", message.subject(), "Charset", "UTF-8"));
        simple.put("Body", Map.of("Text", Map.of("Data", message.body(), "Charset", "UTF-8")));
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("FromEmailAddress", from);
        request.put("Destination", Map.of("ToAddresses", List.of(message.recipient())));
        request.put("Content", Map.of("Simple", simple));
        try {
            calls.send(
                    "ses",
                    "email",
                    "SendEmail",
                    PATH,
                    new TreeMap<>(Map.of("content-type", "application/json")),
                    Json.write(request).getBytes(StandardCharsets.UTF_8));
        } catch (AwsCallException e) {
            throw new DeliveryException(
                    "could not send the code by email: SES v2 SendEmail failed (" + e.describe() + ")", e.retryable());
        }
    }
}
