package dev.stepwise.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import dev.stepwise.core.SignInRefusedException;
import dev.stepwise.core.StepwiseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Writes one structured JSON line per handler invocation: trigger, pool, client, round, outcome, reason, latency. The
 * keys {@code trigger}, {@code pool}, {@code client}, {@code round}, {@code outcome} and {@code latencyMs} are in every
 * line, {@code null} when unknown (a malformed event; Verify, whose event carries no round). Values longer than 300
 * characters are cut, so a malformed event cannot make a line of any size. An abuse control's refusal is outcome
 * {@code refused} with the control as reason and {@code retryAfterSeconds}.
 * Never a code, an answer, a secret, a token or a destination: the values come from {@link Outcome}s built for the
 * log, and of an exception only a {@link StepwiseException}'s {@link StepwiseException#logDetail()}; any other
 * exception (the JDK's, the SDK's, whose messages may quote an address or a code) is logged by class name only.
 */
final class InvocationLog {
    /**
     * What an invocation did, in log-safe words.
     *
     * @param outcome e.g. {@code challenge}, {@code fail}, {@code tokens}, {@code correct}, {@code wrong}
     * @param reason why, or {@code null}
     * @param round the round number (1 = first), or 0 when unknown
     * @param factor the factor's id, or {@code null}
     * @param sent whether a message was sent, or {@code null} when not applicable
     */
    record Outcome(String outcome, String reason, int round, String factor, Boolean sent) {}

    /**
     * What identifies an invocation, read from the event by {@link CognitoEventMapper#facts}.
     *
     * @param trigger the trigger source as received
     * @param pool the user pool id
     * @param client the app client id
     * @param round the round number from the event's session (1 = first), or 0 when it has none
     */
    record Facts(String trigger, String pool, String client, int round) {}

    private static final Set<String> ALWAYS = Set.of("trigger", "pool", "client", "round", "outcome", "latencyMs");
    private static final int MAX_VALUE_LENGTH = 300;

    private final LogSink sink;

    InvocationLog(LogSink sink) {
        this.sink = sink;
    }

    /**
     * Records an event that could not be read (outcome {@code error}, no trigger, pool or client) and returns what the
     * client may see, as {@link #record} would throw it.
     */
    RuntimeException unread(Context context, RuntimeException problem) {
        try {
            record(new Facts(null, null, null, 0), context, () -> {
                throw problem;
            });
        } catch (RuntimeException shown) {
            return shown;
        }
        return problem;
    }

    /**
     * Runs {@code body}, then writes the line to the sink for this invocation; an exception is recorded as outcome
     * {@code error}, with its details, and rethrown as what the client may see: an exception whose type says it is
     * {@linkplain StepwiseException#shownToUser() shown to users} (an abuse control's refusal, a failed send's fixed
     * text) as it is, anything else as {@link SignInFailedException}.
     */
    void record(Facts facts, Context context, Supplier<Outcome> body) {
        long start = System.nanoTime();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("trigger", facts.trigger());
        line.put("pool", facts.pool());
        line.put("client", facts.client());
        line.put("round", facts.round() > 0 ? facts.round() : null);
        line.put("outcome", null);
        try {
            Outcome outcome = body.get();
            if (outcome.round() > 0) {
                line.put("round", outcome.round());
            }
            line.put("outcome", outcome.outcome());
            line.put("factor", outcome.factor());
            line.put("sent", outcome.sent());
            line.put("reason", outcome.reason());
        } catch (SignInRefusedException e) {
            line.put("outcome", "refused");
            line.put("reason", e.logDetail());
            line.put("retryAfterSeconds", e.retryAfter().toSeconds());
            throw e;
        } catch (RuntimeException e) {
            line.put("outcome", "error");
            line.put("error", describe(e));
            throw forClient(e);
        } finally {
            line.put("latencyMs", (System.nanoTime() - start) / 1_000_000);
            sink.forInvocation(context).write(toJson(line));
        }
    }

    private static RuntimeException forClient(RuntimeException e) {
        return e instanceof StepwiseException stepwise && stepwise.shownToUser() ? e : new SignInFailedException();
    }

    private static String describe(RuntimeException e) {
        if (e instanceof StepwiseException stepwise) {
            return e.getClass().getSimpleName() + ": " + stepwise.logDetail();
        }
        return e.getClass().getName();
    }

    static String toJson(Map<String, Object> fields) {
        StringBuilder json = new StringBuilder("{");
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            if (field.getValue() == null && !ALWAYS.contains(field.getKey())) {
                continue;
            }
            if (json.length() > 1) {
                json.append(',');
            }
            quote(json, field.getKey());
            json.append(':');
            Object value = field.getValue();
            if (value == null) {
                json.append("null");
            } else if (value instanceof Number || value instanceof Boolean) {
                json.append(value);
            } else {
                String text = value.toString();
                quote(json, text.length() > MAX_VALUE_LENGTH ? text.substring(0, MAX_VALUE_LENGTH) + "..." : text);
            }
        }
        return json.append('}').toString();
    }

    private static void quote(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
