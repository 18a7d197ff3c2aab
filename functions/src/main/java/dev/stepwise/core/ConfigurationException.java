package dev.stepwise.core;

/**
 * Invalid configuration, found when a function starts. The message says what is wrong and how to fix it, in the core's
 * own words: the core does not know the names of the settings it is built from, so it says which value is wrong with
 * {@link #subject()}, and the layer that reads the settings rewrites the message with the setting's name.
 */
public final class ConfigurationException extends StepwiseException {
    private static final long serialVersionUID = 1L;

    private final String subject;

    /** Creates the exception with an actionable message about no particular value. */
    public ConfigurationException(String message) {
        this(null, message);
    }

    /**
     * Creates the exception about one value.
     *
     * @param subject the value that is wrong, by its name in the core (e.g. a record component such as
     *     {@code maxAttempts}), or {@code null}
     * @param message what is wrong and how to fix it
     */
    public ConfigurationException(String subject, String message) {
        super(message);
        this.subject = subject;
    }

    /** The value that is wrong, by its name in the core, or {@code null} when the message is about no single value. */
    public String subject() {
        return subject;
    }
}
