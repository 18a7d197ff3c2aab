package dev.stepwise.harness.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/** A canned Cognito JSON 1.1 endpoint: replies queued in order, requests recorded. */
final class FakeCognito implements AutoCloseable {

    record Request(String operation, JsonNode body) {}

    private record Reply(int status, Function<JsonNode, String> body) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Deque<Reply> replies = new ArrayDeque<>();
    private final List<Request> requests = new ArrayList<>();

    FakeCognito() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    FakeCognito reply(String json) {
        synchronized (replies) {
            replies.add(new Reply(200, request -> json));
        }
        return this;
    }

    FakeCognito replyWith(Function<JsonNode, String> reply) {
        synchronized (replies) {
            replies.add(new Reply(200, reply));
        }
        return this;
    }

    FakeCognito error(String type, String message) {
        synchronized (replies) {
            replies.add(new Reply(400, request -> "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}"));
        }
        return this;
    }

    List<Request> requests() {
        synchronized (replies) {
            return List.copyOf(requests);
        }
    }

    Request lastRequest() {
        List<Request> all = requests();
        return all.get(all.size() - 1);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        Reply reply;
        synchronized (replies) {
            requests.add(new Request(target == null ? "" : target.substring(target.indexOf('.') + 1), body));
            reply = replies.isEmpty()
                    ? new Reply(500, r -> "{\"__type\":\"InternalErrorException\",\"message\":\"no canned reply\"}")
                    : replies.poll();
        }
        String text;
        int status = reply.status();
        try {
            text = reply.body().apply(body);
        } catch (RuntimeException e) {
            status = 400;
            text = "{\"__type\":\"NotAuthorizedException\",\"message\":\"" + e.getMessage() + "\"}";
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
