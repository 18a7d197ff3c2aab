package dev.stepwise.lambda.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP endpoint that answers SES v2 SendEmail (REST-JSON, POST /v2/email/outbound-emails) and SNS Publish (AWS
 * query protocol: a form-encoded POST / answered with XML) the way AWS does, and records what it received.
 */
final class LocalAwsEndpoint implements AutoCloseable {
    record Received(String method, String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }

        Map<String, String> form() {
            Map<String, String> fields = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                int equals = pair.indexOf('=');
                fields.put(
                        URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
            return fields;
        }
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    volatile boolean reject;
    private final HttpServer server;

    LocalAwsEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Received request = new Received(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                Map.copyOf(exchange.getRequestHeaders()),
                body);
        received.add(request);
        if (request.path().equals("/v2/email/outbound-emails")) {
            if (reject) {
                exchange.getResponseHeaders().add("x-amzn-ErrorType", "MessageRejected");
                respond(
                        exchange,
                        400,
                        "application/json",
                        "{\"message\":\"Email address is not verified. The"
                                + " following identities failed the check in region US-EAST-1: alice@example.com\"}");
            } else {
                respond(exchange, 200, "application/json", "{\"MessageId\":\"0100018c-local-ses\"}");
            }
        } else if (request.path().equals("/") && body.contains("Action=Publish")) {
            if (reject) {
                respond(
                        exchange,
                        400,
                        "text/xml",
                        "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
                                + "<Error><Type>Sender</Type><Code>InvalidParameter</Code><Message>Invalid parameter:"
                                + " PhoneNumber Reason: +15555550123 is not valid to publish to</Message></Error>"
                                + "<RequestId>local-request</RequestId></ErrorResponse>");
            } else {
                respond(
                        exchange,
                        200,
                        "text/xml",
                        "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
                                + "<PublishResult><MessageId>local-sns-message</MessageId></PublishResult>"
                                + "<ResponseMetadata><RequestId>local-request</RequestId></ResponseMetadata>"
                                + "</PublishResponse>");
            }
        } else {
            respond(exchange, 404, "text/plain", "unknown operation");
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.getResponseHeaders().add("x-amzn-RequestId", "local-request");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
