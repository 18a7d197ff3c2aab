package dev.stepwise.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolCreateAuthChallengeEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolDefineAuthChallengeEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolVerifyAuthChallengeResponseEvent;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: before Lambda snapshots an initialised handler, runs it on synthetic events so the classes it
 * needs are loaded and its hot paths compiled in the snapshot, instead of on the first real sign-in after each
 * restore. Registered by each handler's constructor through the CRaC API ({@code org.crac}), which Lambda's managed
 * Java runtime implements, when Lambda says the init is for a snapshot ({@code AWS_LAMBDA_INITIALIZATION_TYPE} is
 * {@code snap-start}); elsewhere (on-demand init, tests, the emulator) registration does nothing.
 *
 * <p>Priming sends nothing and changes nothing: Define decides a first round; Create runs for an unknown user (a decoy,
 * which sends no message) a few times only, as a decoy waits about as long as a real send; Verify checks a wrong
 * answer to a malformed challenge. Failures are swallowed: priming must never stop a snapshot.
 *
 * <p>Uniqueness after restore: the handlers draw randomness only from {@code new SecureRandom()}, which on Linux is
 * {@code NativePRNG}: every draw mixes fresh bytes from the kernel's generator, which Lambda reseeds on restore, so
 * restored copies of one snapshot never repeat each other. {@link #afterRestore} also reseeds every generator handed
 * to {@link #reseededOnRestore}, and the check before the snapshot refuses the state-keeping algorithms (DRBG, SHA1PRNG)
 * as the default, with a message, rather than let copies share a stream.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/snapstart-runtime-hooks-java.html">Lambda SnapStart
 *     runtime hooks for Java</a>
 */
public final class Priming implements Resource {
    static final int FAST_ROUNDS = 500;
    private static final String SNAP_START = "snap-start";
    static final int DECOY_ROUNDS = 3;
    private static final Set<String> SNAP_SAFE_DEFAULTS =
            Set.of("NativePRNG", "NativePRNGNonBlocking", "NativePRNGBlocking");

    // org.crac keeps registered resources only weakly; this list keeps them alive for the function's life.
    private static final List<Resource> REGISTERED = new CopyOnWriteArrayList<>();
    private static final List<SecureRandom> RANDOMS = new CopyOnWriteArrayList<>();

    private final Runnable work;
    private final int rounds;

    private Priming(Runnable work, int rounds) {
        this.work = work;
        this.rounds = rounds;
    }

    /** Primes a Define handler before a SnapStart snapshot. */
    static void register(DefineAuthChallengeHandler handler) {
        register(forDefine(handler));
    }

    /** Primes a Create handler before a SnapStart snapshot (decoys only: nothing is sent). */
    static void register(CreateAuthChallengeHandler handler) {
        register(forCreate(handler));
    }

    /** Primes a Verify handler before a SnapStart snapshot. */
    static void register(VerifyAuthChallengeHandler handler) {
        register(forVerify(handler));
    }

    static Priming forDefine(DefineAuthChallengeHandler handler) {
        return new Priming(() -> handler.handleRequest(defineEvent(), CONTEXT), FAST_ROUNDS);
    }

    static Priming forCreate(CreateAuthChallengeHandler handler) {
        return new Priming(() -> handler.handleRequest(createDecoyEvent(), CONTEXT), DECOY_ROUNDS);
    }

    static Priming forVerify(VerifyAuthChallengeHandler handler) {
        return new Priming(() -> handler.handleRequest(verifyEvent(), CONTEXT), FAST_ROUNDS);
    }

    /**
     * Returns {@code random} after arranging for it to be reseeded from the operating system right after every
     * SnapStart restore. For generators that an adapter keeps for the function's life.
     */
    public static SecureRandom reseededOnRestore(SecureRandom random) {
        RANDOMS.add(random);
        return random;
    }

    private static void register(Resource resource) {
        // Lambda sets this only for the init that SnapStart snapshots; elsewhere priming would only cost time.
        if (SNAP_START.equals(System.getenv("AWS_LAMBDA_INITIALIZATION_TYPE"))) {
            REGISTERED.add(resource);
            Core.getGlobalContext().register(resource);
        }
    }

    /** Runs the priming work; never throws. */
    void prime() {
        for (int i = 0; i < rounds; i++) {
            try {
                work.run();
            } catch (RuntimeException e) {
                return;
            }
        }
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        String algorithm = new SecureRandom().getAlgorithm();
        if (!SNAP_SAFE_DEFAULTS.contains(algorithm)) {
            throw new IllegalStateException("The default SecureRandom is " + algorithm + ", which keeps its state in"
                    + " memory: copies restored from one SnapStart snapshot would draw the same values. Use the"
                    + " default securerandom.source (file:/dev/random, NativePRNG) on Lambda.");
        }
        prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        reseed();
    }

    static void reseed() {
        if (RANDOMS.isEmpty()) {
            return;
        }
        SecureRandom source = new SecureRandom();
        for (SecureRandom random : RANDOMS) {
            random.setSeed(source.generateSeed(32));
        }
    }

    private static CognitoUserPoolDefineAuthChallengeEvent defineEvent() {
        CognitoUserPoolDefineAuthChallengeEvent event = new CognitoUserPoolDefineAuthChallengeEvent();
        common(event, "DefineAuthChallenge_Authentication");
        CognitoUserPoolDefineAuthChallengeEvent.Request request = new CognitoUserPoolDefineAuthChallengeEvent.Request();
        request.setUserAttributes(attributes());
        request.setSession(new CognitoUserPoolDefineAuthChallengeEvent.ChallengeResult[0]);
        request.setUserNotFound(false);
        event.setRequest(request);
        event.setResponse(new CognitoUserPoolDefineAuthChallengeEvent.Response());
        return event;
    }

    private static CognitoUserPoolCreateAuthChallengeEvent createDecoyEvent() {
        CognitoUserPoolCreateAuthChallengeEvent event = new CognitoUserPoolCreateAuthChallengeEvent();
        common(event, "CreateAuthChallenge_Authentication");
        CognitoUserPoolCreateAuthChallengeEvent.Request request = new CognitoUserPoolCreateAuthChallengeEvent.Request();
        request.setUserAttributes(Map.of());
        request.setChallengeName("CUSTOM_CHALLENGE");
        request.setSession(new CognitoUserPoolCreateAuthChallengeEvent.ChallengeResult[0]);
        request.setUserNotFound(true);
        event.setRequest(request);
        event.setResponse(new CognitoUserPoolCreateAuthChallengeEvent.Response());
        return event;
    }

    private static CognitoUserPoolVerifyAuthChallengeResponseEvent verifyEvent() {
        CognitoUserPoolVerifyAuthChallengeResponseEvent event = new CognitoUserPoolVerifyAuthChallengeResponseEvent();
        common(event, "VerifyAuthChallengeResponse_Authentication");
        CognitoUserPoolVerifyAuthChallengeResponseEvent.Request request =
                new CognitoUserPoolVerifyAuthChallengeResponseEvent.Request();
        request.setUserAttributes(attributes());
        request.setPrivateChallengeParameters(Map.of("challenge", "1.email_code.0.1.0.priming"));
        request.setChallengeAnswer("000000");
        request.setUserNotFound(false);
        event.setRequest(request);
        event.setResponse(new CognitoUserPoolVerifyAuthChallengeResponseEvent.Response());
        return event;
    }

    private static void common(CognitoUserPoolEvent event, String triggerSource) {
        event.setVersion("1");
        event.setRegion("us-east-1");
        event.setUserPoolId("us-east-1_PRIMING");
        event.setUserName("stepwise-priming");
        event.setTriggerSource(triggerSource);
        CognitoUserPoolEvent.CallerContext caller = new CognitoUserPoolEvent.CallerContext();
        caller.setAwsSdkVersion("aws-sdk-unknown-unknown");
        caller.setClientId("stepwise-priming");
        event.setCallerContext(caller);
    }

    private static Map<String, String> attributes() {
        return Map.of(
                "sub", "00000000-0000-4000-8000-000000000000",
                "email", "priming@example.invalid",
                "email_verified", "true");
    }

    private static final Context CONTEXT = LocalContext.quiet("stepwise-priming");
}
