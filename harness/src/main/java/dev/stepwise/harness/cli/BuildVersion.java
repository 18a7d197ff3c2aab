package dev.stepwise.harness.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code stepwise --version}: the version the build wrote into {@code version.properties}. */
final class BuildVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"stepwise " + version()};
    }

    static String version() {
        Properties properties = new Properties();
        try (InputStream in = BuildVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            return "(unknown version)";
        }
        String version = properties.getProperty("version", "");
        return version.isBlank() || version.startsWith("${") ? "(unknown version)" : version;
    }
}
