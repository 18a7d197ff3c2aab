package dev.stepwise.harness.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code /_stepwise/faults}, the HTTP face of {@link SenderFaults}: {@code POST} a JSON object
 * {@code {"service":"ses|sns","mode":"throttle|error|reject|delay","count":N,"delayMillis":N}} ({@code count} absent:
 * until cleared; {@code delayMillis} only for {@code delay}) to add a fault, {@code GET} to list the pending ones,
 * {@code DELETE} (optionally {@code ?service=ses}) to clear. Every answer lists the faults still pending.
 */
final class FaultsEndpoint {

    static final String PATH = "/_stepwise/faults";
    private static final Set<String> MEMBERS = Set.of("service", "mode", "count", "delayMillis");

    private final SenderFaults faults;

    FaultsEndpoint(SenderFaults faults) {
        this.faults = faults;
    }

    /** Adds the fault described by {@code body}; the message of a refusal says what to send instead. */
    ObjectNode add(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw invalid(
                    "the body must be a JSON object such as {\"service\":\"ses\",\"mode\":\"throttle\",\"count\":2}");
        }
        body.fieldNames().forEachRemaining(name -> {
            if (!MEMBERS.contains(name)) {
                throw invalid("unknown member " + name + "; use service, mode, count and delayMillis");
            }
        });
        try {
            SenderFault.Service service = SenderFault.Service.parse(text(body, "service"));
            SenderFault.Mode mode = SenderFault.Mode.parse(text(body, "mode"));
            int count = body.hasNonNull("count") ? integer(body, "count") : SenderFault.UNTIL_CLEARED;
            if (count == SenderFault.UNTIL_CLEARED && body.hasNonNull("count")) {
                throw new IllegalArgumentException("count must be at least 1; leave it out for every request");
            }
            Duration delay = body.hasNonNull("delayMillis") ? Duration.ofMillis(integer(body, "delayMillis")) : null;
            if (mode == SenderFault.Mode.DELAY && delay == null) {
                throw new IllegalArgumentException("the delay mode needs delayMillis, e.g. 6000");
            }
            faults.add(new SenderFault(service, mode, count, delay));
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        return pending();
    }

    /** Clears every fault, or those of {@code ?service=}. */
    void clear(Map<String, String> query) {
        String service = query.get("service");
        if (service == null) {
            faults.clear();
            return;
        }
        try {
            faults.clear(SenderFault.Service.parse(service));
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    /** {@code {"faults":[{"service":"ses","mode":"throttle","count":2}, ...]}}, {@code count} null when unlimited. */
    ObjectNode pending() {
        ObjectNode result = JsonCodec.object();
        ArrayNode list = result.putArray("faults");
        for (SenderFault fault : faults.pending()) {
            ObjectNode item = list.addObject();
            item.put("service", fault.service().name().toLowerCase(Locale.ROOT));
            item.put("mode", fault.mode().name().toLowerCase(Locale.ROOT));
            if (fault.untilCleared()) {
                item.putNull("count");
            } else {
                item.put("count", fault.count());
            }
            if (fault.mode() == SenderFault.Mode.DELAY) {
                item.put("delayMillis", fault.delay().toMillis());
            }
        }
        return result;
    }

    private static String text(JsonNode body, String member) {
        JsonNode node = body.get(member);
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException(member + " is required, as a string");
        }
        return node.textValue();
    }

    private static int integer(JsonNode body, String member) {
        JsonNode node = body.get(member);
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw new IllegalArgumentException(member + " must be a whole number, was " + node);
        }
        return node.intValue();
    }

    private static CognitoException invalid(String message) {
        return new CognitoException("ValidationException", "Cannot use this fault: " + message + ".");
    }
}
