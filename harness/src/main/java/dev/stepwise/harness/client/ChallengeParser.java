package dev.stepwise.harness.client;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Turns Cognito's challenge into a {@link NextStep.Challenge}: Stepwise's contract (v1) or Cognito's own. */
final class ChallengeParser {

    private ChallengeParser() {}

    static NextStep.Challenge parse(SignInSession session) {
        Map<String, String> p = session.parameters();
        String challengeName = session.challengeName();
        if ("CUSTOM_CHALLENGE".equals(challengeName)) {
            String stepName = p.getOrDefault("step", SignInStep.CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE.name());
            CodeDeliveryDetails delivery = p.containsKey("deliveryMedium") || p.containsKey("destination")
                    ? new CodeDeliveryDetails(p.get("deliveryMedium"), p.get("destination"))
                    : null;
            return new NextStep.Challenge(
                    SignInStep.fromName(stepName),
                    stepName,
                    p.get("status"),
                    p.get("factor"),
                    splitOptions(p.get("options")),
                    delivery,
                    integer(p.get("attemptsRemaining")),
                    integer(p.get("codeLength")),
                    instant(p.get("expiresAt")),
                    p.get("otpauthUri"),
                    integer(p.get("contractVersion")),
                    session);
        }
        SignInStep step = builtInStep(challengeName);
        String status = step == SignInStep.CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED
                ? "needs_new_password"
                : "needs_second_factor";
        CodeDeliveryDetails delivery = p.containsKey("CODE_DELIVERY_DESTINATION")
                ? new CodeDeliveryDetails(p.get("CODE_DELIVERY_DELIVERY_MEDIUM"), p.get("CODE_DELIVERY_DESTINATION"))
                : null;
        return new NextStep.Challenge(
                step,
                step == SignInStep.UNKNOWN ? challengeName : step.name(),
                status,
                builtInFactor(challengeName),
                splitOptions(stripJsonArray(p.get("MFAS_CAN_CHOOSE"))),
                delivery,
                null,
                null,
                null,
                null,
                null,
                session);
    }

    /** The {@code ChallengeResponses} key that carries the answer to this Cognito challenge. */
    static String answerKey(String challengeName) {
        return switch (challengeName) {
            case "SMS_MFA" -> "SMS_MFA_CODE";
            case "EMAIL_OTP" -> "EMAIL_OTP_CODE";
            case "SOFTWARE_TOKEN_MFA" -> "SOFTWARE_TOKEN_MFA_CODE";
            case "NEW_PASSWORD_REQUIRED" -> "NEW_PASSWORD";
            default -> "ANSWER";
        };
    }

    private static SignInStep builtInStep(String challengeName) {
        return switch (challengeName) {
            case "SMS_MFA", "SMS_OTP" -> SignInStep.CONFIRM_SIGN_IN_WITH_SMS_CODE;
            case "EMAIL_OTP" -> SignInStep.CONFIRM_SIGN_IN_WITH_EMAIL_CODE;
            case "SOFTWARE_TOKEN_MFA" -> SignInStep.CONFIRM_SIGN_IN_WITH_TOTP_CODE;
            case "SELECT_MFA_TYPE" -> SignInStep.CONTINUE_SIGN_IN_WITH_MFA_SELECTION;
            case "MFA_SETUP" -> SignInStep.CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION;
            case "NEW_PASSWORD_REQUIRED" -> SignInStep.CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED;
            case "PASSWORD", "PASSWORD_VERIFIER" -> SignInStep.CONFIRM_SIGN_IN_WITH_PASSWORD;
            case "SELECT_CHALLENGE" -> SignInStep.CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION;
            default -> SignInStep.UNKNOWN;
        };
    }

    private static String builtInFactor(String challengeName) {
        return switch (challengeName) {
            case "SMS_MFA", "SMS_OTP" -> "phone_code";
            case "EMAIL_OTP" -> "email_code";
            case "SOFTWARE_TOKEN_MFA" -> "totp";
            case "PASSWORD", "PASSWORD_VERIFIER" -> "password";
            default -> null;
        };
    }

    private static List<String> splitOptions(String options) {
        if (options == null || options.isBlank()) {
            return List.of();
        }
        List<String> result = new ArrayList<>();
        for (String option : options.split(",")) {
            String trimmed = option.strip();
            if (!trimmed.isEmpty()) {
                result.add(trimmed);
            }
        }
        return result;
    }

    private static String stripJsonArray(String array) {
        if (array == null) {
            return null;
        }
        return String.join(
                ",",
                Arrays.stream(array.replaceAll("[\\[\\]\"]", "").split(","))
                        .map(String::strip)
                        .toList());
    }

    private static Integer integer(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Instant instant(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
