package dev.stepwise.harness.cli;

import dev.stepwise.core.StateStore;
import dev.stepwise.core.TrustedDevice;
import dev.stepwise.core.TrustedDevices;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code stepwise devices list|revoke}: the devices a user trusts, from the state table, and revoking one or all of
 * them. Needs no secret: the table holds only hashes of the devices' secrets.
 */
@Command(
        name = "devices",
        mixinStandardHelpOptions = true,
        description = {"List or revoke the devices a user trusts (the steps they skip are asked again)."},
        subcommands = {DevicesCommand.List.class, DevicesCommand.Revoke.class})
final class DevicesCommand {

    private DevicesCommand() {}

    /** The lifetime is not read by list and revoke; any positive one will do. */
    private static TrustedDevices devices(StateStore store) {
        return new TrustedDevices(store, Duration.ofDays(1));
    }

    /** {@code stepwise devices list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the devices a user trusts.")
    static final class List extends UserStateCommand {

        @Override
        void run(StateStore store, PrintWriter out) {
            java.util.List<TrustedDevice> devices =
                    devices(store).list(target.userPoolId, target.username, Instant.now());
            if (devices.isEmpty()) {
                out.printf("%s trusts no device.%n", target.username);
            } else {
                out.printf("%-16s  %-26s  %-20s  %-20s  %s%n", "DEVICE", "CLIENT", "TRUSTED", "LAST USED", "EXPIRES");
                for (TrustedDevice device : devices) {
                    out.printf(
                            "%-16s  %-26s  %-20s  %-20s  %s%n",
                            device.id(),
                            device.clientId() == null ? "-" : device.clientId(),
                            device.createdAt(),
                            device.lastUsedAt(),
                            device.expiresAt());
                }
            }
        }
    }

    /** {@code stepwise devices revoke}. */
    @Command(
            name = "revoke",
            mixinStandardHelpOptions = true,
            description = "Stop trusting one device (its id from 'devices list') or, with --all, every device.")
    static final class Revoke extends UserStateCommand {

        @Parameters(arity = "0..1", paramLabel = "DEVICE", description = "The device's id.")
        String deviceId;

        @Option(names = "--all", description = "Revoke every device of the user.")
        boolean all;

        @Override
        void checkArguments() {
            if (all == (deviceId != null)) {
                throw new CliException(ExitStatus.USAGE, "give one DEVICE id or --all");
            }
        }

        @Override
        void run(StateStore store, PrintWriter out) {
            TrustedDevices devices = devices(store);
            if (all) {
                int revoked = devices.revokeAll(target.userPoolId, target.username, Instant.now());
                out.printf("Revoked %d device(s) of %s.%n", revoked, target.username);
            } else if (devices.revoke(target.userPoolId, target.username, deviceId)) {
                out.printf("Revoked device %s of %s.%n", deviceId, target.username);
            } else {
                throw new CliException(
                        ExitStatus.USAGE, "no device " + deviceId + " for " + target.username + " (see devices list)");
            }
        }
    }
}
