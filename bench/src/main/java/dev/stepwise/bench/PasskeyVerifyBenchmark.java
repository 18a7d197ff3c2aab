package dev.stepwise.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolCreateAuthChallengeEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolVerifyAuthChallengeResponseEvent;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import dev.stepwise.core.AesGcmSecretBox;
import dev.stepwise.core.InMemoryStateStore;
import dev.stepwise.core.StateStore;
import dev.stepwise.core.passkey.PasskeyCheck;
import dev.stepwise.core.passkey.PasskeyOptions;
import dev.stepwise.core.passkey.PasskeySettings;
import dev.stepwise.core.passkey.PasskeyStore;
import dev.stepwise.core.passkey.PasskeyVerifier;
import dev.stepwise.harness.client.SoftwareAuthenticator;
import dev.stepwise.lambda.CreateAuthChallengeHandler;
import dev.stepwise.lambda.FunctionConfig;
import dev.stepwise.lambda.FunctionWiring;
import dev.stepwise.lambda.LocalContext;
import dev.stepwise.lambda.VerifyAuthChallengeHandler;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Warm cost of Verify for one passkey assertion, as Lambda runs it: the same handler instance, an event the runtime
 * already read. Each call answers a new round (Create and the authenticator's signature run
 * in the per-invocation set-up, outside the measurement), since a challenge works once. The state table is in
 * memory, so the figure is Stepwise's and webauthn4j's own work (parse, open the sealed record, one ES256
 * verification, the single-use marks), not DynamoDB's round trips; the abuse controls are off, since every measured
 * round is opened by Create and never closed by Define (with them on, Verify adds a guess reservation). Run:
 * {@code java -cp bench/target/stepwise-bench.jar org.openjdk.jmh.Main PasskeyVerifyBenchmark}.
 */
@State(Scope.Benchmark)
public class PasskeyVerifyBenchmark {
    private static final String ORIGIN = "https://app.example.com";
    private static final String POOL = "us-east-1_BENCH";
    private static final String USER = "alice";

    private final Context context = LocalContext.quiet("bench");
    private final SoftwareAuthenticator authenticator =
            SoftwareAuthenticator.builder().origin(ORIGIN).counting(false).build();
    private CreateAuthChallengeHandler create;
    private VerifyAuthChallengeHandler verify;
    private CognitoUserPoolVerifyAuthChallengeResponseEvent next;

    /** Builds the handlers over an in-memory state table and registers the authenticator's passkey for alice. */
    @Setup(Level.Trial)
    public void setUp() {
        Map<String, String> environment = new HashMap<>(HandlerBenchmarks.ENVIRONMENT);
        environment.put("STEPWISE_POLICY", "passkey");
        environment.put("STEPWISE_STATE_TABLE", "stepwise-state");
        // Each measured round is opened by Create and never finished by Define, which the open-sign-in cap would stop.
        environment.put("STEPWISE_ABUSE_CONTROLS", "off");
        environment.put("STEPWISE_WEBAUTHN_RP_ID", "example.com");
        environment.put("STEPWISE_WEBAUTHN_ORIGINS", ORIGIN);
        FunctionConfig config = FunctionConfig.from(environment);
        StateStore state = new InMemoryStateStore();
        create = CreateAuthChallengeHandler.create(
                FunctionWiring.from(environment).flow(Map.of(), state), Clock.systemUTC());
        verify = VerifyAuthChallengeHandler.create(
                FunctionWiring.from(environment).flow(Map.of(), state), Clock.systemUTC());
        SecureRandom random = new SecureRandom();
        PasskeyStore store = new PasskeyStore(state, new AesGcmSecretBox(config.keys(), random), random);
        PasskeySettings settings = PasskeySettings.of("example.com", "Example", List.of(ORIGIN));
        byte[] challenge = new byte[32];
        random.nextBytes(challenge);
        Instant now = Instant.now();
        byte[] handle = store.userHandle(POOL, USER, now);
        PasskeyCheck check = new PasskeyVerifier(settings)
                .register(
                        store,
                        POOL,
                        USER,
                        challenge,
                        handle,
                        now.plusSeconds(60),
                        authenticator.register(PasskeyOptions.creation(challenge, handle, USER, List.of(), settings)),
                        now);
        if (!check.passed()) {
            throw new IllegalStateException("the benchmark's passkey was not registered: " + check.reason());
        }
        nextRound();
        if (!Boolean.TRUE.equals(
                verify.handleRequest(next, context).getResponse().getAnswerCorrect())) {
            throw new IllegalStateException("the benchmark's passkey assertion is not accepted");
        }
    }

    /** A new round and its signed answer, outside the measurement. */
    @Setup(Level.Invocation)
    public void nextRound() {
        CognitoUserPoolCreateAuthChallengeEvent created =
                create.handleRequest(read(BenchEvents.CREATE, CognitoUserPoolCreateAuthChallengeEvent.class), context);
        String answer = authenticator.authenticate(
                created.getResponse().getPublicChallengeParameters().get("publicKeyOptions"));
        next = read(
                BenchEvents.verify(
                        created.getResponse().getPrivateChallengeParameters().get("challenge"),
                        answer.replace("\\", "\\\\").replace("\"", "\\\"")),
                CognitoUserPoolVerifyAuthChallengeResponseEvent.class);
    }

    /** Verify: the passkey's assertion for the round, accepted. */
    @Benchmark
    public Object verifyPasskey() {
        return verify.handleRequest(next, context);
    }

    private static <T> T read(String json, Class<T> type) {
        return JacksonFactory.getInstance()
                .getSerializer(type)
                .fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }
}
