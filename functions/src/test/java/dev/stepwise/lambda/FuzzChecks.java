package dev.stepwise.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.core.SignInRefusedException;
import dev.stepwise.lambda.HandlerRig.Invocation;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Assertions every fuzzed invocation must pass, whatever its input. */
final class FuzzChecks {
    private FuzzChecks() {}

    static void assertDocumented(Throwable thrown) {
        if (!FuzzArbitraries.documented(thrown)) {
            StringWriter trace = new StringWriter();
            thrown.printStackTrace(new PrintWriter(trace));
            throw new AssertionError("undocumented exception from a handler: " + trace, thrown);
        }
    }

    static JsonNode assertOneLogLine(Invocation invocation) {
        assertThat(invocation.lines()).as("log lines of one invocation").hasSize(1);
        JsonNode line = LambdaJson.tree(invocation.lines().get(0));
        assertThat(line.isObject()).as("log line is a JSON object").isTrue();
        assertThat(line.has("trigger") && line.has("pool") && line.has("client") && line.has("round"))
                .as("log line has trigger, pool, client and round: %s", line)
                .isTrue();
        assertThat(line.get("latencyMs").isNumber()).isTrue();
        assertThat(line.get("outcome").isTextual()).isTrue();
        if (invocation.thrown() != null) {
            assertThat(line.get("outcome").asText())
                    .isEqualTo(invocation.thrown() instanceof SignInRefusedException ? "refused" : "error");
        }
        return line;
    }
}
