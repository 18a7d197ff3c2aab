package dev.stepwise.lambda.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepwise.core.CodeDelivery;
import dev.stepwise.core.CodeMessage;
import dev.stepwise.core.DeliveryException;
import dev.stepwise.core.DeliveryMedium;
import dev.stepwise.lambda.FunctionWiring;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AwsCodeDeliveryTest {
    private static final String SECRET =
            Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

    private LocalAwsEndpoint endpoint;
    private Map<DeliveryMedium, CodeDelivery> deliveries;

    @BeforeEach
    void start() throws IOException {
        endpoint = new LocalAwsEndpoint();
        Map<String, String> environment = new HashMap<>();
        environment.put("STEPWISE_POLICY", "email_code > phone_code");
        environment.put("STEPWISE_SECRET", SECRET);
        environment.put("STEPWISE_ABUSE_CONTROLS", "off");
        environment.put("STEPWISE_EMAIL_FROM", "no-reply@example.com");
        environment.put("STEPWISE_AWS_ENDPOINT", endpoint.uri().toString());
        environment.put("AWS_REGION", "eu-west-1");
        environment.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
        environment.put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        deliveries = FunctionWiring.from(environment).deliveries();
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    @Test
    void ses_deliver_sendsSendEmailWithRecipientSubjectAndBody() throws IOException {
        deliveries
                .get(DeliveryMedium.EMAIL)
                .deliver(new CodeMessage(
                        DeliveryMedium.EMAIL, "alice@example.com", "Your sign-in code", "Your code is 493817."));

        LocalAwsEndpoint.Received request = endpoint.received.get(0);
        JsonNode body = new ObjectMapper().readTree(request.body());
        assertThat(endpoint.received).hasSize(1);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v2/email/outbound-emails");
        assertThat(request.header("Authorization"))
                .startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
                .contains("/eu-west-1/ses/aws4_request");
        assertThat(body.get("FromEmailAddress").asText()).isEqualTo("no-reply@example.com");
        assertThat(body.at("/Destination/ToAddresses/0").asText()).isEqualTo("alice@example.com");
        assertThat(body.at("/Destination/ToAddresses").size()).isEqualTo(1);
        assertThat(body.at("/Content/Simple/Subject/Data").asText()).isEqualTo("Your sign-in code");
        assertThat(body.at("/Content/Simple/Body/Text/Data").asText()).isEqualTo("Your code is 493817.");
        assertThat(body.at("/Content/Simple/Body/Text/Charset").asText()).isEqualTo("UTF-8");
    }

    @Test
    void sns_deliver_sendsQueryProtocolPublishToPhoneNumber() {
        deliveries
                .get(DeliveryMedium.SMS)
                .deliver(new CodeMessage(DeliveryMedium.SMS, "+15555550123", null, "Your code is 493817."));

        LocalAwsEndpoint.Received request = endpoint.received.get(0);
        assertThat(endpoint.received).hasSize(1);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/");
        assertThat(request.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(request.header("Authorization")).contains("/eu-west-1/sns/aws4_request");
        assertThat(request.form())
                .containsEntry("Action", "Publish")
                .containsEntry("Version", "2010-03-31")
                .containsEntry("PhoneNumber", "+15555550123")
                .containsEntry("Message", "Your code is 493817.")
                .containsEntry("MessageAttributes.entry.1.Name", "AWS.SNS.SMS.SMSType")
                .containsEntry("MessageAttributes.entry.1.Value.DataType", "String")
                .containsEntry("MessageAttributes.entry.1.Value.StringValue", "Transactional")
                .doesNotContainKey("TopicArn");
    }

    @Test
    void ses_rejected_throwsWithoutQuotingTheRecipient() {
        endpoint.reject = true;
        CodeMessage message =
                new CodeMessage(DeliveryMedium.EMAIL, "alice@example.com", "Your sign-in code", "Your code is 493817.");

        assertThatThrownBy(() -> deliveries.get(DeliveryMedium.EMAIL).deliver(message))
                .isInstanceOf(DeliveryException.class)
                .hasMessage("could not send the code by email: SES v2 SendEmail failed (MessageRejected, HTTP 400)")
                .hasNoCause()
                .satisfies(e -> assertThat(((DeliveryException) e).retryable())
                        .as("a rejected message is not tried again")
                        .isFalse());
    }

    @Test
    void sns_rejected_throwsWithoutQuotingTheNumber() {
        endpoint.reject = true;
        CodeMessage message = new CodeMessage(DeliveryMedium.SMS, "+15555550123", null, "Your code is 493817.");

        assertThatThrownBy(() -> deliveries.get(DeliveryMedium.SMS).deliver(message))
                .isInstanceOf(DeliveryException.class)
                .hasMessage("could not send the code by SMS: SNS Publish failed (InvalidParameter, HTTP 400)")
                .hasNoCause()
                .satisfies(e -> assertThat(((DeliveryException) e).retryable()).isFalse());
    }

    @Test
    void forConfig_unreachableEndpoint_throwsDeliveryException() {
        endpoint.close();
        CodeMessage message = new CodeMessage(DeliveryMedium.SMS, "+15555550123", null, "Your code is 493817.");

        assertThatThrownBy(() -> deliveries.get(DeliveryMedium.SMS).deliver(message))
                .isInstanceOf(DeliveryException.class)
                .hasMessageStartingWith("could not send the code by SMS: SNS Publish failed (")
                .hasMessageNotContaining("+15555550123")
                .satisfies(e -> assertThat(((DeliveryException) e).retryable())
                        .as("no answer may be a passing fault")
                        .isTrue());
    }
}
