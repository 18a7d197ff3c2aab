package dev.stepwise.core;

/**
 * What a client answers in the trusted-device round, the silent round a policy with steps marked for new devices
 * starts with: {@code none} (no credential, nothing to trust), {@code present:<secret>} (the device's credential), or
 * {@code trust:<secret>} (no credential yet; trust this device with a new secret the client drew, once the whole policy
 * is passed). Anything else reads as {@code none}. {@link #toString()} redacts the secret.
 *
 * @param kind what the client says
 * @param secret the device secret, or {@code null} for {@link Kind#NONE}
 */
public record DeviceAnswer(Kind kind, String secret) {
    /** The step name of the trusted-device round in the challenge contract. */
    public static final String STEP = "CONFIRM_SIGN_IN_WITH_DEVICE";
    /** The factor name of the trusted-device round in the challenge contract. */
    public static final String FACTOR = "device";

    private static final String PRESENT = "present:";
    private static final String TRUST = "trust:";

    /** The three answers. */
    public enum Kind {
        /** No credential; do not trust this device. */
        NONE,
        /** The device's credential. */
        PRESENT,
        /** A new secret to trust this device with after the sign-in. */
        TRUST
    }

    /** Checks that a secret comes with {@link Kind#PRESENT} and {@link Kind#TRUST} only, and is well formed. */
    public DeviceAnswer {
        if (kind == null || (kind == Kind.NONE) != (secret == null)) {
            throw new IllegalArgumentException("a secret comes with present and trust only");
        }
        if (secret != null && !TrustedDevices.wellFormed(secret)) {
            throw new IllegalArgumentException("a device secret is 43 base64url characters");
        }
    }

    /** No credential. */
    public static DeviceAnswer none() {
        return new DeviceAnswer(Kind.NONE, null);
    }

    /** Presents {@code secret}. */
    public static DeviceAnswer present(String secret) {
        return new DeviceAnswer(Kind.PRESENT, secret);
    }

    /** Asks to trust this device with {@code secret}. */
    public static DeviceAnswer trust(String secret) {
        return new DeviceAnswer(Kind.TRUST, secret);
    }

    /** Reads an answer; anything malformed is {@link #none()}. */
    public static DeviceAnswer parse(String answer) {
        if (answer != null
                && answer.startsWith(PRESENT)
                && TrustedDevices.wellFormed(answer.substring(PRESENT.length()))) {
            return present(answer.substring(PRESENT.length()));
        }
        if (answer != null && answer.startsWith(TRUST) && TrustedDevices.wellFormed(answer.substring(TRUST.length()))) {
            return trust(answer.substring(TRUST.length()));
        }
        return none();
    }

    /** The answer as the client sends it. */
    public String wire() {
        return switch (kind) {
            case NONE -> "none";
            case PRESENT -> PRESENT + secret;
            case TRUST -> TRUST + secret;
        };
    }

    @Override
    public String toString() {
        return "DeviceAnswer[kind=" + kind + (secret == null ? "" : ", secret=redacted") + "]";
    }
}
