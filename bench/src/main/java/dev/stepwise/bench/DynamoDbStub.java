package dev.stepwise.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for the state table on the loopback interface, as the token guard sees it on a successful sign-in: every
 * {@code Query} finds one live sign-in mark (an email-code sign-in, passed now), and every conditional
 * {@code DeleteItem} takes it. So the guard's warm figure is its own work plus the SDK's request path for the two
 * requests it makes, without a network's latency; other operations are refused.
 */
final class DynamoDbStub implements AutoCloseable {
    private static final String TARGET_PREFIX = "DynamoDB_20120810.";

    static {
        // As in SesStub: without it the reply's body waits ~40 ms for the client's delayed ACK.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final AtomicLong queries = new AtomicLong();
    private final AtomicLong deletes = new AtomicLong();

    private DynamoDbStub(HttpServer server) {
        this.server = server;
    }

    /**
     * Starts the stub.
     *
     * @param userPoolId the pool of the marks it finds
     * @param userName their user
     * @param clientId their app client
     */
    static DynamoDbStub start(String userPoolId, String userName, String clientId) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        DynamoDbStub stub = new DynamoDbStub(server);
        long now = Instant.now().getEpochSecond();
        String mark =
                """
                {"Count":1,"ScannedCount":1,"Items":[{"pk":{"S":"user#%s#%s"},"sk":{"S":"mark#%s#bench"},\
                "factors":{"S":"email_code"},"lastStepAt":{"S":"%d"},"device":{"S":"false"},\
                "expiresAt":{"N":"%d"}}]}"""
                        .formatted(userPoolId, userName, clientId, now, now + 365L * 24 * 3600);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String operation = target == null ? "" : target.substring(target.indexOf('.') + 1);
            int status = 200;
            String answer;
            if (target != null && target.startsWith(TARGET_PREFIX) && operation.equals("Query")) {
                stub.queries.incrementAndGet();
                answer = mark;
            } else if (target != null && target.startsWith(TARGET_PREFIX) && operation.equals("DeleteItem")) {
                stub.deletes.incrementAndGet();
                answer = "{}";
            } else {
                status = 400;
                answer = "{\"__type\":\"com.amazon.coral.validate#ValidationException\","
                        + "\"message\":\"the bench stub answers Query and DeleteItem only\"}";
            }
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return stub;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The Query requests answered so far. */
    long queries() {
        return queries.get();
    }

    /** The DeleteItem requests answered so far. */
    long deletes() {
        return deletes.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
