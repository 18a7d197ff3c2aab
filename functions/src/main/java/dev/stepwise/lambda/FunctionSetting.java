package dev.stepwise.lambda;

import dev.stepwise.core.AbuseLimits;
import dev.stepwise.core.Limits;
import dev.stepwise.core.Range;
import java.util.Map;

/**
 * Every environment variable the three trigger functions read: its name, its default and what it means. This enum is
 * the only place that reads the environment; {@link FunctionConfig} parses the values once, when a handler is built.
 * The numeric limits take their default and range from the core's records ({@link Limits}, {@link AbuseLimits}), where
 * they are written once; the other defaults are written here.
 */
public enum FunctionSetting {
    /** The sign-in chain: steps separated by {@code >}, alternatives inside a step by {@code |}. */
    STEPWISE_POLICY(
            "email_code", "the chain: steps separated by `>`, alternatives inside a step by `|`, blanks ignored"),
    /** Per app client policies, {@code <clientId>=<policy>;<clientId>=<policy>}. */
    STEPWISE_CLIENT_POLICIES(
            null, "per app client: `<clientId>=<policy>;<clientId>=<policy>` (`callerContext.clientId` picks)"),
    /** What happens to app clients not named in STEPWISE_CLIENT_POLICIES. */
    STEPWISE_UNLISTED_CLIENTS(
            "default",
            "`default` (clients not named in `STEPWISE_CLIENT_POLICIES` use `STEPWISE_POLICY`) or `refuse` (their"
                    + " sign-ins fail)"),
    /** Class names of factors a team registers beside the built-in ones. */
    STEPWISE_CUSTOM_FACTORS(
            null,
            "your own factors: comma-separated class names of `dev.stepwise.core.FactorHandler` implementations with a"
                    + " public no-arg constructor, loaded at init; use their ids in policies (see"
                    + " docs/writing-a-factor.md)"),
    /** Answers allowed per challenge. */
    STEPWISE_MAX_ATTEMPTS(Limits.DEFAULT.maxAttempts(), Limits.ATTEMPTS, "answers allowed per challenge"),
    /** Digits in a code. */
    STEPWISE_CODE_LENGTH(Limits.DEFAULT.codeLength(), Limits.CODE_LENGTH, "digits in a code"),
    /** Code lifetime in seconds. */
    STEPWISE_CODE_TTL_SECONDS(
            Limits.DEFAULT.codeTtl().toSeconds(), Limits.CODE_TTL_SECONDS, "code lifetime in seconds"),
    /** The Secrets Manager secret that holds the Stepwise secret (deployed functions). */
    STEPWISE_SECRET_ARN(
            null,
            "ARN of the Secrets Manager secret holding the Stepwise secret (base64 of >= 32 random bytes), read at"
                    + " init, current and previous version; the deployed way (set this or `STEPWISE_SECRET`)"),
    /** Base64 of at least 32 random bytes: the local and emulator way to pass the Stepwise secret. */
    STEPWISE_SECRET(
            null,
            "base64 of >= 32 random bytes, the key material for round metadata, code hashes and sealed claims; the"
                    + " local and emulator way (set this or `STEPWISE_SECRET_ARN`)"),
    /** SES sender address. */
    STEPWISE_EMAIL_FROM(null, "SES sender address; required when a policy uses `email_code` or `email_link`"),
    /** Email subject. */
    STEPWISE_EMAIL_SUBJECT("Your sign-in code", "email subject; `{code}` and `{minutes}` are replaced"),
    /** Email body. */
    STEPWISE_EMAIL_BODY(
            "Your sign-in code is {code}. It expires in {minutes} minutes. If you did not try to sign in, ignore this"
                    + " message.",
            "email body (plain text); `{code}` and `{minutes}` are replaced"),
    /** SMS body. */
    STEPWISE_SMS_BODY(
            "Your sign-in code is {code}. It expires in {minutes} minutes.",
            "SMS text; `{code}` and `{minutes}` are replaced"),
    /** The DynamoDB state table. */
    STEPWISE_STATE_TABLE(
            null,
            "DynamoDB state table (string keys `pk`/`sk`, TTL `expiresAt`); required when a step has alternatives or a"
                    + " policy uses `totp`, `backup_code` or `email_link`"),
    /** Whether the abuse controls run. */
    STEPWISE_ABUSE_CONTROLS(
            "on",
            "`on` or `off`: lockout across sign-ins and send limits, kept in the state table (so `on` needs"
                    + " `STEPWISE_STATE_TABLE`); `off` is not recommended"),
    /** Wrong answers that lock a user. */
    STEPWISE_LOCKOUT_MAX_FAILURES(
            AbuseLimits.DEFAULT.maxFailures(),
            AbuseLimits.MAX_FAILURES,
            "wrong answers within the lockout window that lock the user, counted across sign-ins"),
    /** The lockout window and lock duration. */
    STEPWISE_LOCKOUT_SECONDS(
            AbuseLimits.DEFAULT.lockout().toSeconds(),
            AbuseLimits.LOCKOUT_SECONDS,
            "the failure window, and how long a lock lasts, in seconds"),
    /** The send cooldown. */
    STEPWISE_SEND_COOLDOWN_SECONDS(
            AbuseLimits.DEFAULT.sendCooldown().toSeconds(),
            AbuseLimits.SEND_COOLDOWN_SECONDS,
            "shortest gap between two codes or links sent to one user on one channel, in seconds"),
    /** The hourly send limit per user and channel. */
    STEPWISE_SENDS_PER_HOUR(
            AbuseLimits.DEFAULT.sendsPerHour(),
            AbuseLimits.SENDS_PER_HOUR,
            "codes or links sent to one user on one channel per clock hour"),
    /** The cap of unfinished sign-ins per user. */
    STEPWISE_MAX_OPEN_SIGN_INS(
            AbuseLimits.DEFAULT.maxOpenSignIns(),
            AbuseLimits.MAX_OPEN_SIGN_INS,
            "unfinished sign-ins per user within the lockout window; a finished sign-in gives its place back"),
    /** The hourly SMS cap per pool. */
    STEPWISE_SMS_PER_HOUR(
            AbuseLimits.DEFAULT.smsPerHour(),
            AbuseLimits.SMS_PER_HOUR,
            "SMS sends per user pool per clock hour, a guard against SMS pumping"),
    /** Whether a TOTP app may be enrolled during sign-in. */
    STEPWISE_TOTP_SETUP(
            "off",
            "`off` or `on`: enrol an authenticator app during sign-in, after an earlier step, for a user without one;"
                    + " the user's other channel is told"),
    /** The passkey relying party id. */
    STEPWISE_WEBAUTHN_RP_ID(
            null,
            "passkeys: the relying party id, the site's registrable domain (`example.com`; `localhost` locally);"
                    + " required when a policy uses `passkey`"),
    /** The web origins allowed to answer passkey challenges. */
    STEPWISE_WEBAUTHN_ORIGINS(
            null,
            "passkeys: the exact origins of the sign-in pages, comma separated (`https://app.example.com`), each"
                    + " under the relying party id; required when a policy uses `passkey`"),
    /** The relying party name shown when a passkey is created. */
    STEPWISE_WEBAUTHN_RP_NAME("Stepwise", "passkeys: the name authenticators show when a passkey is created"),
    /** Whether passkeys must verify the user. */
    STEPWISE_WEBAUTHN_USER_VERIFICATION(
            "required", "passkeys: `required` (PIN or biometrics on every use) or `preferred` (presence alone passes)"),
    /** Whether a passkey may be registered during sign-in. */
    STEPWISE_PASSKEY_SETUP(
            "off",
            "`off` or `on`: register a passkey during sign-in, after an earlier step, for a user without one; the"
                    + " user's other channel is told"),
    /** Whether TOTP secrets sealed before KMS was turned on still open. */
    STEPWISE_LEGACY_TOTP_SECRETS(
            "accept",
            "`accept` or `refuse`: whether TOTP secrets sealed with the Stepwise secret (`v1:`) before"
                    + " `STEPWISE_KMS_KEY_ID` was set still open; `refuse` needs `STEPWISE_KMS_KEY_ID`"),
    /** Issuer shown by authenticator apps. */
    STEPWISE_TOTP_ISSUER("Stepwise", "TOTP issuer shown by authenticator apps (otpauth URI), no `:`"),
    /** Account name in the otpauth label. */
    STEPWISE_TOTP_ACCOUNT(
            "{username}", "TOTP account name in the otpauth URI; `{username}` and `{email}` are replaced"),
    /** The KMS key that encrypts TOTP secrets at rest. */
    STEPWISE_KMS_KEY_ID(
            null,
            "KMS key (id, ARN, `alias/...` or alias ARN) that encrypts TOTP secrets at rest; unset: AES-GCM under a key"
                    + " derived from `STEPWISE_SECRET`. Values sealed before it was set still open"),
    /** The email link's URL. */
    STEPWISE_EMAIL_LINK_URL(
            "http://localhost:3000/sign-in/link?token={token}",
            "URL of the sign-in link; must contain `{token}` (the answer the front-end passes back)"),
    /** The email link's subject. */
    STEPWISE_EMAIL_LINK_SUBJECT("Your sign-in link", "subject of the link email"),
    /** The email link's body. */
    STEPWISE_EMAIL_LINK_BODY(
            "Sign in by opening this link: {link} It expires in {minutes} minutes. If you did not try to sign in,"
                    + " ignore this message.",
            "body of the link email; `{link}` and `{minutes}` are replaced"),
    /** Whether pre token generation refuses tokens to sign-ins that went around the Stepwise triggers. */
    STEPWISE_TOKEN_GUARD(
            "on",
            "`on` or `off`, read by pre token generation: `on` refuses tokens to any sign-in without the mark Define"
                    + " leaves in the state table (password-only flows, the hosted UI); refreshes pass; `off` only adds"
                    + " the factor claims"),
    /** How long a trusted device skips the steps marked for new devices. */
    STEPWISE_DEVICE_TRUST_DAYS(30, new Range(1, 400), "days a device stays trusted after the sign-in that trusted it"),
    /** Endpoint override for the SES v2, SNS, DynamoDB and KMS clients. */
    STEPWISE_AWS_ENDPOINT(
            null,
            "endpoint override for the SES v2, SNS, DynamoDB, KMS and Secrets Manager clients, e.g."
                    + " `http://127.0.0.1:9229`"),
    /** Region of the SES v2 and SNS clients. */
    AWS_REGION(null, "region of the SES v2 and SNS clients (Lambda sets it)"),
    /** Static credentials, used when present. */
    AWS_ACCESS_KEY_ID(
            null,
            "with `AWS_SECRET_ACCESS_KEY` (and `AWS_SESSION_TOKEN`): static credentials (Lambda sets"
                    + " them); else the SDK's default provider chain"),
    /** Static credentials, used when present. */
    AWS_SECRET_ACCESS_KEY(null, "see `AWS_ACCESS_KEY_ID`"),
    /** Static session token, used when present. */
    AWS_SESSION_TOKEN(null, "see `AWS_ACCESS_KEY_ID`");

    private final String defaultValue;
    private final String meaning;
    private final Range range;

    FunctionSetting(String defaultValue, String meaning) {
        this.defaultValue = defaultValue;
        this.meaning = meaning;
        this.range = null;
    }

    FunctionSetting(long defaultValue, Range range, String meaning) {
        this.defaultValue = Long.toString(defaultValue);
        this.meaning = meaning + " (" + range.min() + ".." + range.max() + ")";
        this.range = range;
    }

    /** The whole numbers this setting may take, or {@code null} when it is not a number. */
    public Range range() {
        return range;
    }

    /** The default, or {@code null} when the setting has none. */
    public String defaultValue() {
        return defaultValue;
    }

    /** One line for the configuration table in docs/configuration.md. */
    public String meaning() {
        return meaning;
    }

    /**
     * This setting's value in {@code environment}, trimmed; the default when it is absent or blank.
     *
     * @return the value, or {@code null} when neither a value nor a default exists
     */
    public String read(Map<String, String> environment) {
        String value = environment.get(name());
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        return value.trim();
    }
}
