package dev.stepwise.harness.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The emulator's own {@code STEPWISE_SECRET} when none is given: random, kept in an owner-only file (beside the
 * {@code --state} file, so backup codes keep working across restarts; else a new temporary file), never printed.
 */
final class EmulatorSecret {

    private EmulatorSecret() {}

    static Path file(Path stateFile) {
        if (stateFile != null) {
            Path absolute = stateFile.toAbsolutePath();
            return absolute.resolveSibling(absolute.getFileName() + ".secret");
        }
        try {
            return Files.createTempFile(
                    "stepwise-emulator-",
                    ".secret",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (IOException | UnsupportedOperationException e) {
            throw new CliException(
                    ExitStatus.USAGE,
                    "cannot create a file for the emulator's STEPWISE_SECRET; set STEPWISE_SECRET in the environment"
                            + " (base64 of 32 random bytes, e.g. openssl rand -base64 32)");
        }
    }

    static String readOrCreate(Path file) {
        try {
            if (Files.exists(file) && Files.size(file) > 0) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            String encoded = Base64.getEncoder().encodeToString(secret);
            if (!Files.exists(file)) {
                try {
                    Files.createFile(
                            file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException notPosix) {
                    Files.createFile(file);
                }
            }
            Files.writeString(file, encoded + "\n", StandardCharsets.UTF_8);
            return encoded;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the emulator's STEPWISE_SECRET in " + file, e);
        }
    }
}
