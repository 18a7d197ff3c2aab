package dev.stepwise.harness.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP front on 127.0.0.1: routes Cognito JSON 1.1 calls, SES v2 and SNS sends, the state table's DynamoDB calls,
 * Secrets Manager reads,
 * the KMS calls, the mailbox views and the JWKS.
 *
 * <p>Operations that may run triggers are handed to a separate executor and answered from there, so the HTTP threads
 * stay free for the SES and SNS calls the triggers themselves make back to this server. Every reply is well-formed;
 * unexpected faults become {@code InternalErrorException} (HTTP 500) without a stack trace.
 */
final class HttpFront implements AutoCloseable {

    static final int MAX_BODY = 8 * 1024 * 1024;
    private static final Pattern JWKS = Pattern.compile("/([\\w-]+_[0-9a-zA-Z]+)/\\.well-known/jwks\\.json");
    private static final Pattern OPENID = Pattern.compile("/([\\w-]+_[0-9a-zA-Z]+)/\\.well-known/openid-configuration");
    private static final Pattern REGION = Pattern.compile("Credential=[^/]+/[^/]+/([^/]+)/");
    private static final Pattern ACCESS_KEY = Pattern.compile("Credential=([^/,\\s]+)/");

    static {
        // The JDK server otherwise leaves Nagle on, and small replies then wait ~40 ms for the client's delayed ACK.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService io;
    private final ExecutorService flows;
    private final CognitoApi api;
    private final MailEndpoints mail;
    private final TokenService tokens;
    private final Directory directory;
    private final Consumer<String> faults;
    private final StateTableEndpoint stateTable = new StateTableEndpoint();
    private final SenderFaults senderFaults;
    private final FaultsEndpoint faultsEndpoint;
    private final ScheduledExecutorService delayed =
            Executors.newSingleThreadScheduledExecutor(daemon("stepwise-delayed-reply-"));
    private final KmsEndpoint kms = new KmsEndpoint();
    private final SecretsManagerEndpoint secrets = new SecretsManagerEndpoint();
    private volatile WebPage web;
    private volatile Consumer<ServiceCall> calls = call -> {};
    private volatile java.util.function.Function<String, String> callers = key -> null;

    HttpFront(
            HttpServer server,
            CognitoApi api,
            MailEndpoints mail,
            TokenService tokens,
            Directory directory,
            Consumer<String> faults,
            SenderFaults senderFaults) {
        this.api = api;
        this.senderFaults = senderFaults;
        this.faultsEndpoint = new FaultsEndpoint(senderFaults);
        this.mail = mail;
        this.tokens = tokens;
        this.directory = directory;
        this.faults = faults;
        int cores = Runtime.getRuntime().availableProcessors();
        this.io = Executors.newFixedThreadPool(Math.max(8, cores * 4), daemon("stepwise-http-"));
        this.flows = Executors.newFixedThreadPool(Math.max(64, cores * 16), daemon("stepwise-flow-"));
        this.server = server;
        server.setExecutor(io);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Tells {@code listener} of every state-table, KMS, Secrets Manager, SES and SNS request, naming the caller with
     * {@code functionWithAccessKey} (see {@link ServiceCall}).
     */
    void serviceCalls(
            Consumer<ServiceCall> listener, java.util.function.Function<String, String> functionWithAccessKey) {
        this.calls = listener;
        this.callers = functionWithAccessKey;
    }

    private void record(HttpExchange exchange, String service, String operation) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String caller = "unsigned";
        if (authorization != null) {
            Matcher m = ACCESS_KEY.matcher(authorization);
            if (m.find()) {
                String function = callers.apply(m.group(1));
                caller = function == null ? m.group(1) : function;
            }
        }
        calls.accept(new ServiceCall(caller, service, operation));
    }

    /** Serves the sign-in page and the mailbox view too (see {@link WebPage}). */
    void web(WebPage page) {
        this.web = page;
    }

    /** Binds the listening socket on 127.0.0.1 without serving yet, so the port is known before wiring. */
    static HttpServer bind(int port) {
        try {
            return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }

    static URI endpoint(HttpServer server) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) {
        try {
            route(exchange);
        } catch (RuntimeException | IOException | Error e) {
            faults.accept("stepwise emulator: internal fault on "
                    + exchange.getRequestURI().getPath() + ": " + e);
            sendCognitoError(exchange, CognitoException.internal());
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        WebPage page = web;
        if (page != null && WebPage.routes(method, path)) {
            page.serve(exchange, path);
            return;
        }
        if (path.equals("/_aws/ses")) {
            if (method.equals("GET")) {
                sendJson(exchange, 200, mail.sesMessages(query));
            } else if (method.equals("DELETE")) {
                mail.deleteSes(query);
                sendEmpty(exchange, 204);
            } else {
                sendEmpty(exchange, 405);
            }
            return;
        }
        if (path.equals(FaultsEndpoint.PATH)) {
            faults(exchange, method, query);
            return;
        }
        if (path.equals("/_aws/sns/sms-messages")) {
            if (method.equals("GET")) {
                sendJson(exchange, 200, mail.smsMessages(query));
            } else if (method.equals("DELETE")) {
                mail.deleteSms(query);
                sendEmpty(exchange, 204);
            } else {
                sendEmpty(exchange, 405);
            }
            return;
        }
        Matcher jwks = JWKS.matcher(path);
        if (jwks.matches() && method.equals("GET")) {
            if (!directory.pools.containsKey(jwks.group(1))) {
                sendText(exchange, 404, "application/json", "{\"message\":\"User pool does not exist.\"}");
                return;
            }
            sendText(exchange, 200, "application/json", tokens.jwks());
            return;
        }
        Matcher openid = OPENID.matcher(path);
        if (openid.matches() && method.equals("GET")) {
            if (!directory.pools.containsKey(openid.group(1))) {
                sendText(exchange, 404, "application/json", "{\"message\":\"User pool does not exist.\"}");
                return;
            }
            sendText(
                    exchange,
                    200,
                    "application/json",
                    OpenIdConfiguration.of(tokens.issuer(openid.group(1))).toString());
            return;
        }
        if (method.equals("POST") && path.equals("/v2/email/outbound-emails")) {
            byte[] body = readBody(exchange);
            if (body == null) {
                return;
            }
            record(exchange, "ses", "SendEmail");
            SenderFault fault = senderFaults.take(SenderFault.Service.SES);
            if (fault != null && fault.mode() != SenderFault.Mode.DELAY) {
                sendCognitoError(exchange, MailEndpoints.sesFault(fault.mode()));
                return;
            }
            Runnable reply;
            try {
                ObjectNode result = mail.sendEmail(JsonCodec.parse(body), region(exchange));
                reply = () -> sendJson(exchange, 200, result);
            } catch (CognitoException e) {
                reply = () -> sendCognitoError(exchange, e);
            } catch (IOException e) {
                reply = () ->
                        sendCognitoError(exchange, new CognitoException("BadRequestException", "Malformed JSON body."));
            }
            replyAfter(fault, reply);
            return;
        }
        if (method.equals("POST") && path.equals("/")) {
            postRoot(exchange);
            return;
        }
        sendCognitoError(
                exchange,
                new CognitoException(
                        "UnknownOperationException",
                        "The Stepwise emulator has nothing at " + method + " " + path + ".",
                        404));
    }

    private void postRoot(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        byte[] body = readBody(exchange);
        if (body == null) {
            return;
        }
        if (target != null && target.startsWith(CognitoApi.TARGET_PREFIX)) {
            String operation = target.substring(CognitoApi.TARGET_PREFIX.length());
            RequestContext context = RequestContext.fromUserAgent(
                    exchange.getRequestHeaders().getFirst("User-Agent"),
                    exchange.getRequestHeaders().containsKey("Authorization"));
            if (CognitoApi.mayRunTriggers(operation)) {
                flows.execute(() -> cognito(exchange, operation, body, context));
            } else {
                cognito(exchange, operation, body, context);
            }
            return;
        }
        if (target != null && target.startsWith(StateTableEndpoint.TARGET_PREFIX)) {
            record(exchange, "dynamodb", target.substring(StateTableEndpoint.TARGET_PREFIX.length()));
            stateTable(exchange, target.substring(StateTableEndpoint.TARGET_PREFIX.length()), body);
            return;
        }
        if (target != null && target.startsWith(KmsEndpoint.TARGET_PREFIX)) {
            record(exchange, "kms", target.substring(KmsEndpoint.TARGET_PREFIX.length()));
            kms(exchange, target.substring(KmsEndpoint.TARGET_PREFIX.length()), body);
            return;
        }
        if (target != null && target.startsWith(SecretsManagerEndpoint.TARGET_PREFIX)) {
            record(exchange, "secretsmanager", target.substring(SecretsManagerEndpoint.TARGET_PREFIX.length()));
            secretsManager(exchange, target.substring(SecretsManagerEndpoint.TARGET_PREFIX.length()), body);
            return;
        }
        if (target != null && target.startsWith("AmazonSimpleNotificationService.")) {
            record(exchange, "sns", target.substring(target.indexOf('.') + 1));
            snsJson(exchange, target.substring(target.indexOf('.') + 1), body);
            return;
        }
        if (target == null && contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
            snsQuery(exchange, body);
            return;
        }
        sendCognitoError(
                exchange,
                new CognitoException(
                        "UnknownOperationException",
                        target == null
                                ? "Missing X-Amz-Target header; Cognito operations are POST / with X-Amz-Target:"
                                        + " AWSCognitoIdentityProviderService.<Operation>."
                                : "Unknown target " + target + "."));
    }

    private void cognito(HttpExchange exchange, String operation, byte[] body, RequestContext context) {
        try {
            JsonNode json;
            try {
                json = body.length == 0 ? null : JsonCodec.parse(body);
            } catch (IOException e) {
                throw CognitoException.serialization("The request body is not valid JSON.");
            }
            sendJson(exchange, 200, api.call(operation, Input.of(json), context));
        } catch (CognitoException e) {
            sendCognitoError(exchange, e);
        } catch (RuntimeException | Error e) {
            faults.accept("stepwise emulator: internal fault in " + operation + ": " + e);
            sendCognitoError(exchange, CognitoException.internal());
        }
    }

    private void faults(HttpExchange exchange, String method, Map<String, String> query) throws IOException {
        try {
            switch (method) {
                case "GET" -> sendJson(exchange, 200, faultsEndpoint.pending());
                case "POST" -> {
                    byte[] body = readBody(exchange);
                    if (body == null) {
                        return;
                    }
                    JsonNode json;
                    try {
                        json = JsonCodec.parse(body);
                    } catch (IOException e) {
                        throw new CognitoException("ValidationException", "Cannot use this fault: malformed JSON.");
                    }
                    sendJson(exchange, 200, faultsEndpoint.add(json));
                }
                case "DELETE" -> {
                    faultsEndpoint.clear(query);
                    sendEmpty(exchange, 204);
                }
                default -> sendEmpty(exchange, 405);
            }
        } catch (CognitoException e) {
            sendCognitoError(exchange, e);
        }
    }

    /** Sends {@code reply} now, or after the fault's delay for a {@link SenderFault.Mode#DELAY} fault. */
    private void replyAfter(SenderFault fault, Runnable reply) {
        if (fault == null) {
            reply.run();
        } else {
            delayed.schedule(reply, fault.delay().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void snsQuery(HttpExchange exchange, byte[] body) {
        Map<String, String> form = MailEndpoints.form(new String(body, StandardCharsets.UTF_8));
        String action = form.get("Action");
        record(exchange, "sns", String.valueOf(action));
        if (!"Publish".equals(action)) {
            sendText(
                    exchange,
                    400,
                    "text/xml",
                    MailEndpoints.snsError(
                            "InvalidAction", "The Stepwise emulator implements only SNS Publish, not " + action));
            return;
        }
        SenderFault fault = senderFaults.take(SenderFault.Service.SNS);
        if (fault != null && fault.mode() != SenderFault.Mode.DELAY) {
            CognitoException e = MailEndpoints.snsFault(fault.mode());
            sendText(
                    exchange,
                    e.status(),
                    "text/xml",
                    MailEndpoints.snsError(e.status() >= 500 ? "Receiver" : "Sender", e.type(), e.getMessage()));
            return;
        }
        Runnable reply;
        try {
            String response = MailEndpoints.publishResponse(mail.publish(form, region(exchange)));
            reply = () -> sendText(exchange, 200, "text/xml", response);
        } catch (CognitoException e) {
            reply = () -> sendText(exchange, 400, "text/xml", MailEndpoints.snsError(e.type(), e.getMessage()));
        }
        replyAfter(fault, reply);
    }

    private void snsJson(HttpExchange exchange, String action, byte[] body) {
        SenderFault fault = action.equals("Publish") ? senderFaults.take(SenderFault.Service.SNS) : null;
        if (fault != null && fault.mode() != SenderFault.Mode.DELAY) {
            sendCognitoError(exchange, MailEndpoints.snsFault(fault.mode()));
            return;
        }
        try {
            if (!action.equals("Publish")) {
                throw new CognitoException(
                        "InvalidAction", "The Stepwise emulator implements only SNS Publish, not " + action);
            }
            JsonNode json = JsonCodec.parse(body);
            Map<String, String> members = new LinkedHashMap<>();
            json.fields().forEachRemaining(e -> {
                if (e.getValue().isTextual()) {
                    members.put(e.getKey(), e.getValue().textValue());
                }
            });
            ObjectNode result = JsonCodec.object();
            result.put("MessageId", mail.publish(members, region(exchange)));
            replyAfter(fault, () -> sendJson(exchange, 200, result));
        } catch (CognitoException e) {
            replyAfter(fault, () -> sendCognitoError(exchange, e));
        } catch (IOException e) {
            replyAfter(
                    fault,
                    () -> sendCognitoError(
                            exchange, CognitoException.serialization("The request body is not valid JSON.")));
        }
    }

    private byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                sendCognitoError(
                        exchange,
                        CognitoException.serialization("The request body is larger than " + MAX_BODY + " bytes."));
                return null;
            }
            return body;
        }
    }

    private static String region(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null) {
            return null;
        }
        Matcher m = REGION.matcher(authorization);
        return m.find() ? m.group(1) : null;
    }

    private static Map<String, String> query(String raw) {
        return MailEndpoints.form(raw);
    }

    private void stateTable(HttpExchange exchange, String operation, byte[] body) {
        try {
            send(
                    exchange,
                    200,
                    StateTableEndpoint.CONTENT_TYPE,
                    JsonCodec.bytes(stateTable.handle(operation, JsonCodec.parse(body))));
        } catch (CognitoException e) {
            sendCognitoError(exchange, e);
        } catch (IOException e) {
            sendCognitoError(exchange, new CognitoException("SerializationException", "Malformed JSON body."));
        }
    }

    private void kms(HttpExchange exchange, String operation, byte[] body) {
        try {
            send(
                    exchange,
                    200,
                    KmsEndpoint.CONTENT_TYPE,
                    JsonCodec.bytes(kms.handle(operation, JsonCodec.parse(body), region(exchange))));
        } catch (CognitoException e) {
            sendCognitoError(exchange, e);
        } catch (IOException e) {
            sendCognitoError(exchange, new CognitoException("SerializationException", "Malformed JSON body."));
        }
    }

    private void secretsManager(HttpExchange exchange, String operation, byte[] body) {
        try {
            send(
                    exchange,
                    200,
                    SecretsManagerEndpoint.CONTENT_TYPE,
                    JsonCodec.bytes(secrets.handle(operation, JsonCodec.parse(body), region(exchange))));
        } catch (CognitoException e) {
            sendCognitoError(exchange, e);
        } catch (IOException e) {
            sendCognitoError(exchange, new CognitoException("SerializationException", "Malformed JSON body."));
        }
    }

    private void sendCognitoError(HttpExchange exchange, CognitoException error) {
        ObjectNode body = JsonCodec.object();
        body.put("__type", error.type());
        body.put("message", error.getMessage());
        exchange.getResponseHeaders().set("x-amzn-ErrorType", error.type());
        exchange.getResponseHeaders().set("x-amzn-ErrorMessage", headerSafe(error.getMessage()));
        sendJson(exchange, error.status(), body);
    }

    private static String headerSafe(String message) {
        StringBuilder safe = new StringBuilder(message.length());
        message.codePoints().forEach(c -> safe.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
        return safe.toString();
    }

    private void sendJson(HttpExchange exchange, int status, JsonNode body) {
        send(exchange, status, "application/x-amz-json-1.1", JsonCodec.bytes(body));
    }

    private void sendText(HttpExchange exchange, int status, String contentType, String body) {
        send(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private void sendEmpty(HttpExchange exchange, int status) {
        try {
            exchange.getResponseHeaders().set("x-amzn-RequestId", Ids.uuid());
            exchange.sendResponseHeaders(status, -1);
        } catch (IOException e) {
            faults.accept("stepwise emulator: cannot reply: " + e.getMessage());
        } finally {
            exchange.close();
        }
    }

    private void send(HttpExchange exchange, int status, String contentType, byte[] body) {
        try {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.getResponseHeaders().set("x-amzn-RequestId", Ids.uuid());
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        } catch (IOException e) {
            // The client went away; nothing to answer.
        } finally {
            exchange.close();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread thread = new Thread(r, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        server.stop(0);
        delayed.shutdownNow();
        flows.shutdownNow();
        io.shutdownNow();
        try {
            flows.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
