package dev.stepwise.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The abuse controls, kept in the state table so that they hold across sign-ins, containers and Cognito's retries.
 * Keys (see {@link StateKeys}): per user, {@code failures} (a counter of guesses reserved and not given back, that is
 * wrong answers, expiring one window after the first), {@code open} (unfinished sign-ins), {@code lock} (present while the user is locked out), {@code send#cooldown#<channel>} (present for the cooldown
 * after a send), {@code sends#<channel>#<hour>} (a counter per clock hour) and {@code send#claim#<round>} (the claim that
 * makes a retried Create skip a send already made); per pool, {@code sms#<hour>} (the SMS cap's counter).
 *
 * <p>Unknown usernames go through exactly the same calls, so their answers and timings match a real user's. Every
 * method throws {@link StateStoreException} when the table cannot answer; the trigger then fails (closed). Thread-safe.
 */
final class AbuseGuard {
    /** How long a send claim lasts: longer than Cognito's three 5-second attempts, shorter than the cooldown's use. */
    static final Duration CLAIM_TTL = Duration.ofSeconds(20);

    private final StateStore state;
    private final AbuseLimits limits;

    AbuseGuard(StateStore state, AbuseLimits limits) {
        this.state = state;
        this.limits = limits;
    }

    /**
     * Throws when the user is locked out.
     *
     * @throws SignInRefusedException with {@link SignInRefusedException.Reason#LOCKED_OUT}
     */
    void checkNotLocked(String userPoolId, String userName, Instant now) {
        Optional<StateItem> lock = state.get(StateKeys.user(userPoolId, userName), StateKeys.LOCK, now);
        if (lock.isPresent()) {
            throw new SignInRefusedException(
                    SignInRefusedException.Reason.LOCKED_OUT,
                    Duration.between(now, lock.get().expiresAt()));
        }
    }

    /**
     * Counts a wrong answer that Verify did not see (a wrong password, checked by Cognito itself); when it makes the
     * maximum within the window, locks the user for the window.
     */
    void recordFailure(String userPoolId, String userName, Instant now) {
        String pk = StateKeys.user(userPoolId, userName);
        long failures = state.increment(pk, StateKeys.FAILURES, now.plus(limits.lockout()), now);
        if (failures >= limits.maxFailures()) {
            lock(pk, failures, now);
        }
    }

    /**
     * Reserves one guess before Verify checks an answer: a conditional increment of the failure count that succeeds
     * only while the count stays within the maximum, so that under any interleaving at most that many answers per
     * window are checked. {@link #settleGuess} gives it back when the answer was right.
     *
     * @return the count with this guess
     * @throws SignInRefusedException with {@link SignInRefusedException.Reason#LOCKED_OUT} when the user is locked or
     *     every guess of the window is taken
     */
    long reserveGuess(String userPoolId, String userName, Instant now) {
        checkNotLocked(userPoolId, userName, now);
        String pk = StateKeys.user(userPoolId, userName);
        long count = state.incrementUpTo(pk, StateKeys.FAILURES, limits.maxFailures(), now.plus(limits.lockout()), now);
        if (count < 0) {
            Instant until = state.get(pk, StateKeys.FAILURES, now)
                    .map(StateItem::expiresAt)
                    .orElse(now.plus(limits.lockout()));
            throw new SignInRefusedException(SignInRefusedException.Reason.LOCKED_OUT, Duration.between(now, until));
        }
        return count;
    }

    /** Gives back a right answer's guess, or, when a wrong answer used up the last one, locks the user. */
    void settleGuess(String userPoolId, String userName, boolean correct, long count, Instant now) {
        String pk = StateKeys.user(userPoolId, userName);
        if (correct) {
            state.decrement(pk, StateKeys.FAILURES, now);
        } else if (count >= limits.maxFailures()) {
            lock(pk, count, now);
        }
    }

    private void lock(String pk, long failures, Instant now) {
        state.put(new StateItem(
                pk, StateKeys.LOCK, Map.of("failures", Long.toString(failures)), now.plus(limits.lockout())));
        // Whoever made the guesses may sit at one of the user's trusted devices: a lockout ends every device's trust.
        for (StateItem device : state.query(pk, TrustedDevices.DEVICE, now)) {
            state.deleteIfPresent(pk, device.sk());
        }
    }

    /**
     * Counts a new sign-in of the user (its first custom round) against the cap of unfinished sign-ins; a finished
     * sign-in gives its place back ({@link #endSignIn}), an abandoned one when the lockout window ends. A Create that
     * Cognito retries finds the round's marker and does not count again; so does a second sign-in opened within the
     * claim's lifetime, which shares the first one's round (see {@link SendClaims}).
     *
     * @param round the round's id ({@link SendClaims#roundId})
     *
     * @throws SignInRefusedException with {@link SignInRefusedException.Reason#TOO_MANY_SIGN_INS} over the cap
     */
    void openSignIn(String userPoolId, String userName, String round, Instant now) {
        String pk = StateKeys.user(userPoolId, userName);
        if (!state.putIfAbsent(new StateItem(pk, StateKeys.OPENED + round, Map.of(), now.plus(CLAIM_TTL)), now)) {
            return;
        }
        if (state.incrementUpTo(pk, StateKeys.OPEN, limits.maxOpenSignIns(), now.plus(limits.lockout()), now) < 0) {
            state.deleteIfPresent(pk, StateKeys.OPENED + round);
            Instant until =
                    state.get(pk, StateKeys.OPEN, now).map(StateItem::expiresAt).orElse(now.plus(limits.lockout()));
            throw new SignInRefusedException(
                    SignInRefusedException.Reason.TOO_MANY_SIGN_INS, Duration.between(now, until));
        }
    }

    /**
     * Clears the failure count after a successful sign-in, the send cooldowns (whoever finished a sign-in received
     * the message, so the cooldown's guard against message bombing has done its work; the hourly count stays), and the
     * user's send claims: the sign-in they belonged to is
     * over, so a new sign-in started at once gets its own round (and, for an email link, its own nonce) instead of
     * being taken for a retry of the finished one.
     */
    void recordSuccess(String userPoolId, String userName, Instant now) {
        String pk = StateKeys.user(userPoolId, userName);
        state.deleteIfPresent(pk, StateKeys.FAILURES);
        // Deleting the open count gives back this sign-in's place (and any abandoned one's): nothing to decrement.
        state.deleteIfPresent(pk, StateKeys.OPEN);
        for (StateItem send : state.query(pk, StateKeys.SEND, now)) {
            state.deleteIfPresent(pk, send.sk());
        }
    }

    /**
     * Gives back a failed sign-in's place among the open ones and drops the user's send claims, so that the next
     * sign-in draws its own code instead of being taken for a retry of the finished one. The cooldowns stay.
     */
    void endSignIn(String userPoolId, String userName, Instant now) {
        String pk = StateKeys.user(userPoolId, userName);
        state.decrement(pk, StateKeys.OPEN, now);
        for (StateItem send : state.query(pk, StateKeys.SEND, now)) {
            if (send.sk().startsWith(StateKeys.CLAIM)) {
                state.deleteIfPresent(pk, send.sk());
            }
        }
    }

    /**
     * Claims the send of one round. A retried Create of the same round finds the claim and sends nothing again.
     *
     * @param round identifies the round the same way in every retry of its Create
     * @param attributes what a retry needs (see {@link SendClaims}), kept in the claim
     * @return empty when this call made the claim (go on and send); else the claim an earlier attempt made
     */
    Optional<StateItem> claimSend(
            String userPoolId, String userName, String round, Map<String, String> attributes, Instant now) {
        String pk = StateKeys.user(userPoolId, userName);
        StateItem claim = new StateItem(pk, StateKeys.CLAIM + round, attributes, now.plus(CLAIM_TTL));
        if (state.putIfAbsent(claim, now)) {
            return Optional.empty();
        }
        // A claim that vanished between the two calls (it expired, or its sign-in finished) lets this attempt send.
        return state.get(pk, StateKeys.CLAIM + round, now);
    }

    /** Gives up a claim after a refused or failed send, so that a later attempt may send. */
    void releaseSend(String userPoolId, String userName, String round) {
        state.deleteIfPresent(StateKeys.user(userPoolId, userName), StateKeys.CLAIM + round);
    }

    /**
     * Gives back the cooldown after a send that failed, so that the user may try again at once; the hourly count is
     * kept, so failures still use up the hour's sends.
     */
    void refundCooldown(String userPoolId, String userName, DeliveryMedium medium) {
        if (!limits.sendCooldown().isZero()) {
            state.deleteIfPresent(StateKeys.user(userPoolId, userName), StateKeys.COOLDOWN + medium.name());
        }
    }

    /**
     * Counts a send to the user on {@code medium} against the cooldown, the hourly limit and, for SMS, the pool's cap.
     *
     * @throws SignInRefusedException when a limit stops the send
     */
    void admitSend(String userPoolId, String userName, DeliveryMedium medium, Instant now) {
        String pk = StateKeys.user(userPoolId, userName);
        if (!limits.sendCooldown().isZero()) {
            StateItem cooldown =
                    new StateItem(pk, StateKeys.COOLDOWN + medium.name(), Map.of(), now.plus(limits.sendCooldown()));
            if (!state.putIfAbsent(cooldown, now)) {
                Instant until = state.get(pk, cooldown.sk(), now)
                        .map(StateItem::expiresAt)
                        .orElse(now.plusSeconds(1));
                throw new SignInRefusedException(
                        SignInRefusedException.Reason.SEND_COOLDOWN, Duration.between(now, until));
            }
        }
        long hour = now.getEpochSecond() / 3600;
        Instant hourEnd = Instant.ofEpochSecond((hour + 1) * 3600);
        long sends = state.increment(pk, StateKeys.SENDS + medium.name() + "#" + hour, hourEnd.plusSeconds(60), now);
        if (sends > limits.sendsPerHour()) {
            throw new SignInRefusedException(SignInRefusedException.Reason.SEND_LIMIT, Duration.between(now, hourEnd));
        }
        if (medium == DeliveryMedium.SMS) {
            long pool = state.increment(StateKeys.pool(userPoolId), StateKeys.SMS + hour, hourEnd.plusSeconds(60), now);
            if (pool > limits.smsPerHour()) {
                throw new SignInRefusedException(SignInRefusedException.Reason.SMS_CAP, Duration.between(now, hourEnd));
            }
        }
    }
}
