package dev.stepwise.core;

/**
 * Settings of the factors beyond codes: the TOTP issuer and account name, and the email link's URL and message.
 *
 * @param totpIssuer the issuer shown by authenticator apps (otpauth {@code issuer})
 * @param totpAccount the account name in the otpauth label: {@code {username}} and {@code {email}} are replaced
 * @param linkUrl the link's URL; {@code {token}} is replaced by the URL-safe token
 * @param linkSubject the link email's subject
 * @param linkBody the link email's body; {@code {link}} and {@code {minutes}} are replaced
 * @param totpSetup whether a user without an authenticator app may enrol one during sign-in, after an earlier step;
 *     off by default, because whoever passed the earlier step (a phished password, a read mailbox) could otherwise
 *     enrol their own app
 * @param deviceTrust how long a trusted device skips the steps marked {@code @new_device}
 */
public record FactorSettings(
        String totpIssuer,
        String totpAccount,
        String linkUrl,
        String linkSubject,
        String linkBody,
        boolean totpSetup,
        java.time.Duration deviceTrust) {
    /** How long a device stays trusted unless told otherwise: 30 days. */
    public static final java.time.Duration DEFAULT_DEVICE_TRUST = java.time.Duration.ofDays(30);

    /** Defaults for tests and the emulator. */
    public static final FactorSettings DEFAULT = new FactorSettings(
            "Stepwise",
            "{username}",
            "http://localhost:3000/sign-in/link?token={token}",
            "Your sign-in link",
            "Sign in by opening this link: {link} It expires in {minutes} minutes. If you did not try to sign in,"
                    + " ignore this message.",
            false);

    /** {@link #DEFAULT} with TOTP set-up during sign-in turned on. */
    public static final FactorSettings WITH_TOTP_SETUP = new FactorSettings(
            DEFAULT.totpIssuer(),
            DEFAULT.totpAccount(),
            DEFAULT.linkUrl(),
            DEFAULT.linkSubject(),
            DEFAULT.linkBody(),
            true);

    /** Settings with devices trusted for {@link #DEFAULT_DEVICE_TRUST}. */
    public FactorSettings(
            String totpIssuer,
            String totpAccount,
            String linkUrl,
            String linkSubject,
            String linkBody,
            boolean totpSetup) {
        this(totpIssuer, totpAccount, linkUrl, linkSubject, linkBody, totpSetup, DEFAULT_DEVICE_TRUST);
    }

    /** Checks the placeholders; messages name the text to fix (the functions' settings say which setting). */
    public FactorSettings {
        if (deviceTrust == null || deviceTrust.isNegative() || deviceTrust.isZero()) {
            throw new ConfigurationException("the device trust lifetime must be positive, e.g. 30 days");
        }
        if (totpIssuer == null || totpIssuer.isBlank() || totpIssuer.contains(":")) {
            throw new ConfigurationException("the TOTP issuer is empty or contains ':': set a name such as MyApp");
        }
        if (totpAccount == null || totpAccount.isBlank()) {
            throw new ConfigurationException("the TOTP account name is empty: use {username} or {email}");
        }
        if (linkUrl == null || !linkUrl.contains("{token}") || !linkUrl.matches("https?://.+")) {
            throw new ConfigurationException("the email link URL must be an http(s) URL containing {token}, e.g."
                    + " https://app.example.com/sign-in/link?token={token}");
        }
        if (linkBody == null || !linkBody.contains("{link}")) {
            throw new ConfigurationException(
                    "the email link body does not contain {link}: put {link} where the link should appear");
        }
        if (linkSubject == null || linkSubject.isBlank()) {
            throw new ConfigurationException("the email link subject is empty: set a subject");
        }
    }
}
