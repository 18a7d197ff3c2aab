package dev.stepwise.harness.cli;

import dev.stepwise.core.StateItem;
import dev.stepwise.core.StateKeys;
import dev.stepwise.core.StateStore;
import dev.stepwise.core.passkey.PasskeyStore;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stepwise passkeys list|remove}: an operator's view of a user's passkeys in the state table. Listing shows
 * only what is stored in the clear (credential id, when created and last used, transports, backup flags); removing
 * deletes the passkey, so it no longer signs in. Neither needs {@code STEPWISE_SECRET}: the sealed records are not
 * opened.
 */
@Command(
        name = "passkeys",
        mixinStandardHelpOptions = true,
        description = "List or remove a user's passkeys in the state table.",
        subcommands = {PasskeysCommand.ListPasskeys.class, PasskeysCommand.RemovePasskey.class})
final class PasskeysCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "say 'list' or 'remove'");
    }

    /** {@code stepwise passkeys list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a user's passkeys.")
    static final class ListPasskeys extends UserStateCommand {

        @Override
        void run(StateStore store, PrintWriter out) {
            List<StateItem> items = store.query(
                    StateKeys.user(target.userPoolId, target.username), PasskeyStore.PASSKEY, Instant.now());
            if (items.isEmpty()) {
                out.printf("%s has no passkey.%n", target.username);
            }
            for (StateItem item : items) {
                Map<String, String> shown = PasskeyStore.listing(item);
                out.printf(
                        "%s  created %s  last used %s  transports %s  synced %s%n",
                        shown.get("id"),
                        shown.getOrDefault("createdAt", "?"),
                        shown.getOrDefault("lastUsedAt", "never"),
                        shown.getOrDefault("transports", "").isEmpty() ? "-" : shown.get("transports"),
                        "true".equals(shown.get("backedUp"))
                                ? "yes"
                                : "true".equals(shown.get("backupEligible")) ? "may be" : "no");
            }
        }
    }

    /** {@code stepwise passkeys remove}. */
    @Command(
            name = "remove",
            mixinStandardHelpOptions = true,
            description = "Remove one of a user's passkeys, so it no longer signs in.")
    static final class RemovePasskey extends UserStateCommand {

        @Option(names = "--id", required = true, description = "The credential id, as 'passkeys list' shows it.")
        String id;

        @Override
        void checkArguments() {
            if (!id.matches("[A-Za-z0-9_-]{1,1366}")) {
                throw new CliException(
                        ExitStatus.USAGE, "--id is a base64url credential id, as 'passkeys list' shows it");
            }
        }

        @Override
        void run(StateStore store, PrintWriter out) {
            if (!store.deleteIfPresent(StateKeys.user(target.userPoolId, target.username), PasskeyStore.PASSKEY + id)) {
                throw new CliException(
                        ExitStatus.USAGE, target.username + " has no passkey " + id + ": see 'passkeys list'");
            }
            out.printf("Removed passkey %s of %s.%n", id, target.username);
        }
    }
}
