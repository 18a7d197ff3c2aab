package dev.stepwise.harness.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepwise.harness.junit.StepwiseEmulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebPageTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Built by hand: it asks the page for its configuration before the pool is seeded, and the extension seeds. */
    @Test
    void webPage_servesPageAssetsAndConfigOnTheEmulatorsOrigin() throws Exception {
        try (CognitoEmulator emulator = CognitoEmulator.builder()
                .bundledTriggers(Map.of("STEPWISE_POLICY", "password > email_code"))
                .webPage(true)
                .functionLog(line -> {})
                .start()) {
            HttpResponse<String> beforeSeed = get(emulator.webPage().resolve("config.json"));
            Seeded seeded = emulator.seed();
            HttpResponse<String> root = get(emulator.endpoint().resolve("/"));
            HttpResponse<String> page = get(emulator.webPage());
            HttpResponse<String> landing = get(emulator.webPage().resolve("link?token=abc"));
            HttpResponse<String> script = get(emulator.webPage().resolve("app.js"));
            HttpResponse<String> missing = get(emulator.webPage().resolve("nothing.js"));
            JsonNode config = new ObjectMapper()
                    .readTree(get(emulator.webPage().resolve("config.json")).body());

            assertThat(beforeSeed.statusCode()).isEqualTo(404);
            assertThat(beforeSeed.body()).contains("--seed");
            assertThat(root.statusCode()).isEqualTo(302);
            assertThat(root.headers().firstValue("Location")).hasValue("/sign-in/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<script type=\"module\" src=\"app.js\">", "role=\"alert\"");
            assertThat(page.headers().firstValue("Content-Security-Policy"))
                    .hasValueSatisfying(csp -> assertThat(csp).startsWith("default-src 'self';"));
            assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
            assertThat(landing.body()).isEqualTo(page.body());
            assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
            assertThat(script.body()).contains("CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE");
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(config.path("userPoolId").asText()).isEqualTo(seeded.userPoolId());
            assertThat(config.path("userPoolClientId").asText()).isEqualTo(seeded.clientId());
            assertThat(config.path("userPoolEndpoint").asText())
                    .isEqualTo(emulator.endpoint().toString());
            assertThat(config.path("authFlowType").asText()).isEqualTo("CUSTOM_WITH_SRP");
        }
    }

    @Test
    void webPage_emailLinksLeadToTheLandingRouteUnlessTheUrlIsGiven() {
        URI endpoint = URI.create("http://127.0.0.1:9229");

        assertThat(EmulatorRuntime.bundledEnvironment(
                                EmulatorRuntime.withLandingRoute(Map.of(), endpoint, true), endpoint, "us-east-1")
                        .get("STEPWISE_EMAIL_LINK_URL"))
                .isEqualTo("http://127.0.0.1:9229/sign-in/link?token={token}");
        assertThat(EmulatorRuntime.withLandingRoute(
                                Map.of("STEPWISE_EMAIL_LINK_URL", "https://app.example.com/l?t={token}"),
                                endpoint,
                                true)
                        .get("STEPWISE_EMAIL_LINK_URL"))
                .isEqualTo("https://app.example.com/l?t={token}");
        assertThat(EmulatorRuntime.withLandingRoute(Map.of(), endpoint, false))
                .doesNotContainKey("STEPWISE_EMAIL_LINK_URL");
    }

    @Test
    @StepwiseEmulator(webPage = true)
    void mailboxView_listsNewestFirstEscapedWithLinksThatOpen(CognitoEmulator emulator) throws Exception {
        Instant now = Instant.now();
        emulator.mailbox()
                .add(new SentEmail(
                        "1",
                        "us-east-1",
                        "no-reply@example.com",
                        List.of("ada@example.com"),
                        List.of(),
                        List.of(),
                        "Your sign-in link",
                        "Open http://127.0.0.1:1/sign-in/link?token=a.b <script>alert(1)</script>",
                        null,
                        now));
        emulator.mailbox()
                .add(new SentSms("2", "us-east-1", "+15555550100", "Your code is 123456.", now.plusSeconds(1)));
        String html = get(emulator.endpoint().resolve("/_stepwise/mailbox")).body();

        assertThat(html).contains("<a href=\"http://127.0.0.1:1/sign-in/link?token=a.b\">");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>");
        assertThat(html.indexOf("Text message to +15555550100")).isLessThan(html.indexOf("Email to ada@example.com"));
        assertThat(html).contains("Development only");
    }

    @Test
    @StepwiseEmulator
    void webPage_off_leavesThePathsToCognitosUnknownOperation(CognitoEmulator emulator) throws Exception {
        HttpResponse<String> page = get(emulator.endpoint().resolve("/sign-in/"));

        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("UnknownOperationException");
    }

    @Test
    @StepwiseEmulator(webPage = true)
    void webPage_anotherHostName_isRefused(CognitoEmulator emulator) throws Exception {
        try (java.net.Socket socket =
                new java.net.Socket("127.0.0.1", emulator.endpoint().getPort())) {
            socket.getOutputStream()
                    .write("GET /_stepwise/mailbox HTTP/1.1\r\nHost: rebound.example:80\r\nConnection: close\r\n\r\n"
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String reply = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

            assertThat(reply).startsWith("HTTP/1.1 403").contains("only at 127.0.0.1 or localhost");
        }
        assertThat(WebPage.loopbackHost("localhost:9229")).isTrue();
        assertThat(WebPage.loopbackHost("[::1]:9229")).isTrue();
        assertThat(WebPage.loopbackHost("127.0.0.1.evil.example")).isFalse();
    }

    @Test
    void escape_coversTheCharactersThatOpenMarkup() {
        assertThat(WebPage.escape("<a href=\"x\" title='y'>&</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
    }
}
