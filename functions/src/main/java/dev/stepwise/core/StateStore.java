package dev.stepwise.core;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The state table: what a sign-in needs across rounds and across sign-ins (the choice made on a selection step, used
 * email links and TOTP steps, TOTP secrets, backup-code hashes). Items are keyed by a partition key {@code pk} and a
 * sort key {@code sk} and may expire; an expired item is treated as absent even before the store deletes it.
 *
 * <p>Implementations: {@code dev.stepwise.lambda.aws.DynamoDbStateStore} (DynamoDB; the emulator and the tests use the
 * same adapter). Every method throws {@link StateStoreException} when the store cannot answer; the flow then fails the
 * trigger, so a sign-in never gets tokens on a state error (fail closed). Implementations are thread-safe.
 */
public interface StateStore {
    /** The item at {@code pk}/{@code sk} unless absent or expired at {@code now}; read strongly consistent. */
    Optional<StateItem> get(String pk, String sk, Instant now);

    /**
     * Writes {@code item} only if no live item has its key (a conditional write).
     *
     * @return {@code true} when written, {@code false} when a live item was already there
     */
    boolean putIfAbsent(StateItem item, Instant now);

    /** Writes {@code item}, replacing any item with its key. */
    void put(StateItem item);

    /**
     * Deletes the item at {@code pk}/{@code sk} only if it exists (a conditional delete), so that of two concurrent
     * callers exactly one succeeds.
     *
     * @return {@code true} when this call deleted it
     */
    boolean deleteIfPresent(String pk, String sk);

    /** The live items of {@code pk} whose sort key starts with {@code skPrefix}, in sort-key order. */
    List<StateItem> query(String pk, String skPrefix, Instant now);

    /**
     * Adds one to the counter at {@code pk}/{@code sk}, atomically, and returns the new count. A counter that is absent
     * or expired at {@code now} starts again at 1 and expires at {@code expiresAt}; a live counter keeps its expiry.
     * The count is the item's {@value #COUNT} attribute (a number in DynamoDB, its decimal text in {@link StateItem}).
     */
    long increment(String pk, String sk, Instant expiresAt, Instant now);

    /**
     * Adds one to the counter at {@code pk}/{@code sk} only if the result stays at most {@code limit}, atomically (a
     * conditional update), so that of any number of concurrent callers at most {@code limit} per window succeed. A
     * counter that is absent or expired starts again at 1 and expires at {@code expiresAt}; a live one keeps its
     * expiry.
     *
     * @return the new count, or {@code -1} when the live counter is already at {@code limit} (nothing changed)
     */
    long incrementUpTo(String pk, String sk, long limit, Instant expiresAt, Instant now);

    /**
     * Takes one off the live counter at {@code pk}/{@code sk} if it is above zero, atomically: gives back what
     * {@link #incrementUpTo} reserved.
     *
     * @return whether a unit was given back
     */
    boolean decrement(String pk, String sk, Instant now);

    /** The attribute that {@link #increment} counts in. */
    String COUNT = "count";
}
