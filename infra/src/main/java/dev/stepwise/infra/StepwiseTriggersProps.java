package dev.stepwise.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.secretsmanager.ISecret;

/**
 * Settings of {@link StepwiseTriggers}; build them with {@link #builder()}.
 *
 * @param functionsJar the shaded jar built by the {@code functions} module; must exist at synth time
 * @param policy the Stepwise policy text, for example {@code password > email_code}
 * @param environment further function settings (see docs/configuration.md); the variables this construct
 *     sets itself ({@link #MANAGED_VARIABLES}) are not allowed here
 * @param memorySize the functions' memory in MB, 128 to 10240 (default {@value #DEFAULT_MEMORY_SIZE})
 * @param senderAddress the SES sender address; the functions may send from it and from nothing else; {@code null} when
 *     the policy sends no email
 * @param smsEnabled whether the functions may send SMS through SNS (default false)
 * @param stateTable the DynamoDB table for state that spans sign-ins, or {@code null} for none
 * @param secretsKey the KMS key that encrypts TOTP secrets at rest ({@code STEPWISE_KMS_KEY_ID}); Create and Verify
 *     may encrypt and decrypt with it, Define may not use it; {@code null} to encrypt them with a key derived from
 *     {@code STEPWISE_SECRET} instead
 * @param secret an existing Secrets Manager secret holding the HMAC key (64 alphanumerics, base64 of 48 bytes), for
 *     example one kept from an earlier deployment; {@code null} to generate one
 * @param logRetention how long the functions' logs are kept (default one month)
 * @param removalPolicy what happens to the secret and the log groups when the stack is deleted (default retain)
 * @param tokenGuard whether to create the fourth function, pre token generation (default true); it needs
 *     {@code stateTable}. Whether it refuses tokens is its setting {@code STEPWISE_TOKEN_GUARD} (default {@code on})
 */
