package dev.stepwise.harness.emulator;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * An in-process emulator of Amazon Cognito user pools' custom authentication, for tests and local development.
 *
 * <p>It is a real HTTP server on 127.0.0.1 that speaks Cognito's JSON 1.1 protocol at {@code POST /}, so the AWS SDK
 * (with an endpoint override), the AWS CLI ({@code --endpoint-url}) and Amplify JS ({@code userPoolEndpoint}) work
 * against it. The Define, Create and Verify Auth Challenge triggers named in a pool's {@code LambdaConfig} run in this
 * process through the Lambda Java runtime's JSON serialization. SES v2 {@code SendEmail} and SNS {@code Publish} on
 * the same port are captured in a {@link Mailbox}, readable at LocalStack's inspection paths. Tokens are RS256 JWTs
 * verifiable against {@code /<poolId>/.well-known/jwks.json}.
 *
 * <p>It follows Cognito's documented and observed behaviour where it matters for custom authentication;
 * docs/emulator.md lists where it knowingly differs. It is a test tool: it keeps state in memory (optionally in a file), verifies no
 * request signatures, and listens on loopback only.
 *
 * <p>Thread-safe. Close it to stop the server.
 */
public final class CognitoEmulator implements AutoCloseable {

    /** The function name under which the bundled Define Auth Challenge handler is registered. */
    public static final String DEFINE_FUNCTION = "stepwise-define-auth-challenge";
    /** The function name under which the bundled Create Auth Challenge handler is registered. */
    public static final String CREATE_FUNCTION = "stepwise-create-auth-challenge";
    /** The function name under which the bundled Verify Auth Challenge Response handler is registered. */
    public static final String VERIFY_FUNCTION = "stepwise-verify-auth-challenge";

    /**
     * The function name under which the bundled pre token generation handler (event version 2: the token guard and
     * the factor claims) is registered.
     */
    public static final String TOKEN_GENERATION_FUNCTION = "stepwise-pre-token-generation";

    /**
     * The function name under which the bundled post confirmation handler (revokes a user's trusted devices when the
     * password is reset) is registered.
     */
    public static final String POST_CONFIRMATION_FUNCTION = "stepwise-post-confirmation";

    static final String DEFINE_HANDLER = dev.stepwise.lambda.DefineAuthChallengeHandler.class.getName();
    static final String CREATE_HANDLER = dev.stepwise.lambda.CreateAuthChallengeHandler.class.getName();
    static final String VERIFY_HANDLER = dev.stepwise.lambda.VerifyAuthChallengeHandler.class.getName();
    static final String TOKEN_GENERATION_HANDLER = dev.stepwise.lambda.PreTokenGenerationHandler.class.getName();
    static final String POST_CONFIRMATION_HANDLER = dev.stepwise.lambda.PostConfirmationHandler.class.getName();

    /** Every bundled function, in the order a pool's triggers run. */
    static final List<String> BUNDLED_FUNCTIONS = List.of(
            DEFINE_FUNCTION, CREATE_FUNCTION, VERIFY_FUNCTION, TOKEN_GENERATION_FUNCTION, POST_CONFIRMATION_FUNCTION);

    private final EmulatorRuntime runtime;

    private CognitoEmulator(EmulatorRuntime runtime) {
        this.runtime = runtime;
    }

    /** A builder with the defaults: a free port, Cognito's 5 s trigger timeout, no functions, no state file. */
    public static Builder builder() {
        return new Builder();
    }

    /** The base URI, {@code http://127.0.0.1:<port>}: Cognito at {@code POST /}, SES v2 and SNS on the same port. */
    public URI endpoint() {
        return runtime.endpoint();
    }

    /** The sign-in page's address when {@link Builder#webPage(boolean)} is on: {@code <endpoint>/sign-in/}. */
    public URI webPage() {
        return runtime.endpoint().resolve(WebPage.PAGE);
    }

