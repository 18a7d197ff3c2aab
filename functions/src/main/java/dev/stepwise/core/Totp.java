package dev.stepwise.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords as authenticator apps make them (RFC 6238 over RFC 4226): HMAC-SHA1, 6 digits,
 * 30-second steps from the Unix epoch. The time is always passed in, never read from a clock. Thread-safe.
 */
public final class Totp {
    /** Digits in a code. */
    public static final int DIGITS = 6;
    /** Length of one time step. */
    public static final Duration STEP = Duration.ofSeconds(30);
    /** Steps of clock drift accepted either way. */
    public static final int DRIFT_STEPS = 1;

    private Totp() {}

    /** The time step that contains {@code time}. */
    public static long counter(Instant time) {
        return Math.floorDiv(time.getEpochSecond(), STEP.toSeconds());
    }

    /** The code for {@code secret} at {@code time}, {@value #DIGITS} digits with leading zeros. */
    public static String code(byte[] secret, Instant time) {
        return code(secret, counter(time), DIGITS, "HmacSHA1");
    }

    /**
     * The HOTP value (RFC 4226 §5.3) for {@code counter}: dynamic truncation of the HMAC, modulo 10^digits.
     *
     * @param algorithm {@code HmacSHA1}, {@code HmacSHA256} or {@code HmacSHA512}
     */
    static String code(byte[] secret, long counter, int digits, String algorithm) {
        byte[] hash;
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret, "RAW"));
            hash = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available in this JVM", e);
        }
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24)
                | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8)
                | (hash[offset + 3] & 0xff);
        int modulus = (int) Math.pow(10, digits);
        return String.format("%0" + digits + "d", binary % modulus);
    }

    /**
     * The time step whose code {@code answer} is, within {@value #DRIFT_STEPS} step either side of {@code now}.
     * Every candidate is computed and compared in constant time ({@link MessageDigest#isEqual}), so the time taken does
     * not depend on which step, if any, matched.
     *
     * @return the matching step (the caller refuses a step already used), or empty
     */
    public static OptionalLong match(byte[] secret, String answer, Instant now) {
        if (answer == null || !answer.matches("[0-9]{" + DIGITS + "}")) {
            return OptionalLong.empty();
        }
        byte[] given = answer.getBytes(StandardCharsets.US_ASCII);
        long current = counter(now);
        long matched = Long.MIN_VALUE;
        for (long step = current - DRIFT_STEPS; step <= current + DRIFT_STEPS; step++) {
            byte[] expected = code(secret, step, DIGITS, "HmacSHA1").getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(expected, given)) {
                matched = step;
            }
        }
        return matched == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(matched);
    }

    /**
     * The {@code otpauth://totp/} URI that authenticator apps scan (Key Uri Format): label {@code issuer:account},
     * parameters {@code secret} (base32, no padding), {@code issuer}, {@code algorithm=SHA1}, {@code digits=6},
     * {@code period=30}.
     */
    public static String otpauthUri(String issuer, String account, byte[] secret) {
        String label = encode(issuer) + ":" + encode(account);
        return "otpauth://totp/" + label + "?secret=" + Base32.encode(secret) + "&issuer=" + encode(issuer)
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP.toSeconds();
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
