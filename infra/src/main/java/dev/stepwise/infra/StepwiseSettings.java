package dev.stepwise.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import software.amazon.awscdk.RemovalPolicy;

/**
 * What the Stepwise CDK app deploys, read from a settings file ({@code -c settings=settings/prod.json}, one committed
 * file per environment) and CDK context keys ({@code -c key=value}), which take precedence over the file.
 *
 * <p>Nothing that decides how users sign in has a default: the policy must be named, and a policy with
 * {@code email_link} must name the link's URL. So a redeploy with a forgotten {@code -c} never changes a setting
 * silently: the committed file holds it.
 *
 * @param mode {@link Mode#NEW} for a new user pool, {@link Mode#EXISTING} to attach to {@code userPoolId}
 * @param userPoolId the pool to attach to; required for {@link Mode#EXISTING}, ignored otherwise
 * @param policy the Stepwise policy text (STEPWISE_POLICY); required
 * @param senderAddress the SES sender address (STEPWISE_EMAIL_FROM); required when the policy uses an email factor
 * @param smsEnabled whether the functions may send SMS through SNS
 * @param removalPolicy what happens to the pool, table, key, secret and logs when the stack is deleted
 * @param authSessionMinutes the app client's AuthSessionValidity, 3 to 15 minutes
 * @param replaceExistingTriggers whether attaching may replace other custom-auth triggers already on the pool
 * @param allowBypassFlows whether attaching may proceed although the pool has a way to tokens around the triggers
 * @param functionSettings further function settings (names of the functions' {@code FunctionSetting} enum), validated
 *     against the functions jar; the ones the app sets itself ({@link #MANAGED_FUNCTION_SETTINGS}) are refused
 * @param existingStateTableArn a state table kept from an earlier deployment, to adopt instead of creating one
 * @param existingSecretsKeyArn a KMS key kept from an earlier deployment, to adopt instead of creating one
 * @param existingSecretArn a key secret kept from an earlier deployment (its complete ARN), to adopt
 * @param example whether these are the committed example settings, which synthesise but refuse to deploy
 * @param functionsJar the functions' shaded jar
 * @param attachJar the custom-resource handler's shaded jar
 */
