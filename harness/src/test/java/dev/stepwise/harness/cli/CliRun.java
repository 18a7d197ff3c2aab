package dev.stepwise.harness.cli;

import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code stepwise} in-process with captured output and optional typed input. */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(String... args) {
        return runWithInput(null, args);
    }

    static CliRun runWithInput(String input, String... args) {
        return runWithReader(input == null ? null : new StringReader(input), args);
    }

    static CliRun runWithReader(Reader input, String... args) {
        CommandLine cli = StepwiseCommand.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        if (input != null) {
            CommandLine signin = cli.getSubcommands().get("signin");
            ((SignInCommand) signin.getCommand()).prompter = Prompter.of(input, new PrintWriter(err, true));
        }
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
