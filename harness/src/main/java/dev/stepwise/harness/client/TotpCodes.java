package dev.stepwise.harness.client;

import dev.stepwise.core.Base32;
import dev.stepwise.core.Totp;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays the user's authenticator app in tests: the TOTP code (RFC 6238: HMAC-SHA1, 6 digits, 30-second steps, as the
 * bundled triggers check it) for a set-up challenge's {@code otpauth://} URI or for a secret enrolled earlier.
 *
 * <pre>{@code
 * NextStep.Challenge setup = ...; // CONTINUE_SIGN_IN_WITH_TOTP_SETUP
 * String secret = TotpCodes.secret(setup); // keep it for later sign-ins
 * client.answer(setup, TotpCodes.current(setup));
 * ...
 * client.answer(totpStep, TotpCodes.current(secret));
 * }</pre>
 *
 * <p>The triggers refuse a code whose time step was already used, so a test that signs in twice within 30 seconds gets
 * a wrong-answer challenge for the second code and must wait for the next step ({@link #next(String, Instant)} says
 * when it starts). Stateless and thread-safe.
 */
public final class TotpCodes {

    private static final Pattern SECRET = Pattern.compile("[?&]secret=([A-Za-z2-7=]+)");

    private TotpCodes() {}

    /**
     * The code for now from a TOTP set-up challenge.
     *
     * @throws IllegalArgumentException if the challenge has no {@code otpauth://} URI with a secret
     */
    public static String current(NextStep.Challenge setup) {
        return current(secret(setup));
    }

    /**
     * The code for now from a Base32 secret or an {@code otpauth://} URI.
     *
     * @throws IllegalArgumentException if {@code secret} is neither
     */
    public static String current(String secret) {
        return at(secret, Instant.now());
    }

    /**
     * The code at {@code time} from a Base32 secret or an {@code otpauth://} URI.
     *
     * @throws IllegalArgumentException if {@code secret} is neither
     */
    public static String at(String secret, Instant time) {
        Objects.requireNonNull(time, "time");
        return Totp.code(bytes(secret), time);
    }

    /** When the time step after the one holding {@code time} begins: the first moment a different code is valid. */
    public static Instant next(Instant time) {
        long step = Totp.STEP.getSeconds();
        return Instant.ofEpochSecond((Math.floorDiv(time.getEpochSecond(), step) + 1) * step);
    }

    /**
     * The Base32 secret of a TOTP set-up challenge, what an authenticator app stores when it scans the QR code.
     *
     * @throws IllegalArgumentException if the challenge has no {@code otpauth://} URI with a secret
     */
    public static String secret(NextStep.Challenge setup) {
        Objects.requireNonNull(setup, "setup");
        if (setup.otpauthUri() == null) {
            throw new IllegalArgumentException("challenge " + setup.stepName()
                    + " has no otpauth URI; only a TOTP set-up (CONTINUE_SIGN_IN_WITH_TOTP_SETUP) carries one");
        }
        return secretOf(setup.otpauthUri());
    }

    private static byte[] bytes(String secret) {
        Objects.requireNonNull(secret, "secret");
        String base32 = secret.startsWith("otpauth://") ? secretOf(secret) : secret;
        String normalised = base32.replace(" ", "").replace("=", "").toUpperCase(Locale.ROOT);
        if (normalised.isEmpty() || !normalised.matches("[A-Z2-7]+")) {
            throw new IllegalArgumentException(
                    "not a Base32 TOTP secret or otpauth URI; pass TotpCodes.secret(setupChallenge) or the URI");
        }
        return Base32.decode(normalised);
    }

    private static String secretOf(String otpauthUri) {
        Matcher matcher = SECRET.matcher(otpauthUri);
        if (!otpauthUri.startsWith("otpauth://") || !matcher.find()) {
            throw new IllegalArgumentException("not an otpauth URI with a secret parameter");
        }
        return matcher.group(1).replace("=", "").toUpperCase(Locale.ROOT);
    }
}
