package dev.stepwise.core;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The identity of a way to prove one step of the sign-in chain: its identifier, as written in policies and in the
 * challenge contract's {@code factor} key. Two factors are equal when their identifiers are. What a factor does is
 * its {@link FactorHandler}; this value only names it, so policies, {@link Decision}s and {@link ChallengeMetadata}
 * work the same for the built-in factors (the constants below) and for any factor a team registers.
 *
 * <p>{@link #PASSWORD} runs through Cognito's SRP inside CUSTOM_AUTH and has no handler; the others run as custom
 * challenges.
 */
public final class Factor {
    /** The Cognito password, proved by SRP ({@code SRP_A} then {@code PASSWORD_VERIFIER}); first step only. */
    public static final Factor PASSWORD = new Factor("password");
    /** A one-time code sent by email to the user's verified address ({@link CodeFactor}). */
    public static final Factor EMAIL_CODE = new Factor("email_code");
    /** A one-time code sent by SMS to the user's verified phone number ({@link CodeFactor}). */
    public static final Factor PHONE_CODE = new Factor("phone_code");
    /** A signed, expiring, single-use link sent by email; the answer is its token ({@link EmailLinkFactor}). */
    public static final Factor EMAIL_LINK = new Factor("email_link");
    /** A code from an authenticator app (RFC 6238), with an optional set-up ({@link TotpFactor}). */
    public static final Factor TOTP = new Factor("totp");
    /** A single-use backup code, stored only as keyed hashes ({@link BackupCodeFactor}). */
    public static final Factor BACKUP_CODE = new Factor("backup_code");

    private static final List<Factor> BUILT_INS =
            List.of(PASSWORD, EMAIL_CODE, PHONE_CODE, EMAIL_LINK, TOTP, BACKUP_CODE);

    private final String id;

    private Factor(String id) {
        this.id = id;
    }

    /**
     * The factor with identifier {@code id}: a built-in constant, or a new value for a registered factor.
     *
     * @throws IllegalArgumentException when {@code id} is not 1 to 40 lower-case letters, digits or {@code _},
     *     starting with a letter (the identifier travels in policies, sealed metadata and public parameters)
     */
    public static Factor of(String id) {
        if (id == null || !id.matches("[a-z][a-z0-9_]{0,39}")) {
            throw new IllegalArgumentException("a factor id is 1 to 40 lower-case letters, digits or '_', starting with"
                    + " a letter, e.g. security_question");
        }
        return builtIn(id).orElseGet(() -> new Factor(id));
    }

    /** The built-in factor with this identifier, if any. */
    public static Optional<Factor> fromId(String id) {
        return builtIn(id);
    }

    private static Optional<Factor> builtIn(String id) {
        return BUILT_INS.stream().filter(f -> f.id.equals(id)).findFirst();
    }

    /** The built-in factors, {@link #PASSWORD} first. */
    public static List<Factor> builtIns() {
        return BUILT_INS;
    }

    /** The built-in identifiers, comma separated, for error messages. */
    public static String allIds() {
        return BUILT_INS.stream().map(Factor::id).collect(Collectors.joining(", "));
    }

    /** The identifier used in policies and in the challenge contract, e.g. {@code email_code}. */
    public String id() {
        return id;
    }

    /** Whether this is one of the built-in factors. */
    public boolean builtIn() {
        return BUILT_INS.contains(this);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Factor factor && factor.id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return id;
    }
}
