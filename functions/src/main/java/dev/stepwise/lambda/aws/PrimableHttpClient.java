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
 * The HTTP client of the one SDK client left (KMS): the shared URL-connection client, except while
 * {@link AwsClients#offline} runs SnapStart priming, when every request is refused here, in process, with an error
 * that priming ends on, and nothing goes over the network. The other services' calls are answered offline by
 * {@link PrimableTransport}. Thread-safe.
 */
final class PrimableHttpClient implements SdkHttpClient {
    /** The service an SDK client talks to, for its canned answers. */
    enum Service {
        KMS
    }

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
            case KMS -> refused("application/x-amz-json-1.1");
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
