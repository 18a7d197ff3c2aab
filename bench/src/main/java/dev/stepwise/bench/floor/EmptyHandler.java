package dev.stepwise.bench.floor;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** The floor of the cold-start benchmark: a handler that does nothing, alone in a tiny jar. */
public final class EmptyHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    /** Returns the event unchanged. */
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return event;
    }
}
