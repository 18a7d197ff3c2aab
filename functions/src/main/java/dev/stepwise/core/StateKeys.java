package dev.stepwise.core;

/**
 * The keys of the state table's items. Per user ({@link #user}): {@code totp} (the encrypted TOTP secret),
 * {@code totp-used#<timeStep>} (a TOTP step already used), {@code backup#<id>} (one backup code's keyed hash). Per
 * sign-in ({@link #signIn}, bound to pool, user and the nonce in the sealed metadata): {@code choice#<step>} (the
 * option chosen on a selection step), {@code link#<id>} (an email link already used), {@code verdict#<step>#<attempt>}
 * (why an email link was refused, for the next round's {@code error}). The abuse controls' items ({@link AbuseGuard}):
 * per user {@code failures}, {@code lock}, {@code send#cooldown#<channel>}, {@code sends#<channel>#<hour>},
 * {@code send#claim#<round>} (with the round's code sealed), {@code used#<codeHash>}; per pool ({@link #pool}) {@code sms#<hour>}.
 */
public final class StateKeys {
    /** Sort key of the TOTP secret. */
    public static final String TOTP = "totp";
    /** Sort-key prefix of a used TOTP time step. */
    public static final String TOTP_USED = "totp-used#";
    /** Sort-key prefix of a backup code. */
    public static final String BACKUP = "backup#";
    /** Sort-key prefix of a recorded choice. */
    public static final String CHOICE = "choice#";
    /** Sort-key prefix of a used email link. */
    public static final String LINK = "link#";
    /** Sort-key prefix of an email link's refusal reason. */
    public static final String VERDICT = "verdict#";

    /** Sort key of a user's wrong-answer counter. */
    public static final String FAILURES = "failures";
    /** Sort key of a user's count of unfinished sign-ins. */
    public static final String OPEN = "open";
    /** Sort-key prefix of a first round already counted as an open sign-in. */
    public static final String OPENED = "opened#";
    /** Sort key of a user's lockout. */
    public static final String LOCK = "lock";
    /** Sort-key prefix of the send cooldowns and the send claims, so that one query finds both. */
    public static final String SEND = "send#";
    /** Sort-key prefix of a send cooldown, per channel. */
    public static final String COOLDOWN = SEND + "cooldown#";
    /** Sort-key prefix of an hourly send counter, per channel and hour. */
    public static final String SENDS = "sends#";
    /** Sort-key prefix of a round's send claim. */
    public static final String CLAIM = SEND + "claim#";
    /** Sort-key prefix of a one-time code already answered correctly (its keyed hash follows). */
    public static final String USED = "used#";
    /** Sort-key prefix of an unknown username's decoy destination, per medium. */
    public static final String DECOY = "decoy#";
    /** Sort-key prefix of a pool's hourly SMS counter. */
    public static final String SMS = "sms#";

    private StateKeys() {}

    /** Partition key of a user pool's shared counters. */
    public static String pool(String userPoolId) {
        return "pool#" + userPoolId;
    }

    /** Partition key of a user's enrolments. */
    public static String user(String userPoolId, String userName) {
        return "user#" + userPoolId + "#" + userName;
    }

    /** Partition key of one sign-in's items. */
    public static String signIn(String userPoolId, String userName, String nonce) {
        return "signin#" + userPoolId + "#" + userName + "#" + nonce;
    }
}
