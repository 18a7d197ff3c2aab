package dev.stepwise.core;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The token guard's marks in the state table: Define {@link #leave leaves} one when it lets Cognito issue tokens, and
 * pre token generation {@link #take takes} it, so tokens are issued only for sign-ins that passed the Stepwise
 * triggers. A mark is bound to the pool, the user and the app client, lives {@link #LIFETIME} (Cognito runs pre token
 * generation right after Define, within the same API call), and works once: taking it is a conditional delete, so of
 * two concurrent callers exactly one gets it.
 *
 * <p>Items: per user ({@link StateKeys#user}) {@code mark#<clientId>#<random id>}, so concurrent sign-ins of one user
 * each leave their own mark. Every method throws {@link StateStoreException} when the table cannot answer; callers
 * then refuse tokens (fail closed). Thread-safe.
 */
public final class SignInMarks {
    /** How long a mark waits to be taken. */
    public static final Duration LIFETIME = Duration.ofSeconds(60);

    static final String MARK = "mark#";
    private static final String FACTORS = "factors";
    private static final String LAST_STEP_AT = "lastStepAt";
    private static final String DEVICE = "device";
    private static final String NO_CLIENT = "-";

    private final StateStore store;
    private final SecureRandom random;

    /**
     * Marks kept in {@code store}.
     *
     * @param random draws the marks' ids
     */
    public SignInMarks(StateStore store, SecureRandom random) {
        if (store == null || random == null) {
            throw new IllegalArgumentException("store and random are required");
        }
        this.store = store;
        this.random = random;
    }

    /** Leaves {@code mark} for the next token issue of {@code userName} in {@code userPoolId} from {@code clientId}. */
    public void leave(String userPoolId, String userName, String clientId, SignInMark mark, Instant now) {
        byte[] id = new byte[16];
        random.nextBytes(id);
        store.put(new StateItem(
                StateKeys.user(userPoolId, userName),
                prefix(clientId) + Base64.getUrlEncoder().withoutPadding().encodeToString(id),
                Map.of(
                        FACTORS, String.join(",", mark.factors()),
                        LAST_STEP_AT, Long.toString(mark.lastStepAt().getEpochSecond()),
                        DEVICE, Boolean.toString(mark.trustedDevice())),
                now.plus(LIFETIME)));
    }

    /**
     * Takes one live mark of {@code userName} from {@code clientId}: deletes it and returns what it said.
     *
     * @return the mark, or empty when there is none (the sign-in went around the Stepwise triggers, or the mark was
     *     already used or has expired)
     */
    public Optional<SignInMark> take(String userPoolId, String userName, String clientId, Instant now) {
        String pk = StateKeys.user(userPoolId, userName);
        List<StateItem> marks = store.query(pk, prefix(clientId), now);
        for (StateItem item : marks) {
            if (store.deleteIfPresent(pk, item.sk())) {
                return Optional.of(read(item));
            }
        }
        return Optional.empty();
    }

    private static SignInMark read(StateItem item) {
        String factors = item.attribute(FACTORS);
        return new SignInMark(
                factors == null || factors.isEmpty() ? List.of() : Arrays.asList(factors.split(",")),
                Instant.ofEpochSecond(Long.parseLong(item.attribute(LAST_STEP_AT))),
                Boolean.parseBoolean(item.attribute(DEVICE)));
    }

    private static String prefix(String clientId) {
        return MARK + (clientId == null || clientId.isBlank() ? NO_CLIENT : clientId) + "#";
    }
}
