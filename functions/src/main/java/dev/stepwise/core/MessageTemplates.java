package dev.stepwise.core;

import java.time.Duration;

/**
 * The texts of the code messages. {@code {code}} is replaced by the code and {@code {minutes}} by its lifetime in whole
 * minutes (rounded up).
 *
 * @param emailSubject the email subject
 * @param emailBody the email body, plain text
 * @param smsBody the SMS text
 */
public record MessageTemplates(String emailSubject, String emailBody, String smsBody) {
    /** Requires the bodies to contain {@code {code}}. */
    public MessageTemplates {
        if (emailSubject == null || emailSubject.isBlank()) {
            throw new ConfigurationException("the email subject is empty: set a subject");
        }
        if (emailBody == null || !emailBody.contains("{code}")) {
            throw new ConfigurationException(
                    "the email body does not contain {code}: put {code} where the code should appear");
        }
        if (smsBody == null || !smsBody.contains("{code}")) {
            throw new ConfigurationException(
                    "the SMS body does not contain {code}: put {code} where the code should appear");
        }
    }

    /** The message for {@code code}, sent to {@code recipient} by {@code medium}. */
    public CodeMessage render(DeliveryMedium medium, String recipient, OneTimeCode code, Duration lifetime) {
        String minutes = Long.toString((lifetime.toSeconds() + 59) / 60);
        if (medium == DeliveryMedium.EMAIL) {
            return new CodeMessage(
                    medium, recipient, fill(emailSubject, code, minutes), fill(emailBody, code, minutes));
        }
        return new CodeMessage(medium, recipient, null, fill(smsBody, code, minutes));
    }

    private static String fill(String template, OneTimeCode code, String minutes) {
        return template.replace("{minutes}", minutes).replace("{code}", code.digits());
    }
}
