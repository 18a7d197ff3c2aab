package dev.stepwise.infra;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import software.amazon.awscdk.RemovalPolicy;

/**
 * What the Stepwise CDK app deploys, read from CDK context ({@code cdk synth -c key=value} or {@code cdk.json}).
 *
 * @param mode {@link Mode#NEW} for a new user pool, {@link Mode#EXISTING} to attach to {@code userPoolId}
 * @param userPoolId the pool to attach to; required for {@link Mode#EXISTING}, ignored otherwise
 * @param policy the Stepwise policy text (STEPWISE_POLICY)
 * @param senderAddress the SES sender address (STEPWISE_EMAIL_FROM); required when the policy uses an email factor
 * @param smsEnabled whether the functions may send SMS through SNS
 * @param removalPolicy what happens to the pool, table, secret and logs when the stack is deleted
 * @param authSessionMinutes the app client's AuthSessionValidity, 3 to 15 minutes
 * @param replaceExistingTriggers whether attaching may replace other custom-auth triggers already on the pool
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
        Path functionsJar,
        Path attachJar) {

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
    /** Context key: path of the functions' shaded jar. */
    public static final String FUNCTIONS_JAR = "functionsJar";
    /** Context key: path of the custom-resource handler's shaded jar. */
    public static final String ATTACH_JAR = "attachJar";

    /** Where the infra build puts the functions' jar, relative to {@code infra/}. */
    public static final Path DEFAULT_FUNCTIONS_JAR = Path.of("target/lambda/stepwise-functions.jar");
    /** Where the infra build puts the custom-resource handler's jar, relative to {@code infra/}. */
    public static final Path DEFAULT_ATTACH_JAR = Path.of("target/lambda/stepwise-attach.jar");

    private static final Pattern POOL_ID = Pattern.compile("[\\w-]+_[0-9a-zA-Z]+");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>]+@[^@\\s<>]+\\.[^@\\s<>]+");

    /** The two ways to deploy. */
    public enum Mode {
        /** A new user pool and app client with the triggers. */
        NEW,
        /** The triggers attached to an existing user pool. */
        EXISTING
    }

    /** Validates the settings; every message names the context key to fix. */
    public StepwiseSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(removalPolicy, "removalPolicy");
        Objects.requireNonNull(functionsJar, "functionsJar");
        Objects.requireNonNull(attachJar, "attachJar");
        if (mode == Mode.EXISTING
                && (userPoolId == null || !POOL_ID.matcher(userPoolId).matches())) {
            throw new IllegalArgumentException("mode=existing needs the pool to attach to: -c " + USER_POOL_ID
                    + "=<region>_<id> (got " + userPoolId + ")");
        }
        if (senderAddress != null && !EMAIL.matcher(senderAddress).matches()) {
            throw new IllegalArgumentException("-c " + SENDER_ADDRESS + "=" + senderAddress
                    + " is not an email address such as no-reply@example.com");
        }
        if (usesEmail(policy) && senderAddress == null) {
            throw new IllegalArgumentException("The policy '" + policy + "' sends email: set -c " + SENDER_ADDRESS
                    + "=<an address or domain verified in SES>");
        }
        if (policy.contains("phone_code") && !smsEnabled) {
            throw new IllegalArgumentException(
                    "The policy '" + policy + "' sends SMS: set -c " + SMS + "=true (and leave the SNS SMS sandbox)");
        }
        if (authSessionMinutes < 3 || authSessionMinutes > 15) {
            throw new IllegalArgumentException(
                    "-c " + AUTH_SESSION_MINUTES + "=" + authSessionMinutes + " is outside Cognito's 3 to 15 minutes");
        }
    }

    /** Whether a policy text names an email factor. */
    static boolean usesEmail(String policy) {
        return policy.contains("email_code") || policy.contains("email_link");
    }

    /**
     * Reads the settings from CDK context.
     *
     * @param context a context lookup, such as {@code app.getNode()::tryGetContext}; returns {@code null} when a key is
     *     not set
     * @return the validated settings
     * @throws IllegalArgumentException when a value is missing or invalid, naming the context key
     */
    public static StepwiseSettings fromContext(Function<String, Object> context) {
        String mode = text(context, MODE, "new").toLowerCase(Locale.ROOT);
        String removal = text(context, REMOVAL_POLICY, "retain").toLowerCase(Locale.ROOT);
        return new StepwiseSettings(
                switch (mode) {
                    case "new" -> Mode.NEW;
                    case "existing" -> Mode.EXISTING;
                    default -> throw new IllegalArgumentException(
                            "-c " + MODE + "=" + mode + ": use 'new' (a new user pool) or 'existing' (attach)");
                },
                text(context, USER_POOL_ID, null),
                text(context, POLICY, "email_code"),
                text(context, SENDER_ADDRESS, null),
                bool(context, SMS),
                switch (removal) {
                    case "retain" -> RemovalPolicy.RETAIN;
                    case "destroy" -> RemovalPolicy.DESTROY;
                    default -> throw new IllegalArgumentException(
                            "-c " + REMOVAL_POLICY + "=" + removal + ": use 'retain' or 'destroy'");
                },
                integer(context, AUTH_SESSION_MINUTES, 3),
                bool(context, REPLACE_EXISTING_TRIGGERS),
                Path.of(text(context, FUNCTIONS_JAR, DEFAULT_FUNCTIONS_JAR.toString())),
                Path.of(text(context, ATTACH_JAR, DEFAULT_ATTACH_JAR.toString())));
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
            default -> throw new IllegalArgumentException("-c " + key + "=" + value + ": use true or false");
        };
    }

    private static int integer(Function<String, Object> context, String key, int fallback) {
        String value = text(context, key, Integer.toString(fallback));
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-c " + key + "=" + value + ": use a whole number", e);
        }
    }
}
