package dev.stepwise.lambda.aws;

import dev.stepwise.core.CodeDelivery;
import dev.stepwise.core.ConfigurationException;
import dev.stepwise.core.SecretBox;
import dev.stepwise.core.StateStore;
import dev.stepwise.core.StepwiseKeys;
import dev.stepwise.lambda.aws.PrimableHttpClient.Service;
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
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The one factory of the functions' AWS SDK clients and of the adapters over them, built from {@link AwsSettings}.
 * Each SDK client is created when first needed and at most once per instance; a function builds one instance at init,
 * so at most once per container. All clients share one URL-connection HTTP client. Thread-safe.
 *
 * <p>The clients are never closed: they live as long as the function. The Secrets Manager client, used once at init,
 * is the exception: {@link #secretKeys} closes it after reading the secret.
 */
public final class AwsClients {
    private final AwsSettings settings;
    private final Lazy<SdkHttpClient> http;
    private final Lazy<AwsCredentialsProvider> credentials;
    private final Lazy<DynamoDbClient> dynamoDb;
    private final Lazy<KmsClient> kms;
    private final Lazy<SesV2Client> ses;
    private final Lazy<SnsClient> sns;
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
        this.dynamoDb = new Lazy<>(
                () -> retrying(DynamoDbClient.builder(), Service.DYNAMODB).build());
        this.kms = new Lazy<>(() -> retrying(KmsClient.builder(), Service.KMS).build());
        this.ses = new Lazy<>(
                () -> singleAttempt(SesV2Client.builder(), Service.SES).build());
        this.sns =
                new Lazy<>(() -> singleAttempt(SnsClient.builder(), Service.SNS).build());
        this.keys = new Lazy<>(() -> {
            try (SecretsManagerClient client =
                    retrying(SecretsManagerClient.builder(), null).build()) {
                return SecretsManagerKeys.fetch(client, secretArn);
            }
        });
    }

    /** Clients built from {@code settings}; nothing is built yet. */
    public static AwsClients create(AwsSettings settings) {
        return new AwsClients(settings);
    }

    /** The settings the clients are built from. */
    public AwsSettings settings() {
        return settings;
    }

    /** The DynamoDB client, built on first use. */
    public DynamoDbClient dynamoDb() {
        return dynamoDb.get();
    }

    /** The KMS client, built on first use. */
    public KmsClient kms() {
        return kms.get();
    }

    /** The SES v2 client (one attempt per call), built on first use. */
    public SesV2Client sesV2() {
        return ses.get();
    }

    /** The SNS client (one attempt per call), built on first use. */
    public SnsClient sns() {
        return sns.get();
    }

    /** The state table {@code table} over {@link #dynamoDb()}. */
    public StateStore stateStore(String table) {
        return new DynamoDbStateStore(dynamoDb(), table);
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

    /** Email over {@link #sesV2()} from {@code from}, an SES-verified sender. */
    public CodeDelivery email(String from) {
        return new SesCodeDelivery(sesV2(), from);
    }

    /** SMS over {@link #sns()}. */
    public CodeDelivery sms() {
        return new SnsCodeDelivery(sns());
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
     * Calls the Secrets Manager client makes are never answered this way.
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

    /** One attempt of at most the send timeout: the flow's own bounded retry decides about the next. */
    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B singleAttempt(
            B builder, Service service) {
        return configure(builder, service)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(settings.sendTimeout())
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
