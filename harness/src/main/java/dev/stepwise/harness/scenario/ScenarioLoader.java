package dev.stepwise.harness.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.stepwise.harness.client.SignInFlow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads scenario files (YAML). Unknown keys are errors, so a typo never turns an expectation into nothing; every error
 * names the file and the place.
 *
 * <pre>{@code
 * name: email code, one wrong answer first
 * policy: email_code
 * user: { username: ada, email: ada@example.com }
 * flow: CUSTOM_WITHOUT_SRP
 * steps:
 *   - expect: { step: CONFIRM_SIGN_IN_WITH_EMAIL_CODE, attemptsRemaining: 3 }
 *     answer: wrong-code
 *   - expect: { step: CONFIRM_SIGN_IN_WITH_EMAIL_CODE, attemptsRemaining: 2 }
 *     answer: code-from-mailbox
 * outcome: DONE
 * amr: otp
 * }</pre>
 *
 * <p>{@code amr}, optional and only with {@code outcome: DONE}, is the {@code stepwise:amr} claim the tokens must carry
 * (docs/devices.md).
 *
 * <p>Thread-safe.
 */
public final class ScenarioLoader {

    /** The password given to scenario users that name none. */
    public static final String DEFAULT_PASSWORD = "Sc3nario-Passw0rd!";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> TOP = Set.of(
            "name",
            "description",
            "policy",
            "environment",
            "preventUserExistenceErrors",
            "user",
            "flow",
            "signIn",
            "steps",
            "outcome",
            "amr");
    private static final Set<String> USER = Set.of(
            "username",
            "password",
            "email",
            "phoneNumber",
            "emailVerified",
            "phoneNumberVerified",
            "exists",
            "enabled",
            "backupCodes");
    private static final Pattern FAILS = Pattern.compile("fails with (\\w+)(?::\\s*(.+))?");

    private ScenarioLoader() {}

