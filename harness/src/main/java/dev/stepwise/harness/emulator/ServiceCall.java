package dev.stepwise.harness.emulator;

import java.util.Objects;

/**
 * One request the emulator served to a trigger, or one trigger invocation: what a deployment pays for. See
 * {@link CognitoEmulator.Builder#serviceCalls(java.util.function.Consumer)}.
 *
 * @param caller the function that made the request, known by the access key id in its signature (each bundled
 *     function signs with its own, as each Lambda function has its own role); the access key id itself when no
 *     function has it, {@code "unsigned"} without a signature. For {@code lambda}, the function invoked
 * @param service {@code dynamodb}, {@code kms}, {@code secretsmanager}, {@code ses}, {@code sns} or {@code lambda}
 * @param operation the API operation, e.g. {@code GetItem}, {@code Decrypt}, {@code SendEmail}, {@code Publish};
 *     {@code Invoke} for {@code lambda}
 */
public record ServiceCall(String caller, String service, String operation) {
    /** Requires every part. */
    public ServiceCall {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(operation, "operation");
    }
}
