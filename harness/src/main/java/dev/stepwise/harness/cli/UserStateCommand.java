package dev.stepwise.harness.cli;

import dev.stepwise.core.StateStore;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that works on one user's items straight in the state table: the shared options
 * ({@link UserStateTarget}), its arguments checked before any client is built, then its work on the table, with an
 * unreachable table as {@link ExitStatus#UNREACHABLE}.
 */
abstract class UserStateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    UserStateTarget target = new UserStateTarget();

    @Override
    public final Integer call() {
        checkArguments();
        return target.onTable(spec.commandLine().getOut(), this::run);
    }

    /**
     * Refuses bad arguments before the table is reached; by default, none to check.
     *
     * @throws CliException with {@link ExitStatus#USAGE}
     */
    void checkArguments() {}

    /** The work on {@code store}, printing to {@code out}; throws {@link CliException} for a refusal. */
    abstract void run(StateStore store, PrintWriter out);
}
