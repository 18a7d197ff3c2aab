package dev.stepwise.lambda.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The HTTP client of one SDK client: the shared URL-connection client, except while {@link AwsClients#offline} runs
 * SnapStart priming, when every request is answered here, in process, and nothing goes over the network. The request
 * has been marshalled and signed by then, and the answer is unmarshalled by the SDK as a real one would be, so priming
 * loads and compiles the whole request path of the client without sending a message or touching the state table.
 *
 * <p>The canned answers are the ones that let a sign-in go on: the state table has no items (a read finds nothing, a
 * conditional write succeeds, a counter is at 1), SES and SNS accept the message. KMS and any other call are refused
 * with an error, which priming ends on. Thread-safe.
 */
final class PrimableHttpClient implements SdkHttpClient {
    /** The service an SDK client talks to, for its canned answers. */
    enum Service {
        DYNAMODB,
        KMS,
        SES,
        SNS
    }

    private static final String DYNAMODB_TARGET = "DynamoDB_20120810.";
    private static final String SNS_PUBLISHED = "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
            + "<PublishResult><MessageId>stepwise-priming</MessageId></PublishResult>"
            + "<ResponseMetadata><RequestId>stepwise-priming</RequestId></ResponseMetadata></PublishResponse>";

    private final SdkHttpClient network;
    private final Service service;
    private final AtomicBoolean offline;

    PrimableHttpClient(SdkHttpClient network, Service service, AtomicBoolean offline) {
        this.network = network;
        this.service = service;
        this.offline = offline;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        if (!offline.get()) {
            return network.prepareRequest(request);
        }
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                request.contentStreamProvider().ifPresent(PrimableHttpClient::drain);
                return answer(request);
            }

            @Override
            public void abort() {}
        };
    }

    private HttpExecuteResponse answer(HttpExecuteRequest request) {
        return switch (service) {
            case DYNAMODB -> dynamoDb(
                    request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse(""));
            case SES -> response(200, "application/json", "{\"MessageId\":\"stepwise-priming\"}");
            case SNS -> response(200, "text/xml", SNS_PUBLISHED);
            case KMS -> refused("application/x-amz-json-1.1");
        };
    }

    private static HttpExecuteResponse dynamoDb(String target) {
        String operation = target.startsWith(DYNAMODB_TARGET) ? target.substring(DYNAMODB_TARGET.length()) : "";
        String json = "application/x-amz-json-1.0";
        return switch (operation) {
            case "GetItem", "PutItem", "DeleteItem" -> response(200, json, "{}");
            case "UpdateItem" -> response(200, json, "{\"Attributes\":{\"count\":{\"N\":\"1\"}}}");
            case "Query" -> response(200, json, "{\"Count\":0,\"Items\":[],\"ScannedCount\":0}");
            default -> refused(json);
        };
    }

    private static HttpExecuteResponse refused(String contentType) {
        return response(
                400,
                contentType,
                "{\"__type\":\"com.amazon.coral.validate#ValidationException\","
                        + "\"message\":\"SnapStart priming answers no such call\"}");
    }

    private static HttpExecuteResponse response(int status, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return HttpExecuteResponse.builder()
                .response(SdkHttpResponse.builder()
                        .statusCode(status)
                        .putHeader("Content-Type", contentType)
                        .putHeader("Content-Length", Integer.toString(bytes.length))
                        .putHeader("x-amzn-RequestId", "stepwise-priming")
                        .build())
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
                .build();
    }

    private static void drain(ContentStreamProvider body) {
        try (InputStream in = body.newStream()) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String clientName() {
        return network.clientName();
    }

    /** Closes nothing: the shared client lives as long as the function. */
    @Override
    public void close() {}
}
