package dev.stepwise.harness.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpMailboxTest {

    static final String SES =
            """
            {"messages":[{"Id":"m1","Region":"us-east-1","Source":"no-reply@example.com",
              "Destination":{"ToAddresses":["alice@example.com"]},"Subject":"Your sign-in code",
              "Body":{"text_part":"Your sign-in code is 123456. It expires in 5 minutes.","html_part":null},
              "Timestamp":"2026-11-22T03:10:00"},
             {"Id":"m2","Destination":{"ToAddresses":["bob@example.com"]},"Subject":"Code",
              "Body":{"html_part":"<p>Your code is <b>987654</b></p>"},"Timestamp":"2026-11-22T03:11:00Z"}]}""";

    static final String SMS =
            """
            {"sms_messages":{"+15555550123":[{"PhoneNumber":"+15555550123","MessageId":"x",
              "Message":"Your sign-in code is 246810. It expires in 5 minutes.","MessageAttributes":{}}]},
             "region":"eu-west-1"}""";

    HttpServer server;
    final Map<String, String> bodies = new ConcurrentHashMap<>();
    final Map<String, String> queries = new ConcurrentHashMap<>();

    @BeforeEach
    void setUp() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            queries.put(path, String.valueOf(exchange.getRequestURI().getQuery()));
            String body = bodies.get(path);
            byte[] bytes = (body == null ? "{}" : body).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void tearDown() {
        server.stop(0);
    }

    HttpMailbox mailbox() {
        return HttpMailbox.at(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "eu-west-1");
    }

    @Test
    void emails_localStackShape_readsRecipientSubjectBodyAndTime() {
        bodies.put("/_aws/ses", SES);

        var emails = mailbox().emails();

        assertThat(emails).hasSize(2);
        assertThat(emails.get(0).destination()).isEqualTo("alice@example.com");
        assertThat(emails.get(0).subject()).isEqualTo("Your sign-in code");
        assertThat(emails.get(0).body()).contains("123456");
        assertThat(emails.get(0).sentAt()).isEqualTo(Instant.parse("2026-11-22T03:10:00Z"));
        assertThat(emails.get(1).body()).contains("987654").doesNotContain("<b>");
    }

    @Test
    void sms_localStackShape_readsPhoneAndMessageForRegion() {
        bodies.put("/_aws/sns/sms-messages", SMS);

        var sms = mailbox().sms();

        assertThat(sms).singleElement().satisfies(m -> {
            assertThat(m.medium()).isEqualTo("SMS");
            assertThat(m.destination()).isEqualTo("+15555550123");
            assertThat(m.body()).contains("246810");
        });
        assertThat(queries.get("/_aws/sns/sms-messages")).isEqualTo("region=eu-west-1");
    }

    @Test
    void messages_sesMissing_stillReturnsSms() {
        bodies.put("/_aws/sns/sms-messages", SMS);

        assertThat(mailbox().messages()).extracting(DeliveredMessage::medium).containsExactly("SMS");
    }

    @Test
    void messages_serverDown_throwsNamingTheUrl() {
        HttpMailbox mailbox = mailbox();
        server.stop(0);

        assertThatThrownBy(mailbox::messages)
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("/_aws/ses");
    }

    @Test
    void toString_message_leavesOutBody() {
        bodies.put("/_aws/ses", SES);

        assertThat(mailbox().emails().get(0).toString()).doesNotContain("123456");
    }
}
