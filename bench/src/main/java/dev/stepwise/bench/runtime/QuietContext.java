package dev.stepwise.bench.runtime;

import com.amazonaws.services.lambda.runtime.Context;

/**
 * A Lambda context for benchmarks: fixed names, and a logger that drops the handler's log line (on Lambda the line
 * leaves the process; its cost to the handler is building it, which still happens).
 */
public final class QuietContext implements Context {
    @Override
    public String getAwsRequestId() {
        return "00000000-0000-4000-8000-000000000000";
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/bench";
    }

    @Override
    public String getLogStreamName() {
        return "bench";
    }

    @Override
    public String getFunctionName() {
        return "bench";
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:000000000000:function:bench";
    }

    @Override
    public com.amazonaws.services.lambda.runtime.CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public com.amazonaws.services.lambda.runtime.ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return 5000;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 512;
    }

    @Override
    public com.amazonaws.services.lambda.runtime.LambdaLogger getLogger() {
        return new com.amazonaws.services.lambda.runtime.LambdaLogger() {
            @Override
            public void log(String message) {}

            @Override
            public void log(byte[] message) {}
        };
    }
}
