package dev.stepwise.harness.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;

/**
 * Asks the user for one line. Secrets are read without echo on a terminal. End of input (Ctrl-D) becomes a
 * {@link CliException} with {@link ExitStatus#ABORTED}.
 */
class Prompter {

    private final Console console;
    private final BufferedReader reader;
    private final PrintWriter prompts;

    private Prompter(Console console, BufferedReader reader, PrintWriter prompts) {
        this.console = console;
        this.reader = reader;
        this.prompts = prompts;
    }

    /** The terminal when there is one, else standard input with prompts on the given writer. */
    static Prompter system(PrintWriter prompts) {
        Console console = System.console();
        if (console != null) {
            return new Prompter(console, null, prompts);
        }
        return new Prompter(
                null, new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset())), prompts);
    }

    /** Reads from this reader, prompting on the writer (tests). */
    static Prompter of(Reader input, PrintWriter prompts) {
        return new Prompter(null, new BufferedReader(input), prompts);
    }

    String line(String prompt) {
        return whileWaiting(prompt, () -> {
            if (console != null) {
                return console.readLine("%s", prompt);
            }
            prompts.print(prompt);
            prompts.flush();
            return read();
        });
    }

    String secret(String prompt) {
        return whileWaiting(prompt, () -> {
            if (console != null) {
                char[] value = console.readPassword("%s", prompt);
                return value == null ? null : new String(value);
            }
            prompts.print(prompt);
            prompts.flush();
            return read();
        });
    }

    /**
     * Reads with Ctrl-C (or SIGTERM) handled like Ctrl-D: the line is ended, the reason printed, and the process
     * exits with {@link ExitStatus#ABORTED} instead of the JVM's 130 in the middle of the prompt. The JVM runs
     * shutdown hooks on those signals; halting from the hook is how a Java program picks its exit code there.
     */
    private String whileWaiting(String prompt, java.util.function.Supplier<String> read) {
        Thread interrupted = new Thread(
                () -> {
                    prompts.println();
                    prompts.println("stepwise: interrupted at the prompt '" + prompt.strip() + "'; sign-in abandoned");
                    prompts.flush();
                    Runtime.getRuntime().halt(ExitStatus.ABORTED.code);
                },
                "stepwise-prompt-interrupt");
        Runtime.getRuntime().addShutdownHook(interrupted);
        String value;
        try {
            value = read.get();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(interrupted);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: it ends the process.
            }
        }
        return orAbort(value, prompt);
    }

    private String read() {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read standard input: " + e.getMessage(), e);
        }
    }

    private static String orAbort(String value, String prompt) {
        if (value == null) {
            throw new CliException(
                    ExitStatus.ABORTED, "input ended at the prompt '" + prompt.strip() + "'; sign-in abandoned");
        }
        return value.strip();
    }
}
