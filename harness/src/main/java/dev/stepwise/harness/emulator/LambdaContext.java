package dev.stepwise.harness.emulator;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** The minimal Lambda {@link Context} for one in-process invocation; its logger writes to the emulator's sink. */
final class LambdaContext implements Context {

    private final String requestId = Ids.uuid();
    private final String functionName;
    private final String functionArn;
    private final long deadlineNanos;
    private final LambdaLogger logger;

    LambdaContext(String functionName, String functionArn, long timeoutMillis, Consumer<String> sink) {
        this.functionName = functionName;
        this.functionArn = functionArn;
        this.deadlineNanos = System.nanoTime() + timeoutMillis * 1_000_000L;
        String prefix = "[" + functionName + "] ";
        this.logger = new LambdaLogger() {
            @Override
            public void log(String message) {
                sink.accept(prefix + message);
            }

            @Override
            public void log(byte[] message) {
                sink.accept(prefix + new String(message, StandardCharsets.UTF_8));
            }
        };
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "stepwise-emulator";
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return functionArn;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000L);
    }

    @Override
    public int getMemoryLimitInMB() {
        return 512;
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}
