package dev.stepwise.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/** Where the handlers write their one JSON line per invocation. Tests pass a capturing sink. */
@FunctionalInterface
public interface LogSink {
    /** Writes one line. */
    void write(String line);

    /** The sink for one invocation; a fixed sink (as in tests) ignores the context. */
    default LogSink forInvocation(Context context) {
        return this;
    }

    /**
     * The invocation's {@link LambdaLogger}, which Lambda forwards to CloudWatch Logs and a local runner (such as
     * Stepwise's emulator) can capture; standard output when the context carries no logger. Each call of the Lambda
     * Java runtime's logger is one log event, so the line is passed without a line break.
     */
    static LogSink lambdaLogger() {
        return new LogSink() {
            @Override
            public void write(String line) {
                System.out.println(line);
            }

            @Override
            public LogSink forInvocation(Context context) {
                LambdaLogger logger = context == null ? null : context.getLogger();
                return logger == null ? this : logger::log;
            }
        };
    }
}
