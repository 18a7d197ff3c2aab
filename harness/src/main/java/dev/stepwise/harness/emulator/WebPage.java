package dev.stepwise.harness.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves the reference sign-in page (built from {@code web/} into the class path) on the emulator's own origin, its
 * generated {@code config.json}, and a development-only view of the mailbox.
 *
 * <p>Routes: {@code /} redirects to {@value #PAGE}; {@value #PAGE} and its landing route {@code link} serve the page;
 * {@code config.json} names the seeded demo pool and client and this origin as the endpoint; {@value #MAILBOX} lists
 * every captured email and text message, newest first, with links that can be opened. Every reply forbids loading
 * anything from another origin, so the page proves it needs nothing from the network but this server.
 */
final class WebPage {

    /** The page's path. */
    static final String PAGE = "/sign-in/";
    /** The email link's landing route, beside the page so that the page's relative paths work there too. */
    static final String LANDING = PAGE + "link";
    /** The mailbox view's path. */
    static final String MAILBOX = "/_stepwise/mailbox";

    private static final String RESOURCES = "web/";
    private static final String SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; base-uri 'none';"
            + " form-action 'self'; frame-ancestors 'none'";
    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"']+");

    private final Map<String, Asset> assets;
    private final Directory directory;
    private final Mailbox mailbox;
    private final String authFlowType;

    private record Asset(String contentType, byte[] body) {}

    private WebPage(Map<String, Asset> assets, Directory directory, Mailbox mailbox, String authFlowType) {
        this.assets = assets;
        this.directory = directory;
        this.mailbox = mailbox;
        this.authFlowType = authFlowType;
    }

    /**
     * Loads the bundled page from the class path.
     *
     * @param policy the bundled triggers' {@code STEPWISE_POLICY}: a chain that starts with {@code password} signs in
     *     with {@code CUSTOM_WITH_SRP}, so the page asks for the password
     * @throws IllegalStateException if the page was not built into the class path
     */
    static WebPage load(Directory directory, Mailbox mailbox, String policy) {
        String index = resource("index.html");
        String flow =
                policy != null && policy.strip().startsWith("password") ? "CUSTOM_WITH_SRP" : "CUSTOM_WITHOUT_SRP";
        Map<String, Asset> assets = Map.of(
                "index.html", new Asset("text/html; charset=utf-8", index.getBytes(StandardCharsets.UTF_8)),
                "app.js", new Asset("text/javascript; charset=utf-8", bytes("app.js")),
                "app.css", new Asset("text/css; charset=utf-8", bytes("app.css")));
        return new WebPage(assets, directory, mailbox, flow);
    }

    private static String resource(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String name) {
        try (InputStream in = WebPage.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("The sign-in page is not in this build (no " + RESOURCES + name
                        + " beside " + WebPage.class.getName() + "): build the harness with"
                        + " `./mvnw -pl harness -am package -DskipTests`, which bundles web/ with npm");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sign-in page " + name, e);
        }
    }

    /** Whether this GET is one of the page's routes. */
    static boolean routes(String method, String path) {
        return (method.equals("GET") || method.equals("HEAD"))
                && (path.equals("/") || path.equals("/sign-in") || path.startsWith(PAGE) || path.equals(MAILBOX));
    }

    /** Answers one of {@link #routes}. */
    void serve(HttpExchange exchange, String path) throws IOException {
        if (!loopbackHost(exchange.getRequestHeaders().getFirst("Host"))) {
            // A page on another name that resolves to 127.0.0.1 (DNS rebinding) must not read the mailbox.
            send(
                    exchange,
                    403,
                    "text/plain; charset=utf-8",
                    "The Stepwise emulator's page answers only at 127.0.0.1 or localhost."
                            .getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (path.equals("/") || path.equals("/sign-in")) {
            exchange.getResponseHeaders().set("Location", PAGE);
            send(exchange, 302, "text/plain; charset=utf-8", ("See " + PAGE).getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (path.equals(MAILBOX)) {
            send(exchange, 200, "text/html; charset=utf-8", mailboxHtml().getBytes(StandardCharsets.UTF_8));
            return;
        }
        String name = path.substring(PAGE.length());
        if (name.isEmpty() || name.equals("link")) {
            name = "index.html";
        }
        if (name.equals("config.json")) {
            config(exchange);
            return;
        }
        Asset asset = assets.get(name);
        if (asset == null) {
            send(exchange, 404, "text/plain; charset=utf-8", ("Nothing at " + path).getBytes(StandardCharsets.UTF_8));
            return;
        }
        send(exchange, 200, asset.contentType(), asset.body());
    }

    static boolean loopbackHost(String host) {
        if (host == null) {
            return true;
        }
        String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host.split(":", 2)[0];
        return name.equals("127.0.0.1") || name.equalsIgnoreCase("localhost") || name.equals("[::1]");
    }

    private void config(HttpExchange exchange) throws IOException {
        AppClient client = directory.clients.values().stream()
                .filter(c -> c.name.equals(EmulatorRuntime.DEMO_NAME))
                .findFirst()
                .orElse(null);
        if (client == null) {
            send(
                    exchange,
                    404,
                    "application/json",
                    "{\"message\":\"No demo pool yet: start the emulator with --seed (or call seed()).\"}"
                            .getBytes(StandardCharsets.UTF_8));
            return;
        }
        ObjectNode config = JsonCodec.object();
        config.put("userPoolId", client.userPoolId);
        config.put("userPoolClientId", client.clientId);
        String host = exchange.getRequestHeaders().getFirst("Host");
        config.put(
                "userPoolEndpoint",
                "http://" + (host == null ? exchange.getLocalAddress().getHostString() : host));
        config.put("authFlowType", authFlowType);
        config.put("mailbox", MAILBOX);
        send(exchange, 200, "application/json", JsonCodec.bytes(config));
    }

    private String mailboxHtml() {
        record Entry(java.time.Instant at, String html) {}
        List<Entry> entries = new ArrayList<>();
        for (SentEmail email : mailbox.emails()) {
            entries.add(new Entry(
                    email.timestamp(),
                    "<article><h2>Email to " + escape(String.join(", ", email.toAddresses())) + "</h2>"
                            + "<p class=\"meta\">" + escape(email.timestamp().toString()) + " · "
                            + escape(email.subject()) + "</p><p>"
                            + linked(email.textBody() == null ? "" : email.textBody()) + "</p></article>"));
        }
        for (SentSms sms : mailbox.smsMessages()) {
            entries.add(new Entry(
                    sms.timestamp(),
                    "<article><h2>Text message to " + escape(sms.phoneNumber()) + "</h2>"
                            + "<p class=\"meta\">" + escape(sms.timestamp().toString()) + "</p><p>"
                            + linked(sms.message()) + "</p></article>"));
        }
        entries.sort(Comparator.comparing(Entry::at).reversed());
        StringBuilder html = new StringBuilder();
        html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Mailbox (development only)</title>")
                .append("<link rel=\"stylesheet\" href=\"")
                .append(PAGE)
                .append("app.css\"></head><body><main><h1>Mailbox</h1>")
                .append("<p class=\"meta\">Development only: every email and text message the emulator's triggers")
                .append(" sent, newest first. A real user pool delivers them for real. <a href=\"")
                .append(MAILBOX)
                .append("\">Refresh</a> · <a href=\"")
                .append(PAGE)
                .append("\">Sign-in page</a></p>");
        if (entries.isEmpty()) {
            html.append("<p>Nothing sent yet.</p>");
        }
        entries.forEach(e -> html.append(e.html()));
        return html.append("</main></body></html>").toString();
    }

    private static String linked(String text) {
        Matcher m = LINK.matcher(text);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(escape(text.substring(last, m.start())));
            String url = escape(m.group());
            out.append("<a href=\"").append(url).append("\">").append(url).append("</a>");
            last = m.end();
        }
        return out.append(escape(text.substring(last))).toString();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        try {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.getResponseHeaders().set("Content-Security-Policy", SECURITY_POLICY);
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            // The landing route's address holds a sign-in token; no other site may see it in a Referer.
            exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(status, head ? -1 : body.length);
            if (!head) {
                exchange.getResponseBody().write(body);
            }
        } finally {
            exchange.close();
        }
    }
}
