package dev.stepwise.bench.runtime;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/**
 * The context the runtime stand-in hands a handler: fixed names, and a logger that drops the handler's line (on Lambda
 * the line leaves the process; its cost to the handler is building it, which still happens). It belongs to the runtime,
 * as Lambda's own context does, and not to the function: the floor's jar holds an empty handler and nothing of
 * Stepwise, so the runtime cannot borrow the functions' {@code LocalContext}.
 */
final class RuntimeContext implements Context {
    static final RuntimeContext INSTANCE = new RuntimeContext();

    private static final LambdaLogger DROPPED = new LambdaLogger() {
        @Override
        public void log(String message) {}

        @Override
        public void log(byte[] message) {}
    };

    private RuntimeContext() {}

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
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
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
    public LambdaLogger getLogger() {
        return DROPPED;
    }
}
