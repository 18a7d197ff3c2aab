package dev.stepwise.core.passkey;

import dev.stepwise.core.ChallengeContract;
import dev.stepwise.core.CheckContext;
import dev.stepwise.core.CodeMessage;
import dev.stepwise.core.DeliveryMedium;
import dev.stepwise.core.EnrolmentContext;
import dev.stepwise.core.Factor;
import dev.stepwise.core.FactorHandler;
import dev.stepwise.core.PresentContext;
import dev.stepwise.core.Presentation;
import dev.stepwise.core.StateKeys;
import dev.stepwise.core.UserProfile;
import dev.stepwise.core.VerifyResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code passkey}: a WebAuthn assertion with one of the user's passkeys, and with set-up on, the registration of a
 * first passkey during sign-in. Create puts the WebAuthn Level 3 JSON options in the public parameter
 * {@value #PUBLIC_KEY_OPTIONS} and seals the round's random challenge in the payload; Verify checks the browser's
 * JSON with {@link PasskeyVerifier}. Every round draws a new challenge, also after a wrong answer and on a retried
 * Create (Cognito keeps the last Create's parameters, which carry the same challenge as its payload).
 *
 * <p>Unknown users, and users without a passkey, get request options with decoy {@code allowCredentials}
 * ({@link DecoyPasskeys}); their answers are checked all the same against a challenge no passkey signed, and fail.
 *
 * <p>Set-up ({@code setupAllowed}): creation options for a discoverable passkey; a passing registration is stored and
 * the owner is told by email (else SMS); when the notice cannot be sent the passkey is removed and the answer refused,
 * as for TOTP set-up. Thread-safe.
 */
public final class PasskeyFactor implements FactorHandler {
    /** The factor's id in policies and in the contract's {@code factor} key. */
    public static final Factor PASSKEY = Factor.of("passkey");
    /** The public challenge parameter with the WebAuthn JSON options. */
    public static final String PUBLIC_KEY_OPTIONS = "publicKeyOptions";
    /** The step of a passkey sign-in. */
    public static final String STEP = "CONFIRM_SIGN_IN_WITH_PASSKEY";
    /** The step of a passkey set-up. */
    public static final String SETUP_STEP = "CONTINUE_SIGN_IN_WITH_PASSKEY_SETUP";
    /** The subject of the notice sent when a passkey is added during sign-in. */
    public static final String NOTICE_SUBJECT = "A passkey was added to your account";
    /** The text of that notice. */
    public static final String NOTICE_BODY = "A passkey was just added to your account while signing in. If this was"
            + " not you, change your password, remove the passkey and contact support.";

    /** The longest answer checked: {@code RegistrationResponseJSON} with an attestation chain fits. */
    public static final int MAX_PASSKEY_ANSWER_LENGTH = 16_384;

    private static final int CHALLENGE_BYTES = 32;
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();

    private final PasskeySettings settings;
    private final boolean setup;
    private final PasskeyVerifier verifier;
    private final DecoyPasskeys decoys;

    /**
     * Creates the factor.
     *
     * @param setup whether a user without a passkey may register one during sign-in, after an earlier step
     */
    public PasskeyFactor(PasskeySettings settings, boolean setup) {
        this.settings = settings;
        this.setup = setup;
        this.verifier = new PasskeyVerifier(settings);
        this.decoys = new DecoyPasskeys();
    }

    @Override
    public String id() {
        return PASSKEY.id();
    }

    @Override
    public String stepName() {
        return STEP;
    }

    @Override
    public String setupStepName() {
        return SETUP_STEP;
    }

    @Override
    public boolean needsState() {
        return true;
    }

    /** A registration with an attestation certificate chain runs to a few kilobytes of JSON. */
    @Override
    public int maxAnswerLength() {
        return MAX_PASSKEY_ANSWER_LENGTH;
    }

    @Override
    public boolean setupAllowed() {
        return setup;
    }

    @Override
    public boolean usable(EnrolmentContext context) {
        return !context.state()
                .query(StateKeys.user(context.userPoolId(), context.userName()), PasskeyStore.PASSKEY, context.now())
                .isEmpty();
    }

    @Override
    public Presentation present(PresentContext context) {
        byte[] challenge = new byte[CHALLENGE_BYTES];
        context.random().nextBytes(challenge);
        PasskeyStore store = new PasskeyStore(context.state(), context.secrets(), context.random());
        Instant now = context.now();
        PasskeySettings round = roundSettings(context.expiresAt(), now);
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(ChallengeContract.EXPIRES_AT, context.expiresAt().toString());
        if (context.setup()) {
            byte[] handle = context.userNotFound()
                    ? B64URL_DECODER.decode(
                            context.keys().hash("passkey-decoy-handle", context.userPoolId(), context.userName()))
                    : store.userHandle(context.userPoolId(), context.userName(), now);
            handle = Arrays.copyOf(handle, 16);
            parameters.put(
                    PUBLIC_KEY_OPTIONS,
                    PasskeyOptions.creation(
                            challenge,
                            handle,
                            context.userName(),
                            store.descriptors(context.userPoolId(), context.userName(), now),
                            round));
            return Presentation.of(parameters, B64URL.encodeToString(challenge) + ":" + B64URL.encodeToString(handle));
        }
        List<PasskeyOptions.Descriptor> allowed = store.descriptors(context.userPoolId(), context.userName(), now);
        if (context.userNotFound() || allowed.isEmpty()) {
            byte[] decoyKey = B64URL_DECODER.decode(context.keys().hash("passkey-decoy-key", context.userPoolId()));
            allowed = decoys.allowCredentials(decoyKey, context.userPoolId(), context.userName());
        }
        parameters.put(PUBLIC_KEY_OPTIONS, PasskeyOptions.request(challenge, allowed, round));
        return Presentation.of(parameters, B64URL.encodeToString(challenge));
    }

    @Override
    public VerifyResult check(CheckContext context) {
        PasskeyStore store = new PasskeyStore(context.state(), context.secrets(), context.random());
        String[] payload = context.payload().split(":", -1);
        byte[] challenge;
        if (context.payload().isEmpty()) {
            // A decoy round: check against a challenge nobody signed, so the answer takes the same path and fails.
            challenge = new byte[CHALLENGE_BYTES];
            context.random().nextBytes(challenge);
        } else {
            challenge = B64URL_DECODER.decode(payload[0]);
        }
        if (!context.setup()) {
            PasskeyCheck check = verifier.authenticate(
                    store,
                    context.userPoolId(),
                    context.userName(),
                    challenge,
                    context.expiresAt(),
                    context.answer(),
                    context.now());
            return check.passed() ? VerifyResult.right() : VerifyResult.wrong("passkey refused: " + check.reason());
        }
        if (payload.length != 2 || context.userNotFound()) {
            return VerifyResult.wrong("passkey set-up refused: no set-up round");
        }
        PasskeyCheck check = verifier.register(
                store,
                context.userPoolId(),
                context.userName(),
                challenge,
                B64URL_DECODER.decode(payload[1]),
                context.expiresAt(),
                context.answer(),
                context.now());
        if (!check.passed()) {
            return VerifyResult.wrong("passkey set-up refused: " + check.reason());
        }
        CodeMessage notice = notice(context.user());
        try {
            if (notice == null) {
                throw new IllegalStateException("no verified email or phone number to notify");
            }
            context.sendNotice(notice);
        } catch (RuntimeException e) {
            store.remove(
                    context.userPoolId(), context.userName(), check.credential().id());
            return VerifyResult.wrong("the user could not be told of the new passkey, so it was not registered");
        }
        return VerifyResult.right();
    }

    /** The settings of this factor. */
    public PasskeySettings settings() {
        return settings;
    }

    private PasskeySettings roundSettings(Instant expiresAt, Instant now) {
        Duration left = Duration.between(now, expiresAt);
        if (left.isNegative() || left.isZero() || left.compareTo(settings.timeout()) >= 0) {
            return settings;
        }
        return new PasskeySettings(
                settings.rpId(), settings.rpName(), settings.origins(), settings.userVerificationRequired(), left);
    }

    private static CodeMessage notice(UserProfile user) {
        if (user.email() != null) {
            return new CodeMessage(DeliveryMedium.EMAIL, user.email(), NOTICE_SUBJECT, NOTICE_BODY);
        }
        if (user.phoneNumber() != null) {
            return new CodeMessage(DeliveryMedium.SMS, user.phoneNumber(), null, NOTICE_BODY);
        }
        return null;
    }
}
