package dev.stepwise.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import dev.stepwise.core.ConfigurationException;
import dev.stepwise.core.SignInMarks;
import dev.stepwise.core.StepwiseException;
import dev.stepwise.core.TokenGuard;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * What both pre token generation handlers share: the guard built from the settings, the clock, and one log line per
 * invocation. A refusal is thrown, so Cognito answers {@code UserLambdaValidationException} with the fixed text of
 * {@link SignInFailedException} and issues no tokens.
 */
final class TokenGuardRunner {
    private final TokenGuard guard;
    private final Clock clock;
    private final InvocationLog log;

    TokenGuardRunner(TokenGuard guard, Clock clock, LogSink sink) {
        this.guard = guard;
        this.clock = clock;
        this.log = new InvocationLog(sink);
    }

    /**
     * The guard for {@code environment}: {@code STEPWISE_TOKEN_GUARD} and the state table.
     *
     * @throws ConfigurationException when a setting is invalid or the state table is missing
     */
    static TokenGuard guard(Map<String, String> environment) {
        String mode = FunctionSetting.STEPWISE_TOKEN_GUARD.read(environment);
        if (!mode.equals("on") && !mode.equals("off")) {
            throw new ConfigurationException("STEPWISE_TOKEN_GUARD \"" + mode + "\" is not valid: set it to on or off");
        }
        FunctionWiring wiring = FunctionWiring.from(environment);
        FunctionConfig config = wiring.config();
        if (config.stateTable() == null) {
            throw new ConfigurationException("pre token generation needs STEPWISE_STATE_TABLE: the marks that Define"
                    + " leaves for it are kept there; set it to the state table the other triggers use");
        }
        return new TokenGuard(new SignInMarks(wiring.stateStore(), new SecureRandom()), mode.equals("on"));
    }

    /**
     * Checks the request that {@code request} maps from the event (inside the log line, so a malformed event is logged
     * too); returns the claims to add, or throws when tokens are refused.
     */
    Map<String, String> run(InvocationLog.Facts facts, Context context, Supplier<TokenGuard.TokenRequest> request) {
        AtomicReference<Map<String, String>> claims = new AtomicReference<>();
        log.record(facts, context, () -> {
            TokenGuard.Verdict verdict = guard.check(request.get(), clock.instant());
            if (verdict instanceof TokenGuard.Refuse refuse) {
                throw new TokensRefusedException(refuse.reason());
            }
            claims.set(((TokenGuard.Issue) verdict).claims());
            return new InvocationLog.Outcome(verdict.outcome(), null, 0, null, null);
        });
        return claims.get();
    }

    /** Records an event that could not be read and returns what the client may see (see {@link InvocationLog#unread}). */
    RuntimeException unread(Context context, RuntimeException problem) {
        return log.unread(context, problem);
    }

    /** Tokens refused: logged with its reason, seen by the client as {@link SignInFailedException}'s text. */
    static final class TokensRefusedException extends StepwiseException {
        private static final long serialVersionUID = 1L;

        TokensRefusedException(String reason) {
            super(reason);
        }
    }
}
