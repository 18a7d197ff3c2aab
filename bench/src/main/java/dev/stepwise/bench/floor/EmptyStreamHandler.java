package dev.stepwise.bench.floor;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A second floor, for context: a stream handler that answers with the event's bytes, alone in the same tiny jar. The
 * runtime builds no serializer for it, as for Stepwise's custom-auth handlers, so it shows what a cold start costs
 * before any handler work at all.
 */
public final class EmptyStreamHandler implements RequestStreamHandler {
    /** Copies the event to the answer. */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.transferTo(output);
    }
}
