package dev.stepwise.lambda.aws;

import dev.stepwise.core.CodeDelivery;
import dev.stepwise.core.CodeMessage;
import dev.stepwise.core.DeliveryException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sends SMS codes with Amazon SNS {@code Publish} (the query protocol: a form-encoded {@code POST /}) to a phone
 * number, marked {@code Transactional} so that carriers deliver it with priority, through {@link SignedCalls}: one
 * attempt of at most the send timeout, since the flow retries sends itself. Throttling, a 5xx or no answer is a
 * retryable {@link DeliveryException}; any other refusal (an invalid or opted-out number) is not. Thread-safe.
 */
public final class SnsCodeDelivery implements CodeDelivery {
    static final String SMS_TYPE = "AWS.SNS.SMS.SMSType";

    private final SignedCalls calls;

    /**
     * Creates the sender.
     *
     * @param calls the signed calls, built once per container
     */
    SnsCodeDelivery(SignedCalls calls) {
        if (calls == null) {
            throw new IllegalArgumentException("signed calls are required");
        }
        this.calls = calls;
    }

    @Override
    public void deliver(CodeMessage message) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("Action", "Publish");
        form.put("Version", "2010-03-31");
        form.put("PhoneNumber", message.recipient());
        form.put("Message", message.body());
        form.put("MessageAttributes.entry.1.Name", SMS_TYPE);
        form.put("MessageAttributes.entry.1.Value.DataType", "String");
        form.put("MessageAttributes.entry.1.Value.StringValue", "Transactional");
        StringBuilder body = new StringBuilder();
        form.forEach((name, value) -> {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(encode(name)).append('=').append(encode(value));
        });
        try {
            calls.send(
                    "sns",
                    "sns",
                    "Publish",
                    "/",
                    new TreeMap<>(Map.of("content-type", "application/x-www-form-urlencoded; charset=utf-8")),
                    body.toString().getBytes(StandardCharsets.UTF_8));
        } catch (AwsCallException e) {
            throw new DeliveryException(
                    "could not send the code by SMS: SNS Publish failed (" + e.describe() + ")", e.retryable());
        }
    }

    /** RFC 3986 percent-encoding, as the SDK encodes form fields. */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A")
                .replace("%7E", "~");
    }
}
