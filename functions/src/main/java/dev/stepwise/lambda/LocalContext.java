package dev.stepwise.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * The Lambda {@link Context} for invocations that Lambda does not make: SnapStart priming, the emulator's in-process
 * triggers, tests and benchmarks. Its logger hands each line to a sink; it has no identity and no client context, and
 * says 512 MB of memory. Immutable apart from what the sink does with the lines; safe to share between threads when
 * the sink is.
 */
public final class LocalContext implements Context {
    private static final String NO_REQUEST = "00000000-0000-4000-8000-000000000000";
    private static final int FIXED_MILLIS = 5000;

    private final String requestId;
    private final String functionName;
    private final String functionArn;
    private final IntSupplier remainingMillis;
    private final LambdaLogger logger;

    private LocalContext(
            String requestId,
            String functionName,
            String functionArn,
            IntSupplier remainingMillis,
            Consumer<String> sink) {
        this.requestId = requestId;
        this.functionName = functionName;
        this.functionArn = functionArn;
        this.remainingMillis = remainingMillis;
        this.logger = new LambdaLogger() {
            @Override
            public void log(String message) {
                sink.accept(message);
            }

            @Override
            public void log(byte[] message) {
                sink.accept(new String(message, StandardCharsets.UTF_8));
            }
        };
    }

    /**
     * A context whose logger drops every line (building the line still costs what it costs on Lambda) and which always
     * has five seconds left: for priming and benchmarks.
     */
    public static LocalContext quiet(String functionName) {
        return capturing(functionName, line -> {});
    }

    /** A context whose logger hands every line to {@code sink} and which always has five seconds left: for tests. */
    public static LocalContext capturing(String functionName, Consumer<String> sink) {
        return new LocalContext(NO_REQUEST, functionName, localArn(functionName), () -> FIXED_MILLIS, sink);
    }

    /**
     * The context of one invocation, as Lambda gives it: a new request id, the function's ARN, and the time left
     * counting down from {@code timeout} as of now. The logger hands every line to {@code sink}.
     */
    public static LocalContext invocation(
            String functionName, String functionArn, Duration timeout, Consumer<String> sink) {
        long deadline = System.nanoTime() + timeout.toNanos();
        IntSupplier remaining = () -> (int) Math.max(0, (deadline - System.nanoTime()) / 1_000_000L);
        return new LocalContext(UUID.randomUUID().toString(), functionName, functionArn, remaining, sink);
    }

    private static String localArn(String functionName) {
        return "arn:aws:lambda:us-east-1:000000000000:function:" + functionName;
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
        return functionName;
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
        return remainingMillis.getAsInt();
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
