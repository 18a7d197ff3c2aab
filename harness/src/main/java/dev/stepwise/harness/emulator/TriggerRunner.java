package dev.stepwise.harness.emulator;

/**
 * How the emulator runs trigger functions.
 *
 * <ul>
 *   <li>{@link #IN_PROCESS} (the default): in the emulator's JVM, through the Lambda runtime's JSON serialization; one
 *       handler instance per function, built through a {@code Map} (and {@code Clock}) constructor when it has one,
 *       so a test's clock and environment reach it; fast (no JVM start).
 *   <li>{@link #CHILD_JVM}: each function in child JVMs run by AWS's own runtime interface client against a Lambda
 *       Runtime API the emulator serves: the environment as real environment variables (a no-argument handler reading
 *       {@code System.getenv} sees it), init counted against the first invocation's limit, one invocation at a time
 *       per JVM, a timed-out attempt left running while Cognito's retry starts in another JVM (so its side effects
 *       happen, as in Lambda), the runtime's own serialization and log lines. Slower: each new JVM is a cold start.
 * </ul>
 */
public enum TriggerRunner {
    /** In the emulator's JVM (default). */
    IN_PROCESS,
    /** In child JVMs through the Lambda Runtime API and the official runtime interface client. */
    CHILD_JVM
}