    /** The messages captured from SES v2 and SNS. */
    public Mailbox mailbox() {
        return runtime.mailbox();
    }

    /**
     * The faults the SES v2 and SNS endpoints answer with (throttling, server errors, rejections, slow replies), to
     * add and clear while the emulator runs; also at {@code /_stepwise/faults} over HTTP.
     */
    public SenderFaults senderFaults() {
        return runtime.senderFaults();
    }

    /**
     * Drops every initialized trigger handler, as a redeployment or new Lambda containers would: the next invocation
     * builds each handler again, so it reads its settings and its secret (e.g. a rotated Secrets Manager secret) anew.
     */
    public void recycleFunctions() {
        runtime.recycleFunctions();
    }

    /**
     * Creates, through the emulator's own operations, a pool wired to the bundled triggers as the CDK app deploys them
     * (the function names above, any ARN: the three custom-auth triggers, pre token generation version 2, the token
     * guard, unless Define is a handler of your own, which leaves no mark for it, and post confirmation), an app client without a secret that allows custom auth and refresh only and prevents user
     * existence errors, and a confirmed demo user with a random password and verified email and phone number. A demo pool and
     * client kept in the state file are reused; the password is new on every call.
     */
    public Seeded seed() {
        return runtime.seed();
    }

    /** The child JVMs of {@link TriggerRunner#CHILD_JVM} started so far, alive or not (tests). */
    java.util.List<ProcessHandle> childProcesses() {
        return runtime.childProcesses();
    }

    /** Stops the server (saving the state file, if any). Idempotent. */
    @Override
    public void close() {
        runtime.close();
    }

    /** Options for {@link CognitoEmulator}. Not thread-safe. */
    public static final class Builder {
        int port;
        Duration triggerTimeout = Duration.ofSeconds(5);
        final Map<String, FunctionDefinition> functions = new LinkedHashMap<>();
        Path stateFile;
        Clock clock = Clock.systemUTC();
        String region = "us-east-1";
        Consumer<String> functionLog = line -> System.err.println(line);
        Map<String, String> bundledEnvironment;
        final Map<String, Map<String, String>> bundledOverrides = new LinkedHashMap<>();
        UndecidedDefine undecidedDefine = UndecidedDefine.INVALID_LAMBDA_RESPONSE;
        final Map<String, String> triggerHandlers = new LinkedHashMap<>();
        final List<Path> triggerJars = new ArrayList<>();
        Path deploymentJar;
        final List<SenderFault> senderFaults = new ArrayList<>();
        TriggerRunner triggerRunner = TriggerRunner.IN_PROCESS;
        boolean webPage;
        Consumer<ServiceCall> serviceCalls = call -> {};

        private Builder() {}

        /**
         * Also serves the reference sign-in page (built from {@code web/}) at {@code /sign-in/} on the emulator's
         * origin, with a {@code config.json} naming the pool and client of {@link CognitoEmulator#seed()}, and a
         * development-only mailbox view at {@code /_stepwise/mailbox}. The bundled triggers' email links then lead to
         * the page's landing route, {@code /sign-in/link?token=...}, unless {@code STEPWISE_EMAIL_LINK_URL} is given.
         *
         * @throws IllegalStateException from {@link #start()} if the page was not built into the class path
         */
        public Builder webPage(boolean serve) {
            this.webPage = serve;
            return this;
        }