public record StepwiseTriggersProps(
        Path functionsJar,
        String policy,
        Map<String, String> environment,
        int memorySize,
        String senderAddress,
        boolean smsEnabled,
        ITable stateTable,
        IKey secretsKey,
        ISecret secret,
        RetentionDays logRetention,
        RemovalPolicy removalPolicy,
        boolean tokenGuard) {

    /** The memory the functions get unless told otherwise: enough CPU share for a quick JVM start. */
    public static final int DEFAULT_MEMORY_SIZE = 1024;

    /** Variables {@link StepwiseTriggers} sets from the other props. */
    public static final Set<String> MANAGED_VARIABLES = Set.of(
            "STEPWISE_POLICY",
            "STEPWISE_SECRET",
            StepwiseTriggers.SECRET_ARN_VARIABLE,
            "STEPWISE_EMAIL_FROM",
            StepwiseTriggers.STATE_TABLE_VARIABLE,
            StepwiseTriggers.KMS_KEY_VARIABLE,
            "STEPWISE_AWS_ENDPOINT");

    /** Validates the settings; a missing jar is reported with the command that builds it. */
    public StepwiseTriggersProps {
        Objects.requireNonNull(functionsJar, "functionsJar");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(logRetention, "logRetention");
        Objects.requireNonNull(removalPolicy, "removalPolicy");
        environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
        if (!Files.isRegularFile(functionsJar)) {
            throw new IllegalArgumentException("The functions jar " + functionsJar
                    + " does not exist: build it first with ./mvnw -pl functions package");
        }
        if (policy.isBlank()) {
            throw new IllegalArgumentException(
                    "policy is blank: give a chain such as 'email_code' or 'password > email_code'");
        }
        for (String variable : environment.keySet()) {
            if (MANAGED_VARIABLES.contains(variable)) {
                throw new IllegalArgumentException(variable + " is not allowed in 'environment': the construct sets it"
                        + " from policy, senderAddress, stateTable, secretsKey or secret (key material never goes into the"
                        + " environment; STEPWISE_AWS_ENDPOINT is for local runs only)");
            }
        }
        if (memorySize < 128 || memorySize > 10240) {
            throw new IllegalArgumentException("memorySize " + memorySize + " MB is outside Lambda's 128 to 10240 MB");
        }
        if (StepwiseSettings.usesEmail(policy) && senderAddress == null) {
            throw new IllegalArgumentException(
                    "The policy '" + policy + "' sends email: set senderAddress to an address verified in SES");
        }
        if (stateTable == null && !"off".equals(environment.get("STEPWISE_ABUSE_CONTROLS"))) {
            throw new IllegalArgumentException("stateTable is not set, but the functions' abuse controls (lockout, send"
                    + " limits) keep their counts there: give the table (StepwiseStateTable makes one), or put"
                    + " STEPWISE_ABUSE_CONTROLS=off in 'environment' (not recommended)");
        }
        if (tokenGuard && stateTable == null) {
            throw new IllegalArgumentException("stateTable is not set, but the token guard (pre token generation) finds"
                    + " the marks Define leaves there: give the table, or set tokenGuard(false)");
        }
    }

    /** Props with the defaults and no further environment. */
    public static StepwiseTriggersProps of(Path functionsJar, String policy) {
        return builder().functionsJar(functionsJar).policy(policy).build();
    }

    /** A builder with the documented defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link StepwiseTriggersProps}; setters are named like the components. */
    public static final class Builder {
        private Path functionsJar;
        private String policy;
        private Map<String, String> environment = Map.of();
        private int memorySize = DEFAULT_MEMORY_SIZE;
        private String senderAddress;
        private boolean smsEnabled;
        private ITable stateTable;
        private IKey secretsKey;
        private ISecret secret;
        private RetentionDays logRetention = RetentionDays.ONE_MONTH;
        private RemovalPolicy removalPolicy = RemovalPolicy.RETAIN;
        private boolean tokenGuard = true;

        private Builder() {}

        /** See {@link StepwiseTriggersProps#functionsJar()}. */
        public Builder functionsJar(Path functionsJar) {
            this.functionsJar = functionsJar;
            return this;
        }

        /** See {@link StepwiseTriggersProps#policy()}. */
        public Builder policy(String policy) {
            this.policy = policy;
            return this;
        }

        /** See {@link StepwiseTriggersProps#environment()}. */
        public Builder environment(Map<String, String> environment) {
            this.environment = environment;
            return this;
        }

        /** See {@link StepwiseTriggersProps#memorySize()}. */
        public Builder memorySize(int memorySize) {
            this.memorySize = memorySize;
            return this;
        }

        /** See {@link StepwiseTriggersProps#senderAddress()}. */
        public Builder senderAddress(String senderAddress) {
            this.senderAddress = senderAddress;
            return this;
        }

        /** See {@link StepwiseTriggersProps#smsEnabled()}. */
        public Builder smsEnabled(boolean smsEnabled) {
            this.smsEnabled = smsEnabled;
            return this;
        }

        /** See {@link StepwiseTriggersProps#stateTable()}. */
        public Builder stateTable(ITable stateTable) {
            this.stateTable = stateTable;
            return this;
        }

        /** See {@link StepwiseTriggersProps#secretsKey()}. */
        public Builder secretsKey(IKey secretsKey) {
            this.secretsKey = secretsKey;
            return this;
        }

        /** See {@link StepwiseTriggersProps#secret()}. */
        public Builder secret(ISecret secret) {
            this.secret = secret;
            return this;
        }

        /** See {@link StepwiseTriggersProps#logRetention()}. */
        public Builder logRetention(RetentionDays logRetention) {
            this.logRetention = logRetention;
            return this;
        }

        /** See {@link StepwiseTriggersProps#removalPolicy()}. */
        public Builder removalPolicy(RemovalPolicy removalPolicy) {
            this.removalPolicy = removalPolicy;
            return this;
        }

        /** See {@link StepwiseTriggersProps#tokenGuard()}. */
        public Builder tokenGuard(boolean tokenGuard) {
            this.tokenGuard = tokenGuard;
            return this;
        }

        /** The validated props. */
        public StepwiseTriggersProps build() {
            return new StepwiseTriggersProps(
                    functionsJar,
                    policy,
                    environment,
                    memorySize,
                    senderAddress,
                    smsEnabled,
                    stateTable,
                    secretsKey,
                    secret,
                    logRetention,
                    removalPolicy,
                    tokenGuard);
        }
    }
}
