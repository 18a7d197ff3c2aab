package dev.stepwise.harness.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SES v2 {@code SendEmail} and SNS {@code Publish} as the AWS SDKs send them, captured into the {@link Mailbox}, and
 * the mailbox's LocalStack-compatible views: {@code GET/DELETE /_aws/ses} and {@code GET/DELETE
 * /_aws/sns/sms-messages}.
 */
final class MailEndpoints {

    private final Mailbox mailbox;
    private final Clock clock;
    private final String defaultRegion;

    MailEndpoints(Mailbox mailbox, Clock clock, String defaultRegion) {
        this.mailbox = mailbox;
        this.clock = clock;
        this.defaultRegion = defaultRegion;
    }

    /** SES v2 SendEmail (REST-JSON): the {@code Simple} and {@code Raw} content forms. */
    ObjectNode sendEmail(JsonNode body, String region) {
        Input input = Input.of(body);
        String from = input.optional("FromEmailAddress", 0, 320);
        ObjectNode destination = input.optionalObject("Destination");
        ObjectNode content = input.optionalObject("Content");
        if (content == null) {
            throw new CognitoException("BadRequestException", "Content is required.");
        }
        List<String> to = addresses(destination, "ToAddresses");
        List<String> cc = addresses(destination, "CcAddresses");
        List<String> bcc = addresses(destination, "BccAddresses");
        String subject = null;
        String text = null;
        String html = null;
        JsonNode simple = content.get("Simple");
        if (simple != null && simple.isObject()) {
            subject = simple.path("Subject").path("Data").textValue();
            text = simple.path("Body").path("Text").path("Data").textValue();
            html = simple.path("Body").path("Html").path("Data").textValue();
        } else if (content.path("Raw").path("Data").isTextual()) {
            byte[] raw = Base64.getMimeDecoder()
                    .decode(content.path("Raw").path("Data").textValue());
            text = new String(raw, StandardCharsets.UTF_8);
        } else if (content.path("Template").isObject()) {
            text = content.path("Template").toString();
        }
        String id = Ids.uuid();
        mailbox.add(new SentEmail(
                id,
                region == null ? defaultRegion : region,
                from,
                to,
                cc,
                bcc,
                subject,
                text,
                html,
                clock.instant().truncatedTo(ChronoUnit.MILLIS)));
        ObjectNode result = JsonCodec.object();
        result.put("MessageId", id);
        return result;
    }

    /** SNS Publish from form parameters (the query protocol the SDK's SnsClient sends) or JSON members. */
    String publish(Map<String, String> parameters, String region) {
        String phone = parameters.get("PhoneNumber");
        String message = parameters.get("Message");
        if (message == null) {
            throw new CognitoException("InvalidParameter", "Invalid parameter: Message");
        }
        if (phone == null && parameters.get("TopicArn") == null && parameters.get("TargetArn") == null) {
            throw new CognitoException(
                    "InvalidParameter", "Invalid parameter: PhoneNumber, TopicArn or TargetArn is required");
        }
        String id = Ids.uuid();
        if (phone != null) {
            mailbox.add(new SentSms(id, region == null ? defaultRegion : region, phone, message, clock.instant()));
        }
        return id;
    }

    /** {@code GET /_aws/ses}: LocalStack's shape; {@code id} and {@code email} (the sender) filter. */
    ObjectNode sesMessages(Map<String, String> query) {
        String id = query.get("id");
        String email = query.get("email");
        ArrayNode messages = JsonCodec.array();
        for (SentEmail e : mailbox.emails()) {
            if ((id != null && !id.equals(e.id())) || (email != null && !email.equals(e.source()))) {
                continue;
            }
            ObjectNode item = messages.addObject();
            item.put("Id", e.id());
            item.put("Region", e.region());
            ObjectNode destination = item.putObject("Destination");
            e.toAddresses().forEach(destination.putArray("ToAddresses")::add);
            if (!e.ccAddresses().isEmpty()) {
                e.ccAddresses().forEach(destination.putArray("CcAddresses")::add);
            }
            if (!e.bccAddresses().isEmpty()) {
                e.bccAddresses().forEach(destination.putArray("BccAddresses")::add);
            }
            item.put("Source", e.source());
            item.put("Subject", e.subject());
            ObjectNode body = item.putObject("Body");
            body.put("text_part", e.textBody());
            body.put("html_part", e.htmlBody());
            item.put("Timestamp", e.timestamp().toString());
        }
        ObjectNode result = JsonCodec.object();
        result.set("messages", messages);
        return result;
    }

