package dev.stepwise.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Someone who knows only a username walks the same steps whether it exists or not: for every shipped scenario's policy,
 * an unknown username and a real user, both answered by someone without the codes, see the same step names, challenge
 * keys, options and final outcome. A real user without the step's factor walks the same way too.
 */
class EnumerationTest {
    private static final Pattern POLICY = Pattern.compile("(?m)^policy:\\s*(.+)$");
    private static final Map<String, String> REAL = Map.of(
            "email", "alice@example.com",
            "email_verified", "true",
            "phone_number", "+15555550123",
            "phone_number_verified", "true");
    private static final Map<String, String> NO_FACTOR = Map.of("email", "bob@example.com", "email_verified", "false");

    static Stream<String> shippedPolicies() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("..", "scenarios"))) {
            List<String> policies = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Matcher matcher = POLICY.matcher(Files.readString(file));
                if (matcher.find() && !policies.contains(matcher.group(1).strip())) {
                    policies.add(matcher.group(1).strip());
                }
            }
            assertThat(policies).hasSizeGreaterThan(5);
            return policies.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedPolicies")
    void unknownUsername_withoutTheCodes_walksLikeARealUser(String policy) {
        List<String> real = walk(policy, "alice", REAL, false);
        List<String> unknown = walk(policy, "mallory", Map.of(), true);

        assertThat(unknown).as("unknown username under %s", policy).isEqualTo(real);
        assertThat(unknown).last().asString().startsWith("outcome ");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedPolicies")
    void realUserWithoutTheFactor_walksLikeAnUnknownUsername(String policy) {
        List<String> withoutFactor = walk(policy, "bob", NO_FACTOR, false);
        List<String> unknown = walk(policy, "mallory", Map.of(), true);

        assertThat(withoutFactor).as("user without the factor under %s", policy).isEqualTo(unknown);
    }

    /** The steps seen by someone who answers every code wrong and picks the first option. */
    private static List<String> walk(String policy, String user, Map<String, String> attributes, boolean notFound) {
        HandlerRig triggers = new HandlerRig(Map.of("STEPWISE_POLICY", policy));
        List<String> seen = new ArrayList<>();
        CognitoLoop.Result result;
        try {
            result = new CognitoLoop(triggers, user, "client1", attributes, notFound)
                    .signIn(policy.startsWith("password"), false, challenge -> {
                        seen.add(describe(challenge));
                        return challenge.has("options")
                                ? challenge.get("options").asText().split(",")[0]
                                : "000000";
                    });
            seen.add("outcome " + result.outcome());
        } catch (RuntimeException e) {
            seen.add("outcome " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return seen;
    }

    private static String describe(JsonNode challenge) {
        TreeSet<String> keys = new TreeSet<>();
        challenge.fieldNames().forEachRemaining(keys::add);
        return challenge.path("step").asText() + " " + challenge.path("factor").asText() + " "
                + challenge.path("options").asText() + " "
                + challenge.path("attemptsRemaining").asText() + " " + keys;
    }
}
