package dev.stepwise.core;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code totp}: a code from an authenticator app (RFC 6238, {@link Totp}), with an optional set-up during sign-in. The
 * enrolled secret lives in the state table, encrypted with the {@link SecretBox}; each time step is accepted once.
 *
 * <p>Set-up ({@link FactorSettings#totpSetup()}): a new secret is drawn, shown as an {@code otpauthUri} and carried
 * sealed in the round's payload; the first right code enrols it (a conditional write, so two concurrent set-ups
 * enrol one app) and tells the owner of the account by email or SMS. When the owner cannot be told, the enrolment is
 * undone and the answer refused. Thread-safe.
 */
final class TotpFactor implements FactorHandler {
    private static final int SECRET_BYTES = 20;

    private final FactorSettings settings;

    TotpFactor(FactorSettings settings) {
        this.settings = settings;
    }

    @Override
    public String id() {
        return Factor.TOTP.id();
    }

    @Override
    public String stepName() {
        return "CONFIRM_SIGN_IN_WITH_TOTP_CODE";
    }

    @Override
    public String setupStepName() {
        return ChallengeContract.TOTP_SETUP;
    }

    @Override
    public boolean needsState() {
        return true;
    }

    @Override
    public boolean setupAllowed() {
        return settings.totpSetup();
    }

    @Override
    public boolean usable(EnrolmentContext context) {
        return context.state()
                .get(StateKeys.user(context.userPoolId(), context.userName()), StateKeys.TOTP, context.now())
                .isPresent();
    }

    @Override
    public Presentation present(PresentContext context) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(ChallengeContract.CODE_LENGTH, Integer.toString(Totp.DIGITS));
        if (!context.setup()) {
            return Presentation.of(parameters, "");
        }
        String setupContext = setupContext(context.userPoolId(), context.userName(), context.nonce());
        byte[] secret;
        String sealedSecret;
        Instant until = context.expiresAt();
        if (context.reusable() != null) {
            sealedSecret = context.reusable().payload();
            secret = context.secrets().open(sealedSecret, setupContext);
            until = context.reusable().expiresAt();
        } else {
            secret = new byte[SECRET_BYTES];
            context.random().nextBytes(secret);
            sealedSecret = context.secrets().seal(secret, setupContext);
        }
        String email = context.user().email();
        String account = settings.totpAccount()
                .replace("{username}", context.userName())
                .replace("{email}", email == null ? context.userName() : email);
        parameters.put(ChallengeContract.OTPAUTH_URI, Totp.otpauthUri(settings.totpIssuer(), account, secret));
        parameters.put(ChallengeContract.EXPIRES_AT, until.toString());
        return new Presentation(parameters, sealedSecret, until, null, false);
    }

    @Override
    public VerifyResult check(CheckContext context) {
        String pk = StateKeys.user(context.userPoolId(), context.userName());
        Instant now = context.now();
        byte[] secret;
        if (context.setup()) {
            if (!now.isBefore(context.expiresAt())) {
                return VerifyResult.wrong("set-up expired");
            }
            secret = context.secrets()
                    .open(context.payload(), setupContext(context.userPoolId(), context.userName(), context.nonce()));
        } else {
            Optional<StateItem> enrolled = context.state().get(pk, StateKeys.TOTP, now);
            if (enrolled.isEmpty()) {
                return VerifyResult.wrong("no authenticator app enrolled");
            }
            secret = context.secrets()
                    .open(enrolled.get().attribute("secret"), secretContext(context.userPoolId(), context.userName()));
        }
        OptionalLong matched = Totp.match(secret, context.answer(), now);
        if (matched.isEmpty()) {
            return VerifyResult.wrong("wrong code");
        }
        Instant usedUntil = Instant.ofEpochSecond((matched.getAsLong() + Totp.DRIFT_STEPS + 2) * Totp.STEP.toSeconds());
        if (!context.state()
                .putIfAbsent(new StateItem(pk, StateKeys.TOTP_USED + matched.getAsLong(), Map.of(), usedUntil), now)) {
            return VerifyResult.wrong("code already used");
        }
        return context.setup() ? enrol(context, pk, secret) : VerifyResult.right();
    }

    private static VerifyResult enrol(CheckContext context, String pk, byte[] secret) {
        Map<String, String> item = Map.of(
                "secret",
                context.secrets().seal(secret, secretContext(context.userPoolId(), context.userName())),
                "enrolledAt",
                context.now().toString());
        if (!context.state().putIfAbsent(new StateItem(pk, StateKeys.TOTP, item, null), context.now())) {
            return VerifyResult.wrong("an authenticator app was enrolled meanwhile");
        }
        CodeMessage notice = context.userNotFound() ? null : EnrolmentNotice.forUser(context.user());
        try {
            if (notice == null) {
                throw new IllegalStateException("no verified email or phone number to notify");
            }
            context.sendNotice(notice);
        } catch (RuntimeException e) {
            context.state().deleteIfPresent(pk, StateKeys.TOTP);
            return VerifyResult.wrong(
                    "the user could not be told of the new authenticator app, so it was not enrolled");
        }
        return VerifyResult.right();
    }

    private static String setupContext(String userPoolId, String userName, String nonce) {
        return "totp-setup|" + userPoolId + "|" + userName + "|" + nonce;
    }

    private static String secretContext(String userPoolId, String userName) {
        return "totp|" + userPoolId + "|" + userName;
    }
}