    void deleteSes(Map<String, String> query) {
        String id = query.get("id");
        mailbox.removeEmails(e -> id == null || id.equals(e.id()));
    }

    /** {@code GET /_aws/sns/sms-messages}: LocalStack's shape, grouped by phone number; filters by region, phone. */
    ObjectNode smsMessages(Map<String, String> query) {
        String region = query.getOrDefault("region", defaultRegion);
        String phone = query.get("phoneNumber");
        Map<String, ArrayNode> byPhone = new LinkedHashMap<>();
        for (SentSms sms : mailbox.smsMessages()) {
            if (!sms.region().equals(region) || (phone != null && !phone.equals(sms.phoneNumber()))) {
                continue;
            }
            ObjectNode item = byPhone.computeIfAbsent(sms.phoneNumber(), k -> JsonCodec.array())
                    .addObject();
            item.put("PhoneNumber", sms.phoneNumber());
            item.putNull("TopicArn");
            item.putNull("SubscriptionArn");
            item.put("MessageId", sms.id());
            item.put("Message", sms.message());
            item.putObject("MessageAttributes");
            item.putNull("MessageStructure");
            item.putNull("Subject");
        }
        ObjectNode result = JsonCodec.object();
        ObjectNode messages = result.putObject("sms_messages");
        byPhone.forEach(messages::set);
        result.put("region", region);
        return result;
    }

    void deleteSms(Map<String, String> query) {
        String region = query.getOrDefault("region", defaultRegion);
        String phone = query.get("phoneNumber");
        mailbox.removeSms(m -> m.region().equals(region) && (phone == null || phone.equals(m.phoneNumber())));
    }

    static String publishResponse(String messageId) {
        return "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult><MessageId>"
                + messageId + "</MessageId></PublishResult><ResponseMetadata><RequestId>" + Ids.uuid()
                + "</RequestId></ResponseMetadata></PublishResponse>";
    }

    static String snsError(String code, String message) {
        return snsError("Sender", code, message);
    }

    /** SNS's query-protocol error document; {@code type} is {@code Sender} (4xx) or {@code Receiver} (5xx). */
    static String snsError(String type, String code, String message) {
        return "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error><Type>" + type
                + "</Type><Code>"
                + escape(code) + "</Code><Message>" + escape(message) + "</Message></Error><RequestId>" + Ids.uuid()
                + "</RequestId></ErrorResponse>";
    }

    /**
     * The error SES v2 answers {@code SendEmail} with for a fault (not for {@link SenderFault.Mode#DELAY}): its
     * documented throttling error, the generic AWS server fault, or a permanent rejection.
     */
    static CognitoException sesFault(SenderFault.Mode mode) {
        return switch (mode) {
            case THROTTLE -> new CognitoException("TooManyRequestsException", "Maximum sending rate exceeded.", 429);
            case ERROR -> new CognitoException(
                    "InternalFailure",
                    "The request processing has failed because of an unknown error, exception or failure.",
                    500);
            case REJECT -> new CognitoException(
                    "MessageRejected", "Email address is not verified (Stepwise emulator fault).", 400);
            case DELAY -> throw new IllegalArgumentException("a delay is not an error reply");
        };
    }

    /** The error SNS answers {@code Publish} with for a fault, as for {@link #sesFault}. */
    static CognitoException snsFault(SenderFault.Mode mode) {
        return switch (mode) {
            case THROTTLE -> new CognitoException("Throttling", "Rate exceeded", 400);
            case ERROR -> new CognitoException("InternalError", "Internal Error", 500);
            case REJECT -> new CognitoException(
                    "InvalidParameter",
                    "Invalid parameter: PhoneNumber Reason: cannot deliver to this number (Stepwise emulator fault)",
                    400);
            case DELAY -> throw new IllegalArgumentException("a delay is not an error reply");
        };
    }

    static Map<String, String> form(String body) {
        Map<String, String> values = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return values;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            values.put(
                    URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return values;
    }

    private static List<String> addresses(ObjectNode destination, String member) {
        List<String> values = new ArrayList<>();
        if (destination != null
                && destination.get(member) != null
                && destination.get(member).isArray()) {
            destination.get(member).forEach(a -> values.add(a.asText()));
        }
        return values;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
