package dev.stepwise.lambda.aws;

import dev.stepwise.core.CodeDelivery;
import dev.stepwise.core.CodeMessage;
import dev.stepwise.core.DeliveryException;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * Sends SMS codes with Amazon SNS {@code Publish} to a phone number, marked {@code Transactional} so that carriers
 * deliver it with priority. Thread-safe (the SDK client is).
 */
public final class SnsCodeDelivery implements CodeDelivery {
    static final String SMS_TYPE = "AWS.SNS.SMS.SMSType";

    private final SnsClient client;

    /**
     * Creates the sender.
     *
     * @param client an SNS client, built once per container
     */
    public SnsCodeDelivery(SnsClient client) {
        if (client == null) {
            throw new IllegalArgumentException("an SNS client is required");
        }
        this.client = client;
    }

    @Override
    public void deliver(CodeMessage message) {
        PublishRequest request = PublishRequest.builder()
                .phoneNumber(message.recipient())
                .message(message.body())
                .messageAttributes(Map.of(
                        SMS_TYPE,
                        MessageAttributeValue.builder()
                                .dataType("String")
                                .stringValue("Transactional")
                                .build()))
                .build();
        try {
            client.publish(request);
        } catch (SdkException e) {
            throw new DeliveryException(
                    "could not send the code by SMS: SNS Publish failed (" + AwsErrors.describe(e) + ")",
                    AwsErrors.retryable(e));
        }
    }
}
