package dev.stepwise.lambda;

import dev.stepwise.core.ConfigurationException;
import dev.stepwise.core.Range;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/** Reads one setting's value as a number, a two-valued choice or an endpoint, refusing it with a fix in the message. */
final class SettingValues {
    private SettingValues() {}

    /** Whether a two-valued setting has its second value; any other value is a configuration error. */
    static boolean choice(Map<String, String> environment, FunctionSetting setting, String off, String on) {
        String value = setting.read(environment);
        if (!value.equals(off) && !value.equals(on)) {
            throw new ConfigurationException(
                    setting.name() + " is \"" + value + "\": set it to " + off + " (the default) or " + on);
        }
        return value.equals(on);
    }

    /** A whole-number setting, inside its range (written in the core's record it feeds). */
    static int integer(Map<String, String> environment, FunctionSetting setting) {
        String value = setting.read(environment);
        Range range = setting.range();
        int number;
        try {
            number = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConfigurationException(setting.name() + " is \"" + value + "\": set it to a whole number from "
                    + range + " (default " + setting.defaultValue() + ")");
        }
        if (!range.contains(number)) {
            throw new ConfigurationException(setting.name() + " is " + number + ": set it to a whole number from "
                    + range + " (default " + setting.defaultValue() + ")");
        }
        return number;
    }

    /** An http(s) endpoint with a host, or {@code null} when unset. */
    static URI endpoint(String value) {
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new URISyntaxException(value, "not an http(s) URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigurationException("STEPWISE_AWS_ENDPOINT \"" + value
                    + "\" is not an http(s) URL: set it to e.g. http://127.0.0.1:9229, or remove it to use AWS");
        }
    }
}