public record StepwiseSettings(
        Mode mode,
        String userPoolId,
        String policy,
        String senderAddress,
        boolean smsEnabled,
        RemovalPolicy removalPolicy,
        int authSessionMinutes,
        boolean replaceExistingTriggers,
        boolean allowBypassFlows,
        Map<String, String> functionSettings,
        String existingStateTableArn,
        String existingSecretsKeyArn,
        String existingSecretArn,
        boolean example,
        Path functionsJar,
        Path attachJar) {

    /** Context key: path of the settings file, relative to {@code infra/}. */
    public static final String SETTINGS = "settings";
    /** Context key: {@code new} or {@code existing}. */
    public static final String MODE = "mode";
    /** Context key: the user pool to attach to. */
    public static final String USER_POOL_ID = "userPoolId";
    /** Context key: the Stepwise policy. */
    public static final String POLICY = "policy";
    /** Context key: the SES sender address. */
    public static final String SENDER_ADDRESS = "senderAddress";
    /** Context key: {@code true} to allow SMS. */
    public static final String SMS = "sms";
    /** Context key: {@code retain} or {@code destroy}. */
    public static final String REMOVAL_POLICY = "removalPolicy";
    /** Context key: the app client's auth session validity in minutes. */
    public static final String AUTH_SESSION_MINUTES = "authSessionMinutes";
    /** Context key: {@code true} to replace other custom-auth triggers on an existing pool. */
    public static final String REPLACE_EXISTING_TRIGGERS = "replaceExistingTriggers";
    /** Context key: {@code true} to attach to a pool that has a way to tokens around the triggers. */
    public static final String ALLOW_BYPASS_FLOWS = "allowBypassFlows";
    /** Settings-file key: an object of function settings, e.g. {@code {"STEPWISE_MAX_ATTEMPTS": "3"}}. */
    public static final String FUNCTIONS = "functions";
    /** Context key: the ARN of a retained state table to adopt. */
    public static final String EXISTING_STATE_TABLE_ARN = "existingStateTableArn";
    /** Context key: the ARN of a retained KMS key to adopt. */
    public static final String EXISTING_SECRETS_KEY_ARN = "existingSecretsKeyArn";
    /** Context key: the complete ARN of a retained key secret to adopt. */
    public static final String EXISTING_SECRET_ARN = "existingSecretArn";
    /** Settings-file key: {@code true} marks the committed example, which refuses to deploy. */
    public static final String EXAMPLE = "example";
    /** Context key: path of the functions' shaded jar. */
    public static final String FUNCTIONS_JAR = "functionsJar";
    /** Context key: path of the custom-resource handler's shaded jar. */
    public static final String ATTACH_JAR = "attachJar";

    /** Where the infra build puts the functions' jar, relative to {@code infra/}. */
    public static final Path DEFAULT_FUNCTIONS_JAR = Path.of("target/lambda/stepwise-functions.jar");
    /** Where the infra build puts the custom-resource handler's jar, relative to {@code infra/}. */
    public static final Path DEFAULT_ATTACH_JAR = Path.of("target/lambda/stepwise-attach.jar");

    /**
     * Function settings the app sets itself from other settings or from the resources it deploys, or that Lambda
     * sets; they cannot be given under {@value #FUNCTIONS}.
     */
    public static final Set<String> MANAGED_FUNCTION_SETTINGS = Set.of(
            "STEPWISE_POLICY",
            "STEPWISE_SECRET",
            StepwiseTriggers.SECRET_ARN_VARIABLE,
            "STEPWISE_EMAIL_FROM",
            StepwiseTriggers.STATE_TABLE_VARIABLE,
            StepwiseTriggers.KMS_KEY_VARIABLE,
            "STEPWISE_AWS_ENDPOINT",
            "AWS_REGION",
            "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN");

    private static final Set<String> KEYS = Set.of(
            MODE,
            USER_POOL_ID,
            POLICY,
            SENDER_ADDRESS,
            SMS,
            REMOVAL_POLICY,
            AUTH_SESSION_MINUTES,
            REPLACE_EXISTING_TRIGGERS,
            ALLOW_BYPASS_FLOWS,
            FUNCTIONS,
            EXISTING_STATE_TABLE_ARN,
            EXISTING_SECRETS_KEY_ARN,
            EXISTING_SECRET_ARN,
            EXAMPLE,
            FUNCTIONS_JAR,
            ATTACH_JAR,
            "$comment");

    private static final Pattern POOL_ID = Pattern.compile("[\\w-]+_[0-9a-zA-Z]+");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>]+@[^@\\s<>]+\\.[^@\\s<>]+");
    private static final Pattern TABLE_ARN = Pattern.compile("arn:aws[\\w-]*:dynamodb:[\\w-]+:\\d{12}:table/[\\w.-]+");
    private static final Pattern KEY_ARN = Pattern.compile("arn:aws[\\w-]*:kms:[\\w-]+:\\d{12}:key/[\\w-]+");
    private static final Pattern SECRET_ARN =
            Pattern.compile("arn:aws[\\w-]*:secretsmanager:[\\w-]+:\\d{12}:secret:[\\w/+=.@-]+-[A-Za-z0-9]{6}");

    /** The two ways to deploy. */
    public enum Mode {
        /** A new user pool and app client with the triggers. */
        NEW,
        /** The triggers attached to an existing user pool. */
        EXISTING
    }

    /** Validates the settings; every message names the key to fix. */
    public StepwiseSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(removalPolicy, "removalPolicy");
        Objects.requireNonNull(functionsJar, "functionsJar");
        Objects.requireNonNull(attachJar, "attachJar");
        functionSettings = Map.copyOf(Objects.requireNonNull(functionSettings, "functionSettings"));
        if (mode == Mode.EXISTING
                && (userPoolId == null || !POOL_ID.matcher(userPoolId).matches())) {
            throw new IllegalArgumentException("mode=existing needs the pool to attach to: -c " + USER_POOL_ID
                    + "=<region>_<id> (got " + userPoolId + ")");
        }
        if (policy == null || policy.isBlank()) {
            throw new IllegalArgumentException("No policy: set \"" + POLICY + "\" in the settings file (-c " + SETTINGS
                    + "=settings/<environment>.json) or -c " + POLICY
                    + "='password > email_code'. There is no default, so a deploy never changes it silently");
        }
        if (senderAddress != null && !EMAIL.matcher(senderAddress).matches()) {
            throw new IllegalArgumentException(
                    SENDER_ADDRESS + "=" + senderAddress + " is not an email address such as no-reply@example.com");
        }
        if (usesEmail(policyText(policy, functionSettings)) && senderAddress == null) {
            throw new IllegalArgumentException("The policy '" + policy + "' sends email: set " + SENDER_ADDRESS
                    + " to an address or domain verified in SES");
        }
        if (policyText(policy, functionSettings).contains("phone_code") && !smsEnabled) {
            throw new IllegalArgumentException(
                    "The policy '" + policy + "' sends SMS: set " + SMS + "=true (and leave the SNS SMS sandbox)");
        }
        if (authSessionMinutes < 3 || authSessionMinutes > 15) {
            throw new IllegalArgumentException(
                    AUTH_SESSION_MINUTES + "=" + authSessionMinutes + " is outside Cognito's 3 to 15 minutes");
        }
        for (String name : functionSettings.keySet()) {
            if (MANAGED_FUNCTION_SETTINGS.contains(name)) {
                throw new IllegalArgumentException(name + " cannot be set under \"" + FUNCTIONS + "\": the app sets it"
                        + " (STEPWISE_POLICY from \"policy\", STEPWISE_EMAIL_FROM from \"senderAddress\", the table,"
                        + " key and secret from the resources it deploys or adopts; AWS_* by Lambda)");
            }
        }
        if (policyText(policy, functionSettings).contains("email_link")) {
            String url = functionSettings.get("STEPWISE_EMAIL_LINK_URL");
            if (url == null || !url.startsWith("https://") || !url.contains("{token}")) {
                throw new IllegalArgumentException("The policy uses email_link: set \"" + FUNCTIONS
                        + "\": {\"STEPWISE_EMAIL_LINK_URL\": \"https://<your sign-in page>?token={token}\"} (https, with"
                        + " {token}); got " + url);
            }
        }
        checkArn(EXISTING_STATE_TABLE_ARN, existingStateTableArn, TABLE_ARN);
        checkArn(EXISTING_SECRETS_KEY_ARN, existingSecretsKeyArn, KEY_ARN);
        checkArn(EXISTING_SECRET_ARN, existingSecretArn, SECRET_ARN);
    }

    private static void checkArn(String key, String value, Pattern pattern) {
        if (value != null && !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(key + "=" + value + " is not such an ARN (expected " + pattern.pattern()
                    + "; for a secret, the complete ARN with its six-character suffix)");
        }
    }

    private static String policyText(String policy, Map<String, String> functionSettings) {
        return policy + " " + functionSettings.getOrDefault("STEPWISE_CLIENT_POLICIES", "");
    }

    /** Whether a policy text names an email factor. */
    static boolean usesEmail(String policy) {
        return policy.contains("email_code") || policy.contains("email_link");
    }

    /**
     * Reads the settings from the settings file named by {@value #SETTINGS}, if any, and CDK context, which takes
     * precedence.
     *
     * @param context a context lookup, such as {@code app.getNode()::tryGetContext}; returns {@code null} when a key is
     *     not set
     * @return the validated settings
     * @throws IllegalArgumentException when a value is missing or invalid, naming the key
     */
    public static StepwiseSettings fromContext(Function<String, Object> context) {
        Object file = context.apply(SETTINGS);
        Map<String, Object> values = file == null || file.toString().isBlank()
                ? new LinkedHashMap<>()
                : readFile(Path.of(file.toString().strip()));
        for (String key : KEYS) {
            Object value = context.apply(key);
            if (value != null && !FUNCTIONS.equals(key) && !EXAMPLE.equals(key)) {
                values.put(key, value);
            }
        }
        Function<String, Object> lookup = values::get;
        String mode = text(lookup, MODE, "new").toLowerCase(Locale.ROOT);
        String removal = text(lookup, REMOVAL_POLICY, "retain").toLowerCase(Locale.ROOT);
        @SuppressWarnings("unchecked")
        Map<String, String> functions = (Map<String, String>) values.getOrDefault(FUNCTIONS, Map.of());
        return new StepwiseSettings(
                switch (mode) {
                    case "new" -> Mode.NEW;
                    case "existing" -> Mode.EXISTING;
                    default -> throw new IllegalArgumentException(
                            MODE + "=" + mode + ": use 'new' (a new user pool) or 'existing' (attach)");
                },
                text(lookup, USER_POOL_ID, null),
                text(lookup, POLICY, null),
                text(lookup, SENDER_ADDRESS, null),
                bool(lookup, SMS),
                switch (removal) {
                    case "retain" -> RemovalPolicy.RETAIN;
                    case "destroy" -> RemovalPolicy.DESTROY;
                    default -> throw new IllegalArgumentException(
                            REMOVAL_POLICY + "=" + removal + ": use 'retain' or 'destroy'");
                },
                integer(lookup, AUTH_SESSION_MINUTES, 3),
                bool(lookup, REPLACE_EXISTING_TRIGGERS),
                bool(lookup, ALLOW_BYPASS_FLOWS),
                functions,
                text(lookup, EXISTING_STATE_TABLE_ARN, null),
                text(lookup, EXISTING_SECRETS_KEY_ARN, null),
                text(lookup, EXISTING_SECRET_ARN, null),
                bool(lookup, EXAMPLE),
                Path.of(text(lookup, FUNCTIONS_JAR, DEFAULT_FUNCTIONS_JAR.toString())),
                Path.of(text(lookup, ATTACH_JAR, DEFAULT_ATTACH_JAR.toString())));
    }

    private static Map<String, Object> readFile(Path path) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(path));
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "Cannot read the settings file " + path.toAbsolutePath() + " (-c " + SETTINGS
                            + " is relative to infra/): " + e.getMessage(),
                    e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("The settings file " + path + " is not a JSON object");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = root.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("The settings file " + path + " has an unknown key \"" + key
                        + "\"; known keys: " + new java.util.TreeSet<>(KEYS));
            }
            if (FUNCTIONS.equals(key)) {
                values.put(key, functionSettings(path, field.getValue()));
            } else if (!key.startsWith("$")) {
                if (!field.getValue().isValueNode()) {
                    throw new IllegalArgumentException(
                            "The settings file " + path + ": \"" + key + "\" must be a string, number or boolean");
                }
                values.put(key, field.getValue().asText());
            }
        }
        return values;
    }

    private static Map<String, String> functionSettings(Path path, JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("The settings file " + path + ": \"" + FUNCTIONS
                    + "\" must be an object of function settings, e.g. {\"STEPWISE_MAX_ATTEMPTS\": \"3\"}");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        node.fields().forEachRemaining(entry -> {
            if (!entry.getValue().isValueNode()) {
                throw new IllegalArgumentException(
                        "The settings file " + path + ": function setting " + entry.getKey() + " must be a string");
            }
            settings.put(entry.getKey(), entry.getValue().asText());
        });
        return settings;
    }

    private static String text(Function<String, Object> context, String key, String fallback) {
        Object value = context.apply(key);
        if (value == null || value.toString().isBlank()) {
            return fallback;
        }
        return value.toString().strip();
    }

    private static boolean bool(Function<String, Object> context, String key) {
        String value = text(context, key, "false").toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true", "on", "yes" -> true;
            case "false", "off", "no" -> false;
            default -> throw new IllegalArgumentException(key + "=" + value + ": use true or false");
        };
    }

    private static int integer(Function<String, Object> context, String key, int fallback) {
        String value = text(context, key, Integer.toString(fallback));
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + "=" + value + ": use a whole number", e);
        }
    }
}
