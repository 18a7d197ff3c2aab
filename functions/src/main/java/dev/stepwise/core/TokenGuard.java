package dev.stepwise.core;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decides, in pre token generation, whether Cognito may issue tokens, and which factor claims they carry.
 *
 * <p>A refresh ({@code TokenGeneration_RefreshTokens}) is always allowed and gets no factor claims: it proves no factor,
 * so an API that asks for a recent factor sends the user through a new sign-in. Every other trigger source (a
 * completed authentication, a new-password challenge, the hosted UI, Cognito's device authentication, and any source
 * Cognito adds later) needs a live {@link SignInMarks mark} that Define left for this pool, user and app client; the
 * mark is taken, so it works once. With the guard {@linkplain #TokenGuard enforcing}, no mark means no tokens, and a
 * state table that does not answer means no tokens (fail closed); not enforcing, tokens are issued either way and carry
 * claims only when a mark was found.
 *
 * <p>Claims, added to the ID token and, with pre token generation version 2, to the access token (Cognito lets no
 * trigger change {@code amr} or {@code auth_time} themselves):
 *
 * <ul>
 *   <li>{@value #AMR_CLAIM}: the RFC 8176 values of the factors used, space separated (see
 *       {@link AuthenticationMethods}), e.g. {@code "pwd otp mfa"};
 *   <li>{@value #LAST_STEP_CLAIM}: when the last step was passed, in seconds since the epoch;
 *   <li>{@value #DEVICE_CLAIM}: {@code trusted} when a trusted device skipped the steps marked for new devices.
 * </ul>
 *
 * <p>Thread-safe.
 *
 * @see <a href="https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html">
 *     Pre token generation Lambda trigger</a>
 */
public final class TokenGuard {
    /** The claim with the factors' RFC 8176 values. */
    public static final String AMR_CLAIM = "stepwise:amr";
    /** The claim with the time of the last step. */
    public static final String LAST_STEP_CLAIM = "stepwise:last_step_at";
    /** The claim saying a trusted device was used. */
    public static final String DEVICE_CLAIM = "stepwise:device";

    /** The trigger source of a token refresh. */
    public static final String REFRESH = "TokenGeneration_RefreshTokens";

    /**
     * What pre token generation is asked for.
     *
     * @param triggerSource Cognito's {@code triggerSource}, e.g. {@code TokenGeneration_Authentication}
     * @param userPoolId the pool
     * @param userName the user's real username
     * @param clientId the app client ({@code callerContext.clientId}), or {@code null}
     */
    public record TokenRequest(String triggerSource, String userPoolId, String userName, String clientId) {}

    /** The guard's answer. */
    public sealed interface Verdict {
        /** A short, log-safe name: {@code refresh}, {@code marked}, {@code unmarked} or {@code refused}. */
        String outcome();
    }

    /**
     * Cognito may issue the tokens, with {@code claims} added (empty on a refresh, or unmarked with the guard off).
     *
     * @param outcome {@code refresh}, {@code marked} or {@code unmarked}
     */
    public record Issue(String outcome, Map<String, String> claims) implements Verdict {
        /** Copies the claims. */
        public Issue {
            claims = Map.copyOf(claims);
        }
    }

    /**
     * No tokens.
     *
     * @param reason why, for the log line
     */
    public record Refuse(String reason) implements Verdict {
        @Override
        public String outcome() {
            return "refused";
        }
    }

    private final SignInMarks marks;
    private final boolean enforce;

    /**
     * A guard over {@code marks}.
     *
     * @param enforce whether a sign-in without a mark gets no tokens ({@code STEPWISE_TOKEN_GUARD=on})
     */
    public TokenGuard(SignInMarks marks, boolean enforce) {
        if (marks == null) {
            throw new IllegalArgumentException("marks are required");
        }
        this.marks = marks;
        this.enforce = enforce;
    }

    /** Whether a sign-in without a mark gets no tokens. */
    public boolean enforcing() {
        return enforce;
    }

    /**
     * The verdict on {@code request} at {@code now}; takes the sign-in's mark.
     *
     * @throws StateStoreException when the state table does not answer and the guard is enforcing
     */
    public Verdict check(TokenRequest request, Instant now) {
        if (REFRESH.equals(request.triggerSource())) {
            return new Issue("refresh", Map.of());
        }
        SignInMark mark;
        try {
            mark = marks.take(request.userPoolId(), request.userName(), request.clientId(), now)
                    .orElse(null);
        } catch (StateStoreException e) {
            if (enforce) {
                throw e;
            }
            return new Issue("unmarked", Map.of());
        }
        if (mark == null) {
            return enforce
                    ? new Refuse("no sign-in mark for " + request.triggerSource())
                    : new Issue("unmarked", Map.of());
        }
        return new Issue("marked", claims(mark));
    }

    /** The factor claims {@code mark} gives. */
    public static Map<String, String> claims(SignInMark mark) {
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put(AMR_CLAIM, String.join(" ", mark.amr()));
        claims.put(LAST_STEP_CLAIM, Long.toString(mark.lastStepAt().getEpochSecond()));
        if (mark.trustedDevice()) {
            claims.put(DEVICE_CLAIM, "trusted");
        }
        return claims;
    }
}
