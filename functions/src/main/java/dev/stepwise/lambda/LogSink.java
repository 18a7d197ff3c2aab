package dev.stepwise.lambda;

/** Where the handlers write their one JSON line per invocation. Tests pass a capturing sink. */
@FunctionalInterface
public interface LogSink {
    /** Writes one line. */
    void write(String line);

    /** Standard output, which Lambda forwards to CloudWatch Logs. */
    static LogSink standardOutput() {
        return System.out::println;
    }
}
