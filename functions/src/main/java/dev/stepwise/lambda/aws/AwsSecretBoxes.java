package dev.stepwise.lambda.aws;

import dev.stepwise.core.SecretBox;
import dev.stepwise.lambda.FunctionConfig;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Builds the KMS adapter of the {@link SecretBox} port: a KMS client configured like the SES, SNS and DynamoDB
 * clients (region, endpoint override, credentials, URL-connection HTTP client, timeouts inside Cognito's 5-second
 * budget, the SDK's default retries) over {@code STEPWISE_KMS_KEY_ID}.
 */
public final class AwsSecretBoxes {
    private AwsSecretBoxes() {}

    /**
     * The KMS box for {@code config}'s key, built once per container.
     *
     * @param legacy opens values sealed before KMS was turned on
     */
    public static SecretBox kms(FunctionConfig config, SecretBox legacy) {
        KmsClient client = AwsCodeDeliveries.configured(KmsClient.builder(), config)
                .httpClientBuilder(AwsCodeDeliveries.sharedHttpClient())
                .build();
        return KmsSecretBox.create(client, config.kmsKeyId(), legacy);
    }
}
