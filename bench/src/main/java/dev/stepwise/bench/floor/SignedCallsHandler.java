package dev.stepwise.bench.floor;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An experiment, not shipped: the floor plus the AWS calls Define makes in a cold start, written by hand with the
 * JDK's {@code HttpURLConnection} and a SigV4 signature (HMAC-SHA256), no AWS SDK: at init the two
 * {@code GetSecretValue} calls (both stages of the secret), per invocation one {@code GetItem} (the lock check). Its
 * cold start next to the floor's and Define's is the measured case for or against replacing the SDK clients with a
 * hand-written one. It reads the same settings as the functions ({@code STEPWISE_AWS_ENDPOINT}, {@code AWS_REGION},
 * the credentials, {@code STEPWISE_SECRET_ARN}, {@code STEPWISE_STATE_TABLE}) and parses nothing beyond the status:
 * a real client would add JSON parsing, errors and retries.
 */
public final class SignedCallsHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final HexFormat HEX = HexFormat.of();

    private final URI endpoint;
    private final String region;
    private final String accessKey;
    private final String secretKey;
    private final String sessionToken;
    private final String table;

    /** Reads the settings from the environment and makes the two Secrets Manager calls, as Define's init does. */
    public SignedCallsHandler() {
        this(System.getenv());
    }

    SignedCallsHandler(Map<String, String> env) {
        endpoint = URI.create(env.get("STEPWISE_AWS_ENDPOINT"));
        region = env.get("AWS_REGION");
        accessKey = env.get("AWS_ACCESS_KEY_ID");
        secretKey = env.get("AWS_SECRET_ACCESS_KEY");
        sessionToken = env.get("AWS_SESSION_TOKEN");
        table = env.get("STEPWISE_STATE_TABLE");
        String arn = env.get("STEPWISE_SECRET_ARN");
        for (String stage : new String[] {"AWSCURRENT", "AWSPREVIOUS"}) {
            call(
                    "secretsmanager",
                    "secretsmanager.GetSecretValue",
                    "application/x-amz-json-1.1",
                    "{\"SecretId\":\"" + arn + "\",\"VersionStage\":\"" + stage + "\"}");
        }
    }

    /** One signed {@code GetItem} of the user's lock item; returns the event with the status. */
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        String user = "user#" + event.get("userPoolId") + "#" + event.get("userName");
        int status = call(
                "dynamodb",
                "DynamoDB_20120810.GetItem",
                "application/x-amz-json-1.0",
                "{\"TableName\":\"" + table + "\",\"ConsistentRead\":true,\"Key\":{\"pk\":{\"S\":\"" + user
                        + "\"},\"sk\":{\"S\":\"lock\"}}}");
        event.put("status", status);
        return event;
    }

    private int call(String service, String target, String contentType, String body) {
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        String stamp = ZonedDateTime.now(ZoneOffset.UTC).format(STAMP);
        String date = stamp.substring(0, 8);
        String host = endpoint.getPort() < 0 ? endpoint.getHost() : endpoint.getHost() + ":" + endpoint.getPort();
        String payloadHash = HEX.formatHex(sha256(payload));
        Map<String, String> headers = new TreeMap<>();
        headers.put("content-type", contentType);
        headers.put("host", host);
        headers.put("x-amz-content-sha256", payloadHash);
        headers.put("x-amz-date", stamp);
        headers.put("x-amz-target", target);
        if (sessionToken != null) {
            headers.put("x-amz-security-token", sessionToken);
        }
        StringBuilder canonicalHeaders = new StringBuilder();
        headers.forEach((name, value) ->
                canonicalHeaders.append(name).append(':').append(value).append('\n'));
        String signedHeaders = String.join(";", headers.keySet());
        String canonical = "POST\n/\n\n" + canonicalHeaders + "\n" + signedHeaders + "\n" + payloadHash;
        String scope = date + "/" + region + "/" + service + "/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + stamp + "\n" + scope + "\n"
                + HEX.formatHex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        String signature = HEX.formatHex(hmac(key, toSign));
        try {
            HttpURLConnection connection = (HttpURLConnection) endpoint.toURL().openConnection();
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            headers.forEach((name, value) -> {
                if (!name.equals("host")) {
                    connection.setRequestProperty(name, value);
                }
            });
            connection.setRequestProperty(
                    "Authorization",
                    "AWS4-HMAC-SHA256 Credential=" + accessKey + "/" + scope + ", SignedHeaders=" + signedHeaders
                            + ", Signature=" + signature);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(payload);
            }
            int status = connection.getResponseCode();
            String answer = "";
            try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                if (in != null) {
                    answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            // A secret without a previous version answers ResourceNotFoundException for AWSPREVIOUS, as the SDK sees.
            if (status != 200 && !answer.contains("ResourceNotFoundException")) {
                throw new IllegalStateException(target + " answered " + status + ": " + answer);
            }
            return status;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
}
