package dev.stepwise.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for SES v2 on the loopback interface: accepts every {@code SendEmail} with a message id and keeps the
 * code of the last one, so Create's cold start includes its real first SDK call, and Verify gets a real answer.
 */
final class SesStub implements AutoCloseable {
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    static {
        // The JDK server otherwise leaves Nagle on: its reply's body then waits ~40 ms for the client's delayed ACK of
        // the headers, and Create's figures measured that wait instead of the send.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final AtomicReference<String> lastCode = new AtomicReference<>();

    private SesStub(HttpServer server) {
        this.server = server;
    }

    static SesStub start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        SesStub stub = new SesStub(server);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int data = body.indexOf("\"Data\"");
            Matcher matcher = CODE.matcher(data < 0 ? body : body.substring(data));
            while (matcher.find()) {
                stub.lastCode.set(matcher.group(1));
            }
            byte[] answer = "{\"MessageId\":\"bench-message\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        return stub;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    String lastCode() {
        return lastCode.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
