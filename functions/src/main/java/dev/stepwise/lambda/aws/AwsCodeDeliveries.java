package dev.stepwise.lambda.aws;

import dev.stepwise.core.CodeDelivery;
import dev.stepwise.core.ConfigurationException;
import dev.stepwise.core.DeliveryMedium;
import dev.stepwise.core.Factor;
import dev.stepwise.lambda.FunctionConfig;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Builds the code senders a function's policies need, with their SDK clients: SES v2 for {@code email_code}, SNS for
 * {@code phone_code}. Each client is built once, with the URL-connection HTTP client, the region from
 * {@code AWS_REGION}, the endpoint from {@code STEPWISE_AWS_ENDPOINT} when set, and static credentials when the
 * environment has them (else the SDK's default chain).
 *
 * <p>Timeouts keep a send inside Cognito's 5-second trigger budget. The SES and SNS clients do not retry and give up
 * after 1 s per call, because the flow retries sends itself within its budget ({@code SendRetry} in the core: at most
 * three attempts in 3.5 s); other clients (the state table) keep the SDK's retries: 2 s to connect, 3 s per read, 4 s
 * per call including the retries.
 */
public final class AwsCodeDeliveries {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(4);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(1);

    private AwsCodeDeliveries() {}

    /**
     * A sender per medium that the policies of {@code config} use.
     *
     * @throws ConfigurationException when a needed setting (sender address, region) is missing
     */
    public static Map<DeliveryMedium, CodeDelivery> forConfig(FunctionConfig config) {
        Map<DeliveryMedium, CodeDelivery> deliveries = new EnumMap<>(DeliveryMedium.class);
        if (config.policies().uses(Factor.EMAIL_CODE) || config.policies().uses(Factor.EMAIL_LINK)) {
            String from = config.requireEmailFrom();
            deliveries.put(DeliveryMedium.EMAIL, new SesCodeDelivery(sesClient(config), from));
        }
        if (config.policies().uses(Factor.PHONE_CODE)) {
            deliveries.put(DeliveryMedium.SMS, new SnsCodeDelivery(snsClient(config)));
        }
        return deliveries;
    }

    /** An SES v2 client configured from {@code config}. */
    public static SesV2Client sesClient(FunctionConfig config) {
        return configure(SesV2Client.builder(), config)
                .overrideConfiguration(singleAttempt())
                .httpClientBuilder(httpClient())
                .build();
    }

    /** An SNS client configured from {@code config}. */
    public static SnsClient snsClient(FunctionConfig config) {
        return configure(SnsClient.builder(), config)
                .overrideConfiguration(singleAttempt())
                .httpClientBuilder(httpClient())
                .build();
    }

    /** One attempt of at most {@link #SEND_TIMEOUT}: the flow's own bounded retry decides about the next. */
    private static ClientOverrideConfiguration singleAttempt() {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.doNotRetry())
                .apiCallTimeout(SEND_TIMEOUT)
                .build();
    }

    private static UrlConnectionHttpClient.Builder httpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(READ_TIMEOUT);
    }

    static UrlConnectionHttpClient.Builder sharedHttpClient() {
        return httpClient();
    }

    static <B extends AwsClientBuilder<B, ?>> B configured(B builder, FunctionConfig config) {
        return configure(builder, config);
    }

    private static <B extends AwsClientBuilder<B, ?>> B configure(B builder, FunctionConfig config) {
        if (config.region() == null) {
            throw new ConfigurationException("AWS_REGION is not set: Lambda sets it; elsewhere set it to the region of"
                    + " SES/SNS (any value, e.g. us-east-1, with STEPWISE_AWS_ENDPOINT)");
        }
        builder.region(Region.of(config.region()));
        if (config.awsEndpoint() != null) {
            builder.endpointOverride(config.awsEndpoint());
        }
        builder.credentialsProvider(credentials(config));
        builder.overrideConfiguration(ClientOverrideConfiguration.builder()
                .apiCallTimeout(CALL_TIMEOUT)
                .build());
        return builder;
    }

    private static AwsCredentialsProvider credentials(FunctionConfig config) {
        FunctionConfig.StaticCredentials credentials = config.credentials();
        if (credentials == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        if (credentials.sessionToken() != null) {
            return StaticCredentialsProvider.create(AwsSessionCredentials.create(
                    credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken()));
        }
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey()));
    }
}
