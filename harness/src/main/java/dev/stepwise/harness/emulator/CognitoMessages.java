package dev.stepwise.harness.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The messages Cognito itself sends (sign-up confirmation, password reset and attribute verification codes), written
 * to the emulator's mailbox as if through SES or SNS, so a test reads them where it reads the triggers' codes; and the
 * codes they carry, one live code per user and purpose (a new one replaces the old). Thread-safe.
 *
 * <p>Texts follow the pool's {@code VerificationMessageTemplate} (or {@code EmailVerificationMessage},
 * {@code EmailVerificationSubject}, {@code SmsVerificationMessage}), else Cognito's defaults; the sender is Cognito's
 * default {@value #FROM}.
 */
final class CognitoMessages {

    /** What a code is for; each has its own lifetime (Cognito: 24 h for sign-up and attributes, 1 h for resets). */
    enum Purpose {
        SIGN_UP(Duration.ofHours(24)),
        RESET_PASSWORD(Duration.ofHours(1)),
        VERIFY_EMAIL(Duration.ofHours(24)),
        VERIFY_PHONE_NUMBER(Duration.ofHours(24));

        final Duration validity;

        Purpose(Duration validity) {
            this.validity = validity;
        }
    }

    static final String FROM = "no-reply@verificationemail.com";
    static final String DEFAULT_SUBJECT = "Your verification code";
    static final String DEFAULT_MESSAGE = "Your verification code is {####}. ";

    private record Pending(String code, Instant expires) {}

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Mailbox mailbox;
    private final Clock clock;
    private final String region;
    private final Map<String, Pending> codes = new ConcurrentHashMap<>();

    CognitoMessages(Mailbox mailbox, Clock clock, String region) {
        this.mailbox = mailbox;
        this.clock = clock;
        this.region = region;
    }

    /**
     * Makes a new code for the user and purpose, sends it to {@code attribute} ({@code email} or {@code phone_number})
     * and returns the {@code CodeDeliveryDetails}.
     */
    ObjectNode sendCode(UserPool pool, UserRecord user, String attribute, Purpose purpose) {
        String code = String.format("%06d", RANDOM.nextInt(1_000_000));
        codes.put(key(pool, user, purpose), new Pending(code, clock.instant().plus(purpose.validity)));
        String destination = user.attributes().get(attribute);
        JsonNode settings = pool.config().settings();
        JsonNode template = settings.path("VerificationMessageTemplate");
        if (attribute.equals("email")) {
            String message = text(template.path("EmailMessage"), settings.path("EmailVerificationMessage"));
            String subject = template.path("EmailSubject").isTextual()
                    ? template.path("EmailSubject").textValue()
                    : settings.path("EmailVerificationSubject").asText(DEFAULT_SUBJECT);
            mailbox.add(new SentEmail(
                    Ids.uuid(),
                    region,
                    FROM,
                    List.of(destination),
                    List.of(),
                    List.of(),
                    subject,
                    message.replace("{####}", code),
                    null,
                    clock.instant().truncatedTo(ChronoUnit.MILLIS)));
        } else {
            String message = text(template.path("SmsMessage"), settings.path("SmsVerificationMessage"));
            mailbox.add(new SentSms(Ids.uuid(), region, destination, message.replace("{####}", code), clock.instant()));
        }
        return deliveryDetails(destination, attribute);
    }

    /**
     * Checks a code and uses it up when it matches.
     *
     * @throws CognitoException CodeMismatchException (wrong or none) or ExpiredCodeException
     */
    void check(UserPool pool, UserRecord user, Purpose purpose, String presented) {
        String key = key(pool, user, purpose);
        Pending pending = codes.get(key);
        if (pending == null
                || !java.security.MessageDigest.isEqual(
                        pending.code().getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                        presented.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
            throw new CognitoException(
                    "CodeMismatchException", "Invalid verification code provided, please try again.");
        }
        if (!clock.instant().isBefore(pending.expires())) {
            codes.remove(key, pending);
            throw new CognitoException("ExpiredCodeException", "Invalid code provided, please request a code again.");
        }
        if (!codes.remove(key, pending)) {
            throw new CognitoException(
                    "CodeMismatchException", "Invalid verification code provided, please try again.");
        }
    }

    /** {@code CodeDeliveryDetails} with a masked destination, as Cognito shows it (e.g. {@code d***@e***}). */
    static ObjectNode deliveryDetails(String destination, String attribute) {
        ObjectNode details = JsonCodec.object();
        details.put("Destination", mask(destination, attribute));
        details.put("DeliveryMedium", attribute.equals("email") ? "EMAIL" : "SMS");
        details.put("AttributeName", attribute);
        return details;
    }

    static String mask(String destination, String attribute) {
        if (destination == null || destination.isEmpty()) {
            return "";
        }
        if (attribute.equals("email")) {
            int at = destination.indexOf('@');
            if (at <= 0 || at == destination.length() - 1) {
                return destination.charAt(0) + "***";
            }
            return destination.charAt(0) + "***@" + destination.charAt(at + 1) + "***";
        }
        int keep = Math.min(4, destination.length());
        return "+" + "*".repeat(Math.max(0, destination.length() - keep - 1))
                + destination.substring(destination.length() - keep);
    }

    private static String text(JsonNode preferred, JsonNode fallback) {
        if (preferred.isTextual()) {
            return preferred.textValue();
        }
        return fallback.isTextual() ? fallback.textValue() : DEFAULT_MESSAGE;
    }

    private static String key(UserPool pool, UserRecord user, Purpose purpose) {
        return pool.id + "/" + user.sub() + "/" + purpose;
    }
}
