package dev.stepwise.lambda.aws;

import dev.stepwise.core.CodeDelivery;
import dev.stepwise.core.ConfigurationException;
import dev.stepwise.core.SecretBox;
import dev.stepwise.core.StateStore;
import dev.stepwise.core.StepwiseKeys;
import dev.stepwise.lambda.aws.PrimableHttpClient.Service;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The one factory of the functions' AWS adapters, built from {@link AwsSettings}. The state table, Secrets Manager,
 * SES and SNS are called through {@link SignedCalls} (SigV4 signed by hand over {@code HttpURLConnection}): their SDK
 * clients were most of a cold start (docs/performance.md, "Cold start as deployed"). KMS, used only for TOTP secrets,
 * stays on the SDK's client, built at the first seal or open over the URL-connection HTTP client. Each is created
 * when first needed and at most once per instance; a function builds one instance at init, so at most once per
 * container. Thread-safe.
 */
public final class AwsClients {
    private final AwsSettings settings;
    private final Lazy<SdkHttpClient> http;
    private final Lazy<AwsCredentialsProvider> credentials;
    private final Lazy<SignedCalls> calls;
    private final Lazy<KmsClient> kms;
    private final Lazy<StepwiseKeys> keys;
    private final AtomicBoolean offline = new AtomicBoolean();
    private volatile String secretArn;

    private AwsClients(AwsSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = new Lazy<>(() -> UrlConnectionHttpClient.builder()
                .connectionTimeout(settings.connectTimeout())
                .socketTimeout(settings.readTimeout())
                .build());
        this.credentials = new Lazy<>(this::credentialsProvider);
        this.calls = new Lazy<>(() -> new SignedCalls(
                settings,
                this::signingCredentials,
                new PrimableTransport(new SignedCalls.Network(), offline),
                Clock.systemUTC()));
        this.kms = new Lazy<>(() -> retrying(KmsClient.builder(), Service.KMS).build());
        this.keys = new Lazy<>(() -> SecretsManagerKeys.fetch(
                new SignedCalls(settings, this::signingCredentials, new SignedCalls.Network(), Clock.systemUTC()),
                secretArn));
    }

    /** Adapters built from {@code settings}; nothing is built yet. */
    public static AwsClients create(AwsSettings settings) {
        return new AwsClients(settings);
    }

    /** The settings the clients are built from. */
    public AwsSettings settings() {
        return settings;
    }

    /** The KMS client, built on first use. */
    public KmsClient kms() {
        return kms.get();
    }

    /**
     * The state table {@code table}, called with hand-signed requests ({@link SignedCalls}), not through the SDK's
     * DynamoDB client, whose classes and first request cost most of a cold start.
     */
    public StateStore stateStore(String table) {
        return new SignedStateStore(calls.get(), table);
    }

    /**
     * TOTP secrets sealed under the KMS key {@code keyId}, over {@link #kms()}, which is built at the first seal or open,
     * not now: most sign-ins never touch a TOTP secret.
     *
     * @param legacy opens values sealed before KMS was turned on
     */
    public SecretBox kmsSecretBox(String keyId, SecretBox legacy) {
        return KmsSecretBox.lazy(this::kms, keyId, legacy);
    }

    /** Email with SES v2 from {@code from}, an SES-verified sender, through hand-signed calls. */
    public CodeDelivery email(String from) {
        return new SesCodeDelivery(calls.get(), from);
    }

    /** SMS with SNS, through hand-signed calls. */
    public CodeDelivery sms() {
        return new SnsCodeDelivery(calls.get());
    }

    /**
     * The keys in the Secrets Manager secret {@code arn}, read once (both stages at once, see
     * {@link SecretsManagerKeys}); later calls return the same keys and build no client.
     *
     * @throws ConfigurationException when the secret cannot be read or is malformed
     */
    public StepwiseKeys secretKeys(String arn) {
        Objects.requireNonNull(arn, "arn");
        synchronized (keys) {
            if (secretArn != null && !secretArn.equals(arn)) {
                throw new IllegalStateException("the secret was read from " + secretArn + " already");
            }
            secretArn = arn;
            return keys.get();
        }
    }

    /**
     * Runs {@code work} with every call of these clients answered in process, nothing sent over the network: the state
     * table has no items, SES and SNS accept every message, KMS refuses. For SnapStart priming only, which runs before
     * the snapshot, when no invocation runs: a call made meanwhile on another thread would be answered the same way.
     * The Secrets Manager read ({@link #secretKeys}) is never answered this way.
     */
    public void offline(Runnable work) {
        if (!offline.compareAndSet(false, true)) {
            throw new IllegalStateException("already offline");
        }
        try {
            work.run();
        } finally {
            offline.set(false);
        }
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B retrying(B builder, Service service) {
        return configure(builder, service)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(settings.callTimeout())
                        .build());
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder, Service service) {
        if (settings.region() == null) {
            throw new ConfigurationException("AWS_REGION is not set: Lambda sets it; elsewhere set it to the region of"
                    + " SES/SNS (any value, e.g. us-east-1, with STEPWISE_AWS_ENDPOINT)");
        }
        builder.region(Region.of(settings.region()));
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        builder.credentialsProvider(credentials.get());
        builder.httpClient(service == null ? http.get() : new PrimableHttpClient(http.get(), service, offline));
        return builder;
    }

    /**
     * The credentials of one signed call: the static ones of the settings (Lambda's environment), else whatever the
     * SDK's default chain resolves now (it caches and renews expiring ones, such as SnapStart's container credentials).
     */
    private AwsSettings.Credentials signingCredentials() {
        if (settings.credentials() != null) {
            return settings.credentials();
        }
        var resolved = credentials.get().resolveCredentials();
        return new AwsSettings.Credentials(
                resolved.accessKeyId(),
                resolved.secretAccessKey(),
                resolved instanceof AwsSessionCredentials session ? session.sessionToken() : null);
    }

    private AwsCredentialsProvider credentialsProvider() {
        AwsSettings.Credentials given = settings.credentials();
        if (given == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        if (given.sessionToken() != null) {
            return StaticCredentialsProvider.create(
                    AwsSessionCredentials.create(given.accessKeyId(), given.secretAccessKey(), given.sessionToken()));
        }
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(given.accessKeyId(), given.secretAccessKey()));
    }

    /** A value built on first use, at most once, even when first used by several threads at once. */
    private static final class Lazy<T> {
        private final Supplier<T> factory;
        private T value;

        Lazy(Supplier<T> factory) {
            this.factory = factory;
        }

        synchronized T get() {
            if (value == null) {
                value = factory.get();
            }
            return value;
        }
    }
}
