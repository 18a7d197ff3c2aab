package dev.stepwise.lambda.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How the functions' AWS SDK clients are built: the one input of {@link AwsClients}. Every client uses the
 * URL-connection HTTP client (the JDK's {@code HttpURLConnection}: no Apache or Netty pool, no native library, the
 * fewest classes to load at init), one instance shared by all clients, the region and credentials given here (so the
 * SDK never walks its region or credentials chains when they are known), and the endpoint override when set.
 *
 * <p>Timeouts keep a call inside Cognito's 5-second trigger budget. The SES and SNS clients do not retry and give up
 * after {@code sendTimeout} per call, because the flow retries sends itself within its budget ({@code SendRetry} in
 * the core: at most three attempts in 3.5 s); the other clients (state table, KMS, Secrets Manager) keep the SDK's
 * retries within {@code callTimeout}.
 *
 * @param region the region of every client; {@code null} fails when a client is first needed
 * @param endpoint the endpoint override of every client (the emulator, LocalStack), or {@code null} for AWS
 * @param credentials static credentials, or {@code null} for the SDK's default chain
 * @param connectTimeout to open a connection
 * @param readTimeout to wait for data on an open connection
 * @param callTimeout per call of the clients that retry, retries included
 * @param sendTimeout per call of the SES and SNS clients, which make one attempt
 */
public record AwsSettings(
        String region,
        URI endpoint,
        Credentials credentials,
        Duration connectTimeout,
        Duration readTimeout,
        Duration callTimeout,
        Duration sendTimeout) {

    /** Checks that every timeout is set and positive. */
    public AwsSettings {
        for (Duration timeout : new Duration[] {connectTimeout, readTimeout, callTimeout, sendTimeout}) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive: " + timeout);
            }
        }
    }

    /**
     * The settings the functions run with: 2 s to connect, 3 s per read, 4 s per retried call, 1 s per send.
     *
     * @param region the region, or {@code null}
     * @param endpoint the endpoint override, or {@code null}
     * @param credentials static credentials, or {@code null}
     */
    public static AwsSettings forFunctions(String region, URI endpoint, Credentials credentials) {
        return new AwsSettings(
                region,
                endpoint,
                credentials,
                Duration.ofSeconds(2),
                Duration.ofSeconds(3),
                Duration.ofSeconds(4),
                Duration.ofSeconds(1));
    }

    /**
     * Static AWS credentials. {@link #toString()} redacts the secret parts.
     *
     * @param accessKeyId the access key id
     * @param secretAccessKey the secret key
     * @param sessionToken the session token, or {@code null}
     */
    public record Credentials(String accessKeyId, String secretAccessKey, String sessionToken) {
        /** Requires the key id and the secret key. */
        public Credentials {
            Objects.requireNonNull(accessKeyId, "accessKeyId");
            Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        }

        @Override
        public String toString() {
            return "Credentials[accessKeyId=" + accessKeyId + ", secretAccessKey=redacted, sessionToken="
                    + (sessionToken == null ? "none" : "redacted") + "]";
        }
    }
}
