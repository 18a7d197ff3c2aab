package dev.stepwise.lambda.aws;

import dev.stepwise.core.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS calls signed with Signature Version 4 and sent over the JDK's {@code HttpURLConnection}, without the AWS SDK's
 * client stack: the functions' per-sign-in I/O (state table, Secrets Manager at init), whose SDK clients cost most of a
 * cold start (docs/performance.md, "Cold start as deployed"). Each call has a budget: the attempts, their timeouts and
 * the waits between them all end within it. Retries follow the SDK's standard mode: throttling, a 5xx or a failure to
 * connect or read are tried again after a jittered, growing wait, at most {@code attempts} times in all; any other
 * error is final. A failure is an {@link AwsCallException} with the service's error code and the HTTP status, never
 * the service's message (SES and SNS quote the recipient) and never a credential.
 *
 * <p>The endpoint is the override of {@link AwsSettings#endpoint()} when set (the emulator, LocalStack), else the
 * service's regional endpoint. Credentials are asked of {@code credentials} at each call, so that expiring ones
 * (SnapStart's container credentials) are renewed by their provider. Thread-safe.
 */
final class SignedCalls {
    /** Carries one signed request: the network, or an in-process answer while priming. */
    interface Transport {
        /** Sends {@code request} and returns the answer, whatever its status. */
        Response send(Request request, Duration connectTimeout, Duration readTimeout) throws IOException;
    }

    /**
     * One signed HTTP request.
     *
     * @param service the signing name ({@code dynamodb}, {@code secretsmanager}, {@code ses}, {@code sns})
     * @param operation the operation, for answers in process and for error messages
     * @param headers header names in lower case
     */
    record Request(String service, String operation, URI uri, Map<String, String> headers, byte[] body) {}

    /**
     * One answer.
     *
     * @param headers header names in lower case
     */
    record Response(int status, Map<String, String> headers, byte[] body) {}

    /** Static credentials for one call. */
    interface CredentialsSource extends Supplier<AwsSettings.Credentials> {}

    /** The error codes the SDK treats as throttling (with HTTP 429), retried after a longer wait. */
    static final Set<String> THROTTLING = Set.of(
            "Throttling",
            "ThrottlingException",
            "ThrottledException",
            "RequestThrottledException",
            "TooManyRequestsException",
            "ProvisionedThroughputExceededException",
            "TransactionInProgressException",
            "RequestLimitExceeded",
            "BandwidthLimitExceeded",
            "RequestThrottled",
            "SlowDown",
            "PriorRequestNotComplete",
            "EC2ThrottledException");

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();
    private static final Duration BASE_DELAY = Duration.ofMillis(100);
    private static final Duration THROTTLED_BASE_DELAY = Duration.ofMillis(500);
    private static final Duration MAX_DELAY = Duration.ofSeconds(20);
    private static final Pattern XML_CODE = Pattern.compile("<Code>([^<]{1,200})</Code>");
    private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9._~-]*)+");

    private final AwsSettings settings;
    private final CredentialsSource credentials;
    private final Transport transport;
    private final Clock clock;

    SignedCalls(AwsSettings settings, CredentialsSource credentials, Transport transport, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (settings.region() == null) {
            throw new ConfigurationException("AWS_REGION is not set: Lambda sets it; elsewhere set it to the region of"
                    + " SES/SNS (any value, e.g. us-east-1, with STEPWISE_AWS_ENDPOINT)");
        }
    }

    /**
     * An AWS JSON-protocol call ({@code X-Amz-Target}), with the SDK's retries within the call timeout.
     *
     * @param service the signing name and endpoint prefix
     * @param target the {@code X-Amz-Target} header, e.g. {@code DynamoDB_20120810.GetItem}
     * @param version the JSON protocol version: {@code 1.0} or {@code 1.1}
     * @return the answer's body, parsed
     */
    Object json(String service, String target, String version, String body) {
        Map<String, String> headers = new TreeMap<>();
        headers.put("content-type", "application/x-amz-json-" + version);
        headers.put("x-amz-target", target);
        String operation = target.substring(target.indexOf('.') + 1);
        byte[] answer = call(
                service,
                service,
                operation,
                "/",
                headers,
                body.getBytes(StandardCharsets.UTF_8),
                settings.callTimeout(),
                3);
        return Json.parse(answer);
    }

    /**
     * One attempt of a send (SES, SNS) within the send timeout: the flow's own bounded retry decides about the next.
     *
     * @return the answer's body
     */
    byte[] send(
            String service,
            String endpointPrefix,
            String operation,
            String path,
            Map<String, String> headers,
            byte[] body) {
        return call(service, endpointPrefix, operation, path, headers, body, settings.sendTimeout(), 1);
    }

    /**
     * Sends one signed request and returns the body of a 2xx answer.
     *
     * @param service the signing name
     * @param endpointPrefix the host's first label at AWS ({@code email} for SES)
     * @param path the request path, plain characters only
     * @param headers lower-case header names, without host, date, token or signature
     * @param budget the whole call's time, attempts, timeouts and waits included
     * @param attempts at most this many attempts
     * @throws AwsCallException when the answer is an error, or no attempt got an answer in time
     */
    byte[] call(
            String service,
            String endpointPrefix,
            String operation,
            String path,
            Map<String, String> headers,
            byte[] body,
            Duration budget,
            int attempts) {
        if (!PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("path needs encoding: " + path);
        }
        URI uri = endpoint(endpointPrefix, path);
        long deadline = System.nanoTime() + budget.toNanos();
        AwsCallException last = null;
        for (int attempt = 0; attempt < attempts; attempt++) {
            if (attempt > 0) {
                long wait = backoff(attempt, last);
                if (System.nanoTime() + wait * 1_000_000 >= deadline) {
                    break;
                }
                sleep(wait);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            Duration remaining = Duration.ofNanos(left);
            Request request = new Request(service, operation, uri, sign(service, uri, headers, body), body);
            try {
                Response response = transport.send(
                        request, min(settings.connectTimeout(), remaining), min(settings.readTimeout(), remaining));
                if (response.status() / 100 == 2) {
                    return response.body();
                }
                last = failure(service, operation, response);
            } catch (IOException e) {
                last = new AwsCallException(service, operation, e.getClass().getSimpleName(), 0, true);
            }
            if (!last.retryable()) {
                throw last;
            }
        }
        if (last == null) {
            throw new AwsCallException(service, operation, "no time left", 0, true);
        }
        throw last;
    }

    private URI endpoint(String endpointPrefix, String path) {
        URI override = settings.endpoint();
        if (override != null) {
            String base = override.toString();
            if (base.endsWith("/")) {
                base = base.substring(0, base.length() - 1);
            }
            return URI.create(base + path);
        }
        String region = settings.region();
        String domain = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
        return URI.create("https://" + endpointPrefix + "." + region + "." + domain + path);
    }

    /** The request's headers with the SigV4 ones added: host, date, payload hash, token, authorization. */
    Map<String, String> sign(String service, URI uri, Map<String, String> given, byte[] body) {
        AwsSettings.Credentials keys = credentials.get();
        if (keys == null) {
            throw new ConfigurationException("no AWS credentials: Lambda sets AWS_ACCESS_KEY_ID and"
                    + " AWS_SECRET_ACCESS_KEY; elsewhere set them");
        }
        String stamp = STAMP.format(Instant.now(clock));
        String date = stamp.substring(0, 8);
        String payloadHash = HEX.formatHex(sha256(body));
        Map<String, String> headers = new TreeMap<>(given);
        headers.put("host", uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort());
        headers.put("x-amz-content-sha256", payloadHash);
        headers.put("x-amz-date", stamp);
        if (keys.sessionToken() != null) {
            headers.put("x-amz-security-token", keys.sessionToken());
        }
        StringBuilder canonicalHeaders = new StringBuilder();
        headers.forEach((name, value) ->
                canonicalHeaders.append(name).append(':').append(value.strip()).append('\n'));
        String signedHeaders = String.join(";", headers.keySet());
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String canonical = "POST\n" + path + "\n\n" + canonicalHeaders + "\n" + signedHeaders + "\n" + payloadHash;
        String scope = date + "/" + settings.region() + "/" + service + "/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + stamp + "\n" + scope + "\n"
                + HEX.formatHex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + keys.secretAccessKey()).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, settings.region());
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        headers.put(
                "authorization",
                "AWS4-HMAC-SHA256 Credential=" + keys.accessKeyId() + "/" + scope + ", SignedHeaders=" + signedHeaders
                        + ", Signature=" + HEX.formatHex(hmac(key, toSign)));
        return headers;
    }

    /** The error code of an answer: the JSON protocols' {@code __type} or header, or the query protocol's XML. */
    static AwsCallException failure(String service, String operation, Response response) {
        String code = response.headers().get("x-amzn-errortype");
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (code == null && body.startsWith("{")) {
            try {
                if (Json.parse(response.body()) instanceof Map<?, ?> fields) {
                    Object type = fields.get("__type");
                    code = type instanceof String s ? s : fields.get("code") instanceof String c ? c : null;
                }
            } catch (RuntimeException malformed) {
                code = null;
            }
        } else if (code == null) {
            Matcher xml = XML_CODE.matcher(body);
            code = xml.find() ? xml.group(1) : null;
        }
        if (code != null) {
            code = code.substring(code.lastIndexOf('#') + 1);
            int colon = code.indexOf(':');
            code = (colon < 0 ? code : code.substring(0, colon)).strip();
        }
        int status = response.status();
        boolean retryable = status >= 500 || status == 429 || (code != null && THROTTLING.contains(code));
        return new AwsCallException(
                service, operation, code == null || code.isEmpty() ? "unknown" : code, status, retryable);
    }

    private static long backoff(int attempt, AwsCallException last) {
        Duration base = last != null && THROTTLING.contains(last.code()) ? THROTTLED_BASE_DELAY : BASE_DELAY;
        long ceiling = Math.min(MAX_DELAY.toMillis(), base.toMillis() << Math.min(attempt - 1, 16));
        return ThreadLocalRandom.current().nextLong(ceiling + 1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AwsCallException("aws", "wait", "interrupted", 0, false);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The network: one {@code HttpURLConnection} per request, kept alive by the JDK's connection cache. */
    static final class Network implements Transport {
        @Override
        public Response send(Request request, Duration connectTimeout, Duration readTimeout) throws IOException {
            HttpURLConnection connection =
                    (HttpURLConnection) request.uri().toURL().openConnection();
            long start = System.nanoTime();
            connection.setConnectTimeout((int) Math.max(1, connectTimeout.toMillis()));
            connection.setReadTimeout((int) Math.max(1, readTimeout.toMillis()));
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setUseCaches(false);
            connection.setInstanceFollowRedirects(false);
            request.headers().forEach((name, value) -> {
                if (!name.equals("host")) {
                    connection.setRequestProperty(name, value);
                }
            });
            // No streaming mode: the connection buffers the small body and sends it with the headers in one write;
            // streamed,
            // the body left as a second small segment that Nagle held until the server's delayed acknowledgement (about
            // 40 ms
            // a call).

            connection.connect();
            // What connecting took comes off the wait for the answer, so that one attempt stays within its budget.
            long left = readTimeout.toMillis() - (System.nanoTime() - start) / 1_000_000;
            if (left <= 0) {
                connection.disconnect();
                throw new java.net.SocketTimeoutException("no time left to read");
            }
            connection.setReadTimeout((int) left);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(request.body());
            }
            int status = connection.getResponseCode();
            Map<String, String> headers = new TreeMap<>();
            connection.getHeaderFields().forEach((name, values) -> {
                if (name != null && !values.isEmpty()) {
                    headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0));
                }
            });
            byte[] body;
            try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                body = in == null ? new byte[0] : in.readAllBytes();
            }
            return new Response(status, headers, body);
        }
    }
}
