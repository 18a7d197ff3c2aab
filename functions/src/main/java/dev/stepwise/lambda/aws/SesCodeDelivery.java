package dev.stepwise.lambda.aws;

import dev.stepwise.core.CodeDelivery;
import dev.stepwise.core.CodeMessage;
import dev.stepwise.core.DeliveryException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/**
 * Sends email codes with Amazon SES v2 {@code SendEmail}, as a plain-text simple message. Thread-safe (the SDK client
 * is).
 */
public final class SesCodeDelivery implements CodeDelivery {
    private final SesV2Client client;
    private final String from;

    /**
     * Creates the sender.
     *
     * @param client an SES v2 client, built once per container
     * @param from the verified sender address
     */
    public SesCodeDelivery(SesV2Client client, String from) {
        if (client == null || from == null) {
            throw new IllegalArgumentException("an SES v2 client and a sender address are required");
        }
        this.client = client;
        this.from = from;
    }

    @Override
    public void deliver(CodeMessage message) {
        SendEmailRequest request = SendEmailRequest.builder()
                .fromEmailAddress(from)
                .destination(d -> d.toAddresses(message.recipient()))
                .content(c ->
                        c.simple(m -> m.subject(s -> s.data(message.subject()).charset("UTF-8"))
                                .body(b -> b.text(t -> t.data(message.body()).charset("UTF-8")))))
                .build();
        try {
            client.sendEmail(request);
        } catch (SdkException e) {
            throw new DeliveryException(
                    "could not send the code by email: SES v2 SendEmail failed (" + AwsErrors.describe(e) + ")",
                    AwsErrors.retryable(e));
        }
    }
}