        /** The TCP port on 127.0.0.1; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * How long one trigger invocation may run before it counts as timed out (Cognito: 5 s, the default). A timed
         * out invocation is retried, up to 3 attempts in all.
         */
        public Builder triggerTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("triggerTimeout must be positive");
            }
            this.triggerTimeout = timeout;
            return this;
        }

        /**
         * Registers the bundled Stepwise handlers under {@link #DEFINE_FUNCTION}, {@link #CREATE_FUNCTION},
         * {@link #VERIFY_FUNCTION}, {@link #TOKEN_GENERATION_FUNCTION} and {@link #POST_CONFIRMATION_FUNCTION} with
         * this environment, filling in, when absent: {@code STEPWISE_AWS_ENDPOINT} (this
         * emulator, so codes land in its mailbox, state goes to its state table and TOTP secrets are sealed by its
         * KMS), {@code AWS_REGION}, dummy AWS credentials, a random {@code STEPWISE_SECRET} (unless
         * {@code STEPWISE_SECRET_ARN} names a secret in this emulator's Secrets Manager),
         * {@code STEPWISE_EMAIL_FROM}, {@code STEPWISE_STATE_TABLE} and {@code STEPWISE_KMS_KEY_ID}
         * ({@code alias/stepwise}; set it blank to seal with {@code STEPWISE_SECRET} instead).
         */
        public Builder bundledTriggers(Map<String, String> environment) {
            this.bundledEnvironment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
            return this;
        }

        /**
         * Adds environment variables for one bundled function only (one of the five function names above), over the
         * shared environment of
         * {@link #bundledTriggers(Map)}.
         *
         * @throws IllegalArgumentException if the name is not a bundled function's
         */
        public Builder bundledTriggerEnvironment(String functionName, Map<String, String> environment) {
            if (!BUNDLED_FUNCTIONS.contains(functionName)) {
                throw new IllegalArgumentException("No bundled function is named " + functionName + "; use one of "
                        + String.join(", ", BUNDLED_FUNCTIONS));
            }
            bundledOverrides
                    .computeIfAbsent(functionName, k -> new LinkedHashMap<>())
                    .putAll(Objects.requireNonNull(environment, "environment"));
            return this;
        }

        /**
         * Registers any {@code RequestHandler} class under a function name. It is instantiated once, through a public
         * constructor taking {@code Map<String, String>} (given this environment) when it has one, else the no-arg
         * one.
         */
        public Builder function(String functionName, String handlerClassName, Map<String, String> environment) {
            Objects.requireNonNull(functionName, "functionName");
            Objects.requireNonNull(handlerClassName, "handlerClassName");
            functions.put(
                    functionName,
                    new FunctionDefinition(
                            functionName, handlerClassName, Map.copyOf(Objects.requireNonNull(environment))));
            return this;
        }

        /**
         * Runs your own {@code RequestHandler} class as the Define Auth Challenge trigger: it is registered under
         * {@link #DEFINE_FUNCTION} in place of the bundled handler, so {@link CognitoEmulator#seed()} and any pool
         * naming that function use it. It gets the same environment the bundled handler would (the map of
         * {@link #bundledTriggers(Map)}, {@link #bundledTriggerEnvironment} for this function, and the filled-in
         * defaults) and is built through a public {@code Map<String, String>} constructor when it has one, else the
         * no-arg one. The other two triggers stay bundled unless replaced too.
         */
        public Builder defineTrigger(String handlerClassName) {
            triggerHandlers.put(DEFINE_FUNCTION, Objects.requireNonNull(handlerClassName, "handlerClassName"));
            return this;
        }

        /** Runs your own handler class as the Create Auth Challenge trigger; see {@link #defineTrigger(String)}. */
        public Builder createTrigger(String handlerClassName) {
            triggerHandlers.put(CREATE_FUNCTION, Objects.requireNonNull(handlerClassName, "handlerClassName"));
            return this;
        }

        /**
         * Runs your own handler class as the Verify Auth Challenge Response trigger; see
         * {@link #defineTrigger(String)}.
         */
        public Builder verifyTrigger(String handlerClassName) {
            triggerHandlers.put(VERIFY_FUNCTION, Objects.requireNonNull(handlerClassName, "handlerClassName"));
            return this;
        }

        /**
         * Loads trigger handler classes from this jar too (repeatable), after the emulator's own class path, so
         * handlers that are not on the class path can run. Classes the emulator itself has (the Lambda runtime
         * interfaces and events) come from the emulator.
         *
         * @throws IllegalArgumentException if the file does not exist
         */
        public Builder triggerJar(Path jar) {
            Objects.requireNonNull(jar, "jar");
            if (!java.nio.file.Files.isRegularFile(jar)) {
                throw new IllegalArgumentException("trigger jar " + jar + " does not exist");
            }
            triggerJars.add(jar);
            return this;
        }

        /**
         * Starts with this fault on the SES v2 or SNS endpoint (repeatable; applied in order), e.g.
         * {@code SenderFault.throttle(Service.SES).times(2)}. {@link CognitoEmulator#senderFaults()} changes them later.
         */
        public Builder senderFault(SenderFault fault) {
            senderFaults.add(Objects.requireNonNull(fault, "fault"));
            return this;
        }

        /** Keeps pools, clients, users and the signing key in this JSON file across restarts. */
        public Builder stateFile(Path file) {
            this.stateFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /** The region in pool ids, ARNs and trigger events; default {@code us-east-1}. */
        public Builder region(String region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /**
         * The clock for session expiry and token times (tests); default the system UTC clock. Trigger handlers with a
         * public {@code (Map<String, String> environment, java.time.Clock clock)} constructor are built with it too, so
         * a test that moves this clock moves the triggers' time (code expiry, lockout windows, send limits).
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * What to do when Define returns no usable decision (undocumented in Cognito); default
         * {@link UndecidedDefine#INVALID_LAMBDA_RESPONSE}.
         */
        public Builder undecidedDefine(UndecidedDefine behaviour) {
            this.undecidedDefine = Objects.requireNonNull(behaviour, "behaviour");
            return this;
        }

        /**
         * How triggers run: {@link TriggerRunner#IN_PROCESS} (default, fast) or {@link TriggerRunner#CHILD_JVM} (a
         * JVM per concurrent invocation, through the Lambda Runtime API and AWS's runtime interface client, as Lambda
         * runs them). With child JVMs, handlers are built through their no-argument constructor and read their
         * environment with {@code System.getenv}; {@link #clock(Clock)} does not reach them.
         */
        public Builder triggerRunner(TriggerRunner runner) {
            this.triggerRunner = Objects.requireNonNull(runner, "runner");
            return this;
        }

        /**
         * With {@link TriggerRunner#CHILD_JVM}: the child JVMs' class path is AWS's runtime interface client (and the
         * jars it needs) followed by this deployment jar only, not the emulator's own class path, as Lambda runs a
         * function's package; so the bundled triggers run from the jar as shipped, and a class missing from it fails
         * the invocation. Trigger jars ({@link #triggerJar(Path)}) still follow it. {@link #start()} refuses it with
         * {@link TriggerRunner#IN_PROCESS}.
         *
         * @throws IllegalArgumentException if the file does not exist
         */
        public Builder deploymentJar(Path jar) {
            Objects.requireNonNull(jar, "jar");
            if (!java.nio.file.Files.isRegularFile(jar)) {
                throw new IllegalArgumentException("deployment jar " + jar + " does not exist");
            }
            this.deploymentJar = jar;
            return this;
        }

        /** Where the triggers' {@code LambdaLogger} lines go; default standard error. */
        public Builder functionLog(Consumer<String> sink) {
            this.functionLog = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /**
         * Tells {@code listener} of every request served to a trigger (state table, KMS, Secrets Manager, SES, SNS)
         * and of every trigger invocation, as it happens, e.g. to count what one sign-in costs. Unless their
         * environment names {@code AWS_ACCESS_KEY_ID}, the bundled functions sign with one access key id each, so
         * {@link ServiceCall#caller()} names the function. Called from the server's threads: the listener must be
         * thread-safe and quick.
         */
        public Builder serviceCalls(Consumer<ServiceCall> listener) {
            this.serviceCalls = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Starts the server.
         *
         * @throws java.io.UncheckedIOException if the port is taken or the state file cannot be read
         */
        public CognitoEmulator start() {
            return new CognitoEmulator(EmulatorRuntime.start(this));
        }
    }
}
