package dev.stepwise.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of {@link StepwiseTriggers}.
 *
 * @param functionsJar the shaded jar built by the {@code functions} module; must exist at synth time
 * @param policy the Stepwise policy text, for example {@code password > email_code}
 * @param environment further function settings (see the README's configuration table); STEPWISE_POLICY is set from
 *     {@code policy}
 * @param memorySize the functions' memory in MB, 128 to 10240
 */
public record StepwiseTriggersProps(Path functionsJar, String policy, Map<String, String> environment, int memorySize) {

    /** The memory the functions get unless told otherwise: enough CPU share for a quick JVM start. */
    public static final int DEFAULT_MEMORY_SIZE = 1024;

    /** Validates the settings; a missing jar is reported with the command that builds it. */
    public StepwiseTriggersProps {
        Objects.requireNonNull(functionsJar, "functionsJar");
        Objects.requireNonNull(policy, "policy");
        environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
        if (!Files.isRegularFile(functionsJar)) {
            throw new IllegalArgumentException("The functions jar " + functionsJar
                    + " does not exist: build it first with ./mvnw -pl functions package");
        }
        if (policy.isBlank()) {
            throw new IllegalArgumentException(
                    "policy is blank: give a chain such as 'email_code' or 'password > email_code'");
        }
        if (environment.containsKey("STEPWISE_POLICY")) {
            throw new IllegalArgumentException(
                    "Set the policy through 'policy', not through STEPWISE_POLICY in 'environment'");
        }
        if (memorySize < 128 || memorySize > 10240) {
            throw new IllegalArgumentException("memorySize " + memorySize + " MB is outside Lambda's 128 to 10240 MB");
        }
    }

    /** Props with the default memory size and no further environment. */
    public static StepwiseTriggersProps of(Path functionsJar, String policy) {
        return new StepwiseTriggersProps(functionsJar, policy, Map.of(), DEFAULT_MEMORY_SIZE);
    }
}
