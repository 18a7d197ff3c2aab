package dev.stepwise.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A one-time numeric code sent by email ({@code email_code}) or SMS ({@code phone_code}) to the user's verified
 * address or number. The code is drawn at random, claimed for the round (so a retried Create sends nothing new), sent,
 * and kept only as a keyed hash bound to the pool, user, step, factor and expiry ({@link CodeHasher}). A wrong answer
 * gets the same code again while it is valid; a right one is marked used in the state table, when there is one, and
 * never accepted again. Needs no state table of its own. Thread-safe.
 */
final class CodeFactor implements FactorHandler {
    private final Factor factor;
    private final DeliveryMedium medium;
    private final String stepName;
    private final MessageTemplates templates;

    private CodeFactor(Factor factor, DeliveryMedium medium, String stepName, MessageTemplates templates) {
        this.factor = factor;
        this.medium = medium;
        this.stepName = stepName;
        this.templates = templates;
    }

    /** {@code email_code}: the code goes by email, rendered with {@code templates}. */
    static CodeFactor email(MessageTemplates templates) {
        return new CodeFactor(Factor.EMAIL_CODE, DeliveryMedium.EMAIL, "CONFIRM_SIGN_IN_WITH_EMAIL_CODE", templates);
    }

    /** {@code phone_code}: the code goes by SMS, rendered with {@code templates}. */
    static CodeFactor sms(MessageTemplates templates) {
        return new CodeFactor(Factor.PHONE_CODE, DeliveryMedium.SMS, "CONFIRM_SIGN_IN_WITH_SMS_CODE", templates);
    }

    @Override
    public String id() {
        return factor.id();
    }

    @Override
    public String stepName() {
        return stepName;
    }

    @Override
    public boolean usable(EnrolmentContext context) {
        return destination(context.user()) != null;
    }

    private String destination(UserProfile user) {
        return medium == DeliveryMedium.EMAIL ? user.email() : user.phoneNumber();
    }

    @Override
    public Presentation present(PresentContext context) {
        Presentation presentation;
        if (context.reusable() != null) {
            presentation = Presentation.reused(Map.of(), context.reusable());
        } else {
            SendClaim claim = context.claim(
                    context.codes().random(context.limits().codeLength()).digits());
            OneTimeCode code = new OneTimeCode(claim.secret());
            String hash = new CodeHasher(context.stepwiseKeys())
                    .hash(context.userPoolId(), context.userName(), context.step(), factor, claim.expiresAt(), code);
            String recipient = context.userNotFound() ? null : destination(context.user());
            boolean sent = context.send(
                    claim,
                    medium,
                    () -> templates.render(
                            medium, recipient, code, context.limits().codeTtl()));
            presentation = Presentation.claimed(Map.of(), hash, claim, sent);
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(ChallengeContract.DELIVERY_MEDIUM, medium.name());
        parameters.put(
                ChallengeContract.DESTINATION,
                context.maskedDestination(medium, context.userNotFound() ? null : destination(context.user())));
        parameters.put(
                ChallengeContract.CODE_LENGTH, Integer.toString(context.limits().codeLength()));
        parameters.put(ChallengeContract.EXPIRES_AT, presentation.expiresAt().toString());
        return new Presentation(
                parameters,
                presentation.payload(),
                presentation.expiresAt(),
                presentation.nonce(),
                presentation.sent());
    }

    @Override
    public VerifyResult check(CheckContext context) {
        String answer = context.answer();
        if (!answer.matches("[0-9]{4,10}")) {
            return VerifyResult.wrong("answer is not a code of 4 to 10 digits");
        }
        if (!context.now().isBefore(context.expiresAt())) {
            return VerifyResult.wrong("code expired");
        }
        boolean correct = new CodeHasher(context.stepwiseKeys())
                .matches(
                        context.userPoolId(),
                        context.userName(),
                        context.step(),
                        factor,
                        context.expiresAt(),
                        answer,
                        context.payload());
        if (!correct) {
            return VerifyResult.wrong("wrong code");
        }
        if (context.hasState()
                && !context.state()
                        .putIfAbsent(
                                new StateItem(
                                        StateKeys.user(context.userPoolId(), context.userName()),
                                        StateKeys.USED + context.payload(),
                                        Map.of(),
                                        context.expiresAt()),
                                context.now())) {
            return VerifyResult.wrong("code already used");
        }
        return VerifyResult.right();
    }
}
