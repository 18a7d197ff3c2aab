package dev.stepwise.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.stepwise.core.CodeDelivery;
import dev.stepwise.core.CodeMessage;
import dev.stepwise.core.CustomAuthFlow;
import dev.stepwise.core.IssuedChallenge;
import dev.stepwise.core.SignInContext;
import dev.stepwise.core.StateStore;
import dev.stepwise.lambda.aws.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: before Lambda snapshots an initialised handler, runs it on synthetic sign-ins so the classes it
 * needs are loaded and its hot paths compiled in the snapshot, instead of on the first real sign-in after each
 * restore. Registered by each handler's constructor through the CRaC API ({@code org.crac}), which Lambda's managed
 * Java runtime implements, when Lambda says the init is for a snapshot ({@code AWS_LAMBDA_INITIALIZATION_TYPE} is
 * {@code snap-start}); elsewhere (on-demand init, tests, the emulator) registration does nothing.
 *
 * <p>Priming runs the real request path, abuse controls, state table and senders included, for a user of a pool that
 * cannot exist ({@value #POOL}), with the function's own SDK clients set {@linkplain FunctionWiring#offline offline}: each
 * request is marshalled and signed, then answered in process and the answer unmarshalled, so nothing is sent and no
 * item is written. Define decides a first round and issues tokens after a passed one; Create makes and "sends" a
 * code; Verify checks a wrong and the right answer to a challenge made in process. What the synthetic sends take
 * teaches the decoys nothing ({@link CustomAuthFlow#forPriming}). Then, with a state table, one real read of a key
 * that cannot exist loads the HTTP connection path. Every synthetic event goes through the handler's JSON entry point,
 * as Lambda's own do ({@link EventJson}). Failures are swallowed: priming must never stop a snapshot.
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
    static final int ROUNDS = 200;
    static final String POOL = "us-east-1_PRIMING";
    private static final String USER = "stepwise-priming";
    private static final String SNAP_START = "snap-start";
    private static final Pattern CODE = Pattern.compile("\\b\\d{6,10}\\b");
    private static final Set<String> SNAP_SAFE_DEFAULTS =
            Set.of("NativePRNG", "NativePRNGNonBlocking", "NativePRNGBlocking");

    // org.crac keeps registered resources only weakly; this list keeps them alive for the function's life.
    private static final List<Resource> REGISTERED = new CopyOnWriteArrayList<>();
    private static final List<SecureRandom> RANDOMS = new CopyOnWriteArrayList<>();

    private final Supplier<Runnable> prepare;
    private final FunctionWiring wiring;

    private Priming(Supplier<Runnable> prepare, FunctionWiring wiring) {
        this.prepare = prepare;
        this.wiring = wiring;
    }

    /** Primes a Define handler before a SnapStart snapshot. */
    static void register(DefineAuthChallengeHandler handler, FunctionWiring wiring) {
        register(forDefine(handler, wiring));
    }

    /** Primes a Create handler before a SnapStart snapshot. */
    static void register(CreateAuthChallengeHandler handler, FunctionWiring wiring) {
        register(forCreate(handler, wiring));
    }

    /** Primes a Verify handler before a SnapStart snapshot. */
    static void register(VerifyAuthChallengeHandler handler, FunctionWiring wiring) {
        register(forVerify(handler, wiring));
    }

    static Priming forDefine(DefineAuthChallengeHandler handler, FunctionWiring wiring) {
        return new Priming(
                () -> {
                    Captured sent = new Captured();
                    DefineAuthChallengeHandler primed = handler.forPriming(sent);
                    Map<String, Object> passed = passedRound(primed.flow());
                    return () -> {
                        answer(primed, defineEvent());
                        if (passed != null) {
                            answer(primed, defineEvent(passed));
                        }
                    };
                },
                wiring);
    }

    static Priming forCreate(CreateAuthChallengeHandler handler, FunctionWiring wiring) {
        return new Priming(
                () -> {
                    CreateAuthChallengeHandler primed = handler.forPriming(new Captured());
                    return () -> answer(primed, createEvent());
                },
                wiring);
    }

    static Priming forVerify(VerifyAuthChallengeHandler handler, FunctionWiring wiring) {
        return new Priming(
                () -> {
                    Captured sent = new Captured();
                    VerifyAuthChallengeHandler primed = handler.forPriming(sent);
                    IssuedChallenge challenge = primed.flow().create(signIn(), Instant.now());
                    String code = sent.code();
                    String wrong = wrong(code);
                    return () -> {
                        answer(primed, verifyEvent(challenge.privateParameters(), wrong));
                        answer(primed, verifyEvent(challenge.privateParameters(), code));
                    };
                },
                wiring);
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
        try {
            wiring.offline(() -> {
                Runnable round = prepare.get();
                for (int i = 0; i < ROUNDS; i++) {
                    round.run();
                }
            });
        } catch (RuntimeException e) {
            // A round that fails ends priming: the snapshot is taken all the same.
        }
        try {
            StateStore state = wiring.stateStore();
            if (state != null) {
                state.get("priming#" + UUID.randomUUID(), "priming", Instant.now());
            }
        } catch (RuntimeException e) {
            // The table may not answer at init (no network yet, no permission): the snapshot is taken all the same.
        }
    }

    /** {@code event} answered through {@code handler}'s JSON entry point, as Lambda's runtime calls it. */
    static Map<String, Object> answer(RequestStreamHandler handler, Map<String, Object> event) {
        ByteArrayOutputStream answer = new ByteArrayOutputStream(1024);
        try {
            handler.handleRequest(
                    new ByteArrayInputStream(Json.write(event).getBytes(StandardCharsets.UTF_8)), answer, CONTEXT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) Json.parseExact(answer.toByteArray());
        return fields;
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

    /** Another answer of the same shape: every digit one up. */
    private static String wrong(String code) {
        StringBuilder wrong = new StringBuilder(code.length());
        for (char c : code.toCharArray()) {
            wrong.append(Character.isDigit(c) ? (char) ('0' + (c - '0' + 1) % 10) : c);
        }
        return wrong.toString();
    }

    private static Map<String, Object> passedRound(CustomAuthFlow flow) {
        try {
            IssuedChallenge challenge = flow.create(signIn(), Instant.now());
            Map<String, Object> passed = new LinkedHashMap<>();
            passed.put("challengeName", "CUSTOM_CHALLENGE");
            passed.put("challengeResult", true);
            passed.put("challengeMetadata", challenge.metadata());
            return passed;
        } catch (RuntimeException e) {
            // A policy whose first step is not a custom challenge: Define primes its first round only.
            return null;
        }
    }

    /** A synthetic Define event, as Cognito would send it, after the rounds in {@code session}. */
    @SafeVarargs
    static Map<String, Object> defineEvent(Map<String, Object>... session) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("userAttributes", attributes());
        request.put("session", List.of(session));
        request.put("userNotFound", false);
        return event("DefineAuthChallenge_Authentication", request);
    }

    /** A synthetic Create event for a first round. */
    static Map<String, Object> createEvent() {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("userAttributes", attributes());
        request.put("challengeName", "CUSTOM_CHALLENGE");
        request.put("session", List.of());
        request.put("userNotFound", false);
        return event("CreateAuthChallenge_Authentication", request);
    }

    private static SignInContext signIn() {
        return CognitoEventMapper.toSignInContext(EventJson.create(createEvent()));
    }

    /** A synthetic Verify event answering the challenge whose private parameters are {@code privateParameters}. */
    static Map<String, Object> verifyEvent(Map<String, String> privateParameters, String answer) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("userAttributes", attributes());
        request.put("privateChallengeParameters", privateParameters);
        request.put("challengeAnswer", answer);
        request.put("userNotFound", false);
        return event("VerifyAuthChallengeResponse_Authentication", request);
    }

    /** A sender for media the function has none for: keeps the last message, sends nothing. */
    private static final class Captured implements CodeDelivery {
        private volatile CodeMessage last;

        @Override
        public void deliver(CodeMessage message) {
            last = message;
        }

        /** The code in the last message, or a wrong one. */
        String code() {
            Matcher matcher = last == null ? null : CODE.matcher(last.body());
            return matcher != null && matcher.find() ? matcher.group() : "0";
        }
    }

    private static Map<String, Object> event(String triggerSource, Map<String, Object> request) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "1");
        event.put("region", "us-east-1");
        event.put("userPoolId", POOL);
        event.put("userName", USER);
        event.put("triggerSource", triggerSource);
        event.put("callerContext", Map.of("awsSdkVersion", "aws-sdk-unknown-unknown", "clientId", "stepwise-priming"));
        event.put("request", request);
        event.put("response", Map.of());
        return event;
    }

    private static Map<String, String> attributes() {
        return Map.of(
                "sub", "00000000-0000-4000-8000-000000000000",
                "email", "priming@example.invalid",
                "email_verified", "true",
                "phone_number", "+15555550100",
                "phone_number_verified", "true");
    }

    private static final Context CONTEXT = LocalContext.quiet("stepwise-priming");
}