    /**
     * Reads every {@code .yaml} / {@code .yml} file among these paths; a directory stands for the scenario files in
     * it (not recursive), sorted by name.
     *
     * @throws ScenarioFormatException if a file is not a valid scenario
     * @throws UncheckedIOException if a path cannot be read
     */
    public static List<Scenario> load(List<Path> paths) {
        List<Scenario> scenarios = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.list(path)) {
                    for (Path file : files.filter(ScenarioLoader::isScenarioFile)
                            .sorted()
                            .toList()) {
                        scenarios.add(load(file));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + path, e);
                }
            } else {
                scenarios.add(load(path));
            }
        }
        return scenarios;
    }

    /**
     * Reads one scenario file.
     *
     * @throws ScenarioFormatException if it is not a valid scenario
     * @throws UncheckedIOException if it cannot be read
     */
    public static Scenario load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario " + file + ": " + e.getMessage(), e);
        }
        String fileName = file.getFileName().toString();
        return parse(text, file.toString(), fileName.replaceFirst("\\.ya?ml$", ""));
    }

    /**
     * Parses scenario YAML.
     *
     * @param source where the text came from, for messages and reports
     * @param defaultName the name when the text has none
     * @throws ScenarioFormatException if it is not a valid scenario
     */
    public static Scenario parse(String yaml, String source, String defaultName) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new ScenarioFormatException(source + ": not valid YAML: " + e.getMessage());
        }
        Reader r = new Reader(source);
        if (root == null || !root.isObject()) {
            throw r.error("", "a scenario is a mapping with at least user and outcome");
        }
        r.onlyKeys(root, "", TOP);
        JsonNode userNode = root.path("user");
        if (!userNode.isObject()) {
            throw r.error("user", "required: a mapping with at least username");
        }
        r.onlyKeys(userNode, "user.", USER);
        ScenarioUser user = new ScenarioUser(
                r.text(userNode, "user.", "username", null, true),
                r.text(userNode, "user.", "password", DEFAULT_PASSWORD, false),
                r.text(userNode, "user.", "email", null, false),
                r.text(userNode, "user.", "phoneNumber", null, false),
                r.bool(userNode, "user.", "emailVerified", true),
                r.bool(userNode, "user.", "phoneNumberVerified", true),
                r.bool(userNode, "user.", "exists", true),
                r.bool(userNode, "user.", "enabled", true),
                r.integer(userNode, "user.", "backupCodes", 0));
        JsonNode signIn = root.path("signIn");
        if (!signIn.isMissingNode()) {
            r.onlyKeys(signIn, "signIn.", Set.of("username", "password"));
        }
        String flowText = r.text(root, "", "flow", "CUSTOM_WITHOUT_SRP", false);
        SignInFlow flow;
        try {
            flow = SignInFlow.valueOf(flowText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw r.error("flow", "unknown flow '" + flowText + "'; use CUSTOM_WITHOUT_SRP or CUSTOM_WITH_SRP");
        }
        List<ScenarioStep> steps = new ArrayList<>();
        JsonNode stepsNode = root.path("steps");
        if (!stepsNode.isMissingNode() && !stepsNode.isArray()) {
            throw r.error("steps", "a list of steps, each with expect and answer");
        }
        for (int i = 0; i < stepsNode.size(); i++) {
            steps.add(step(r, stepsNode.get(i), "steps[" + i + "]"));
        }
        return new Scenario(
                r.text(root, "", "name", defaultName, false),
                source,
                r.text(root, "", "policy", "email_code", false),
                r.stringMap(root.path("environment"), "environment"),
                r.bool(root, "", "preventUserExistenceErrors", true),
                user,
                flow,
                signIn.isMissingNode() ? null : r.text(signIn, "signIn.", "username", null, false),
                signIn.isMissingNode() ? null : r.text(signIn, "signIn.", "password", null, false),
                steps,
                outcome(r, root.path("outcome"), root.path("amr")));
    }

    private static ScenarioStep step(Reader r, JsonNode node, String at) {
        if (node == null || !node.isObject()) {
            throw r.error(at, "a step is a mapping with expect and answer");
        }
        r.onlyKeys(node, at + ".", Set.of("expect", "answer"));
        Map<String, String> expect = r.stringMap(node.path("expect"), at + ".expect");
        return new ScenarioStep(expect, answer(r, node.path("answer"), at + ".answer"));
    }

    private static Answer answer(Reader r, JsonNode node, String at) {
        String kinds = "code-from-mailbox, wrong-code, link-from-mailbox, totp-from-setup, backup-code, {literal: ...},"
                + " {totp-from-secret: ...} or {choice: ...}";
        if (node.isTextual()) {
            return switch (node.asText()) {
                case "code-from-mailbox" -> new Answer.CodeFromMailbox();
                case "wrong-code" -> new Answer.WrongCode();
                case "link-from-mailbox" -> new Answer.LinkFromMailbox();
                case "totp-from-setup" -> new Answer.TotpFromSetup();
                case "backup-code" -> new Answer.BackupCode();
                default -> throw r.error(at, "unknown answer '" + node.asText() + "'; use " + kinds);
            };
        }
        if (node.isObject() && node.size() == 1) {
            Map.Entry<String, JsonNode> entry = node.fields().next();
            String value = entry.getValue().isValueNode() ? entry.getValue().asText() : null;
            if (value != null) {
                switch (entry.getKey()) {
                    case "literal":
                        return new Answer.Literal(value);
                    case "totp-from-secret":
                        return new Answer.TotpFromSecret(value);
                    case "choice":
                        return new Answer.Choice(value);
                    default:
                        break;
                }
            }
        }
        throw r.error(at, "required: " + kinds);
    }

    private static ExpectedOutcome outcome(Reader r, JsonNode node, JsonNode amr) {
        String usage = "DONE, 'fails with <ErrorCode>', 'fails with <ErrorCode>: <message>' or {fails: <ErrorCode>,"
                + " message: <message>}";
        boolean signedIn = node.isTextual() && node.asText().strip().equalsIgnoreCase("DONE");
        if (!amr.isMissingNode()
                && (!signedIn || !amr.isTextual() || amr.asText().isBlank())) {
            throw r.error("amr", "the stepwise:amr claim of a DONE outcome, e.g. 'pwd otp mfa'");
        }
        if (node.isTextual()) {
            String text = node.asText().strip();
            if (signedIn) {
                return amr.isMissingNode() ? ExpectedOutcome.signedIn() : ExpectedOutcome.signedIn(amr.asText());
            }
            Matcher m = FAILS.matcher(text);
            if (m.matches()) {
                return ExpectedOutcome.fails(m.group(1), m.group(2));
            }
        } else if (node.isObject() && node.hasNonNull("fails")) {
            r.onlyKeys(node, "outcome.", Set.of("fails", "message"));
            return ExpectedOutcome.fails(
                    node.get("fails").asText(),
                    node.hasNonNull("message") ? node.get("message").asText() : null);
        }
        throw r.error("outcome", "required: " + usage);
    }

    private static boolean isScenarioFile(Path path) {
        String name = path.getFileName().toString();
        return Files.isRegularFile(path) && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    /** Reads values with errors that name the source and the key. */
    private record Reader(String source) {

        ScenarioFormatException error(String at, String message) {
            return new ScenarioFormatException(source + (at.isEmpty() ? "" : ": " + at) + ": " + message);
        }

        void onlyKeys(JsonNode node, String prefix, Set<String> allowed) {
            if (!node.isObject()) {
                throw error(prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1), "must be a mapping");
            }
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!allowed.contains(name)) {
                    throw error(
                            prefix + name,
                            "unknown key; known keys here: "
                                    + allowed.stream().sorted().toList());
                }
            }
        }

        String text(JsonNode node, String prefix, String key, String fallback, boolean required) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                if (required) {
                    throw error(prefix + key, "required");
                }
                return fallback;
            }
            if (!value.isValueNode()) {
                throw error(prefix + key, "must be a single value");
            }
            return value.asText();
        }

        boolean bool(JsonNode node, String prefix, String key, boolean fallback) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return fallback;
            }
            if (!value.isBoolean()) {
                throw error(prefix + key, "must be true or false");
            }
            return value.asBoolean();
        }

        int integer(JsonNode node, String prefix, String key, int fallback) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return fallback;
            }
            if (!value.canConvertToInt() || value.asInt() < 0 || value.asInt() > 50) {
                throw error(prefix + key, "must be a whole number from 0 to 50");
            }
            return value.asInt();
        }

        Map<String, String> stringMap(JsonNode node, String at) {
            Map<String, String> values = new LinkedHashMap<>();
            if (node.isMissingNode() || node.isNull()) {
                return values;
            }
            if (!node.isObject()) {
                throw error(at, "must be a mapping of names to values");
            }
            node.fields().forEachRemaining(e -> {
                JsonNode v = e.getValue();
                if (v.isArray()) {
                    List<String> items = new ArrayList<>();
                    v.forEach(item -> items.add(item.asText()));
                    values.put(e.getKey(), String.join(",", items));
                } else if (v.isValueNode()) {
                    values.put(e.getKey(), v.asText());
                } else {
                    throw error(at + "." + e.getKey(), "must be a single value or a list");
                }
            });
            return values;
        }
    }
}
