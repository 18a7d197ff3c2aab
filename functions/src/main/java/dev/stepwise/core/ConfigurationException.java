package dev.stepwise.core;

/** Invalid configuration, found when a function starts. The message says what is wrong and how to fix it. */
public final class ConfigurationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with an actionable message. */
    public ConfigurationException(String message) {
        super(message);
    }
}
