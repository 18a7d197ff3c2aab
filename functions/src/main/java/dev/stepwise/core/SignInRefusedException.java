package dev.stepwise.core;

import java.time.Duration;

/**
 * An abuse control stopped this sign-in: the user is locked out, or a send limit was reached. The trigger lets it
 * propagate, so Cognito answers {@code UserLambdaValidationException "<Trigger> failed with error <message>"} and
 * issues no tokens. The message is written for the person signing in: it says what to do and when, and is the same for
 * unknown usernames (they go through the same accounting), so it reveals nothing about whether the account exists.
 */
public final class SignInRefusedException extends StepwiseException {
    private static final long serialVersionUID = 1L;

    /** Which control refused. */
    public enum Reason {
        /** Too many wrong answers across sign-ins. */
        LOCKED_OUT,
        /** A code was sent to this user on this channel moments ago. */
        SEND_COOLDOWN,
        /** The user's hourly send limit on this channel is reached. */
        SEND_LIMIT,
        /** The user pool's hourly SMS cap is reached. */
        SMS_CAP,
        /** Too many sign-ins of this user are unfinished. */
        TOO_MANY_SIGN_INS
    }

    private final Reason reason;
    private final transient Duration retryAfter;

    SignInRefusedException(Reason reason, Duration retryAfter) {
        super(message(reason, retryAfter));
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    /** Which control refused. */
    public Reason reason() {
        return reason;
    }

    /** How long until the same request can succeed (an upper bound for {@link Reason#SMS_CAP}). */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** Always: the message is written for the person signing in. */
    @Override
    public boolean shownToUser() {
        return true;
    }

    /** The control that refused; the user-facing text adds nothing the log needs. */
    @Override
    public String logDetail() {
        return reason.name();
    }

    private static String message(Reason reason, Duration retryAfter) {
        long seconds = Math.max(1, retryAfter.toSeconds());
        long minutes = Math.max(1, (seconds + 59) / 60);
        String inMinutes = minutes == 1 ? "1 minute" : minutes + " minutes";
        return switch (reason) {
            case LOCKED_OUT -> "Too many failed sign-in attempts. Try again in " + inMinutes + ".";
            case SEND_COOLDOWN -> "A code was sent moments ago. Wait " + seconds
                    + " seconds before asking for another.";
            case SEND_LIMIT -> "Too many codes were requested. Try again in " + inMinutes + ".";
            case SMS_CAP -> "Codes cannot be sent by text message right now. Try again later or choose another way to"
                    + " sign in.";
            case TOO_MANY_SIGN_INS -> "Too many sign-ins are in progress for this account. Finish one, or try again in "
                    + inMinutes + ".";
        };
    }
}
