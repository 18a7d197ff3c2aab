package dev.stepwise.harness.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepwise.harness.junit.StepwiseEmulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.SnsClient;

@StepwiseEmulator
class MailboxTest {

    private CognitoEmulator emulator;
    private SesV2Client ses;
    private SnsClient sns;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start(CognitoEmulator emulator) {
        this.emulator = emulator;
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        ses = SesV2Client.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.EU_WEST_1)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        sns = SnsClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterEach
    void stop() {
        ses.close();
        sns.close();
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(emulator.endpoint() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    private int delete(String path) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(emulator.endpoint() + path))
                                .DELETE()
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private String sendEmail(String from, String to) {
        return ses.sendEmail(r -> r.fromEmailAddress(from)
                        .destination(d -> d.toAddresses(to))
                        .content(c -> c.simple(m -> m.subject(s -> s.data("Your code"))
                                .body(b -> b.text(t -> t.data("Code 123456")).html(h -> h.data("<b>123456</b>"))))))
                .messageId();
    }

    @Test
    void sesV2SendEmail_realClient_isListedAtAwsSesInLocalStackShape() throws Exception {
        String id = sendEmail("from@example.com", "to@example.com");

        JsonNode message = get("/_aws/ses").path("messages").get(0);

        assertThat(message.path("Id").asText()).isEqualTo(id);
        assertThat(message.path("Region").asText()).isEqualTo("eu-west-1");
        assertThat(message.path("Source").asText()).isEqualTo("from@example.com");
        assertThat(message.path("Destination").path("ToAddresses").get(0).asText())
                .isEqualTo("to@example.com");
        assertThat(message.path("Subject").asText()).isEqualTo("Your code");
        assertThat(message.path("Body").path("text_part").asText()).isEqualTo("Code 123456");
        assertThat(message.path("Body").path("html_part").asText()).isEqualTo("<b>123456</b>");
        assertThat(message.path("Timestamp").asText()).isNotBlank();
        assertThat(emulator.mailbox().emailsTo("to@example.com")).hasSize(1);
    }

    @Test
    void awsSes_emailAndIdFilters_selectMessages() throws Exception {
        String first = sendEmail("a@example.com", "x@example.com");
        sendEmail("b@example.com", "x@example.com");

        assertThat(get("/_aws/ses?email=a%40example.com").path("messages")).hasSize(1);
        assertThat(get("/_aws/ses?id=" + first)
                        .path("messages")
                        .get(0)
                        .path("Source")
                        .asText())
                .isEqualTo("a@example.com");
    }

    @Test
    void awsSesDelete_withAndWithoutId_discardsMessages() throws Exception {
        String first = sendEmail("a@example.com", "x@example.com");
        sendEmail("b@example.com", "x@example.com");

        assertThat(delete("/_aws/ses?id=" + first)).isEqualTo(204);
        assertThat(get("/_aws/ses").path("messages")).hasSize(1);
        assertThat(delete("/_aws/ses")).isEqualTo(204);
        assertThat(get("/_aws/ses").path("messages")).isEmpty();
    }

    @Test
    void snsPublish_realClientToPhone_isListedAtSmsMessagesGroupedByNumber() throws Exception {
        String id = sns.publish(r -> r.phoneNumber("+15555550100").message("Code 654321"))
                .messageId();
        sns.publish(r -> r.phoneNumber("+15555550199").message("Other"));

        JsonNode body = get("/_aws/sns/sms-messages");
        JsonNode message = body.path("sms_messages").path("+15555550100").get(0);

        assertThat(body.path("region").asText()).isEqualTo("us-east-1");
        assertThat(message.path("MessageId").asText()).isEqualTo(id);
        assertThat(message.path("PhoneNumber").asText()).isEqualTo("+15555550100");
        assertThat(message.path("Message").asText()).isEqualTo("Code 654321");
        assertThat(body.path("sms_messages").path("+15555550199")).hasSize(1);
        assertThat(get("/_aws/sns/sms-messages?phoneNumber=%2B15555550199")
                        .path("sms_messages")
                        .size())
                .isEqualTo(1);
        assertThat(emulator.mailbox().smsTo("+15555550100")).hasSize(1);
    }

    @Test
    void smsMessagesDelete_discardsMessages() throws Exception {
        sns.publish(r -> r.phoneNumber("+15555550100").message("Code 654321"));

        assertThat(delete("/_aws/sns/sms-messages")).isEqualTo(204);
        assertThat(get("/_aws/sns/sms-messages").path("sms_messages").size()).isZero();
    }
}
