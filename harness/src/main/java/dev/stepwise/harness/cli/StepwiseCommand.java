package dev.stepwise.harness.cli;

import dev.stepwise.harness.client.CodeReader;
import dev.stepwise.harness.client.SignInException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code stepwise}: the harness's command line. {@code main} only runs {@link #newCommandLine()} and exits with its
 * code; commands print through picocli's writers, so tests call {@code execute} and capture the output.
 */
@Command(
        name = "stepwise",
        mixinStandardHelpOptions = true,
        versionProvider = BuildVersion.class,
        description = "Multi-step sign-ins with Amazon Cognito custom authentication: a demo, an interactive sign-in"
                + " against any pool, and the embedded emulator.",
        subcommands = {
            DemoCommand.class,
            SignInCommand.class,
            AccountCommands.SignUp.class,
            AccountCommands.ResetPassword.class,
            EmulatorCommand.class,
            BackupCodesCommand.class,
            PasskeysCommand.class,
            DevicesCommand.class,
            ScenarioCommand.class,
            LoadCommand.class,
            AuditCommand.class,
            CommandLine.HelpCommand.class
        })
public final class StepwiseCommand {

    private StepwiseCommand() {}

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /**
     * The configured command line: subcommands, and failures mapped to one line on standard error and a documented
     * exit code instead of a stack trace.
     */
    public static CommandLine newCommandLine() {
        CommandLine commandLine = new CommandLine(new StepwiseCommand());
        Map<String, String> exitCodes = new LinkedHashMap<>();
        for (ExitStatus status : ExitStatus.values()) {
            exitCodes.put(String.format("%2d", status.code), status.meaning);
        }
        for (CommandLine command : List.of(
                commandLine,
                commandLine.getSubcommands().get("demo"),
                commandLine.getSubcommands().get("signin"))) {
            command.getCommandSpec()
                    .usageMessage()
                    .exitCodeListHeading("%nExit codes:%n")
                    .exitCodeList(exitCodes);
        }
        commandLine.registerConverter(java.time.Duration.class, new HumanDuration());
        commandLine.setParameterExceptionHandler((exception, args) -> {
            CommandLine cmd = exception.getCommandLine();
            cmd.getErr()
                    .println("stepwise: " + exception.getMessage() + Suggestions.of(exception) + " (see '"
                            + cmd.getCommandSpec().qualifiedName() + " --help')");
            cmd.getErr().flush();
            return ExitStatus.USAGE.code;
        });
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            ExitStatus status = statusOf(exception);
            String message = exception.getMessage() == null ? exception.toString() : exception.getMessage();
            if (status == ExitStatus.INTERNAL) {
                message = "internal error: " + exception;
            }
            cmd.getErr().println("stepwise: " + message);
            cmd.getErr().flush();
            return status.code;
        });
        return commandLine;
    }

    static ExitStatus statusOf(Exception exception) {
        if (exception instanceof CliException cli) {
            return cli.status;
        } else if (exception instanceof SignInException
                || exception instanceof UncheckedIOException
                || exception instanceof CodeReader.CodeNotFoundException) {
            return ExitStatus.UNREACHABLE;
        } else if (exception instanceof IllegalArgumentException
                || exception instanceof dev.stepwise.core.ConfigurationException) {
            return ExitStatus.USAGE;
        }
        return ExitStatus.INTERNAL;
    }
}
