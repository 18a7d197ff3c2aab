package dev.stepwise.lambda.aws;

import dev.stepwise.lambda.aws.SignedCalls.Request;
import dev.stepwise.lambda.aws.SignedCalls.Response;
import dev.stepwise.lambda.aws.SignedCalls.Transport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The transport of the functions' {@link SignedCalls}: the network, except while {@link AwsClients#offline} runs
 * SnapStart priming, when every request is answered here, in process, and nothing goes over the network. The request
 * has been built and signed by then, and the answer is parsed as a real one would be, so priming loads and compiles
 * the whole request path without touching the state table.
 *
 * <p>The canned answers are the ones that let a sign-in go on: the state table has no items (a read finds nothing, a
 * conditional write succeeds, a counter is at 1), SES and SNS accept the message. Any other call is refused with an error, which priming ends on.
 * Thread-safe.
 */
final class PrimableTransport implements Transport {
    private static final String SNS_PUBLISHED = "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
            + "<PublishResult><MessageId>stepwise-priming</MessageId></PublishResult>"
            + "<ResponseMetadata><RequestId>stepwise-priming</RequestId></ResponseMetadata></PublishResponse>";

    private final Transport network;
    private final AtomicBoolean offline;

    PrimableTransport(Transport network, AtomicBoolean offline) {
        this.network = network;
        this.offline = offline;
    }

    @Override
    public Response send(Request request, Duration connectTimeout, Duration readTimeout) throws IOException {
        if (!offline.get()) {
            return network.send(request, connectTimeout, readTimeout);
        }
        switch (request.service()) {
            case "ses":
                return answer(200, "{\"MessageId\":\"stepwise-priming\"}");
            case "sns":
                return new Response(
                        200, Map.of("content-type", "text/xml"), SNS_PUBLISHED.getBytes(StandardCharsets.UTF_8));
            case "dynamodb":
                break;
            default:
                return answer(
                        400,
                        "{\"__type\":\"ValidationException\",\"message\":\"SnapStart priming answers no such call\"}");
        }
        return switch (request.operation()) {
            case "GetItem", "PutItem", "DeleteItem" -> answer(200, "{}");
            case "UpdateItem" -> answer(200, "{\"Attributes\":{\"count\":{\"N\":\"1\"}}}");
            case "Query" -> answer(200, "{\"Count\":0,\"Items\":[],\"ScannedCount\":0}");
            default -> answer(400, "{\"__type\":\"ValidationException\"}");
        };
    }

    private static Response answer(int status, String body) {
        return new Response(
                status,
                Map.of("content-type", "application/x-amz-json-1.0", "x-amzn-requestid", "stepwise-priming"),
                body.getBytes(StandardCharsets.UTF_8));
    }
}
