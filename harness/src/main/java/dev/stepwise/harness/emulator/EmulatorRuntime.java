package dev.stepwise.harness.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** Wires the emulator's parts together and owns their lifecycle. */
final class EmulatorRuntime {

    static final String DEMO_NAME = "stepwise-demo";
    /** The KMS key the bundled triggers seal TOTP secrets under, served by the emulator's own KMS. */
    static final String DEFAULT_KMS_KEY = "alias/stepwise";

    private final URI endpoint;
    private final Directory directory;
    private final Mailbox mailbox;
    private final CognitoApi api;
    private final HttpFront front;
    private final TriggerInvoker triggers;
    private final String region;
    private final Runnable save;
    private URLClassLoader triggerLoader;
    private SenderFaults senderFaults;
    private boolean bundledDefine;
    private boolean closed;

    private EmulatorRuntime(
            URI endpoint,
            Directory directory,
            Mailbox mailbox,
            CognitoApi api,
            HttpFront front,
            TriggerInvoker triggers,
            String region,
            Runnable save) {
        this.endpoint = endpoint;
        this.directory = directory;
        this.mailbox = mailbox;
        this.api = api;
        this.front = front;
        this.triggers = triggers;
        this.region = region;
        this.save = save;
    }

    static EmulatorRuntime start(CognitoEmulator.Builder options) {
        if (options.deploymentJar != null && options.triggerRunner != TriggerRunner.CHILD_JVM) {
            throw new IllegalArgumentException("a deployment jar runs only in child JVMs: set TriggerRunner.CHILD_JVM");
        }
        Directory directory = new Directory();
        StateFile state = options.stateFile == null ? null : new StateFile(options.stateFile);
        RSAKey stored = state == null ? null : state.load(directory);
        RSAKey key = stored == null ? TokenService.newKey() : stored;
        URLClassLoader triggerLoader = triggerLoader(options.triggerJars);
        try {
            checkHandlers(
                    options.triggerHandlers,
                    triggerLoader == null ? EmulatorRuntime.class.getClassLoader() : triggerLoader,
                    options.triggerJars);
        } catch (IllegalArgumentException e) {
            closeQuietly(triggerLoader);
            throw e;
        }
        try {
            checkBundledSettings(options);
        } catch (IllegalArgumentException e) {
            closeQuietly(triggerLoader);
            throw e;
        }
        Mailbox mailbox = new Mailbox();
        WebPage web = null;
        if (options.webPage) {
            try {
                web = WebPage.load(
                        directory,
                        mailbox,
                        options.bundledEnvironment == null
                                ? null
                                : options.bundledEnvironment.getOrDefault("STEPWISE_POLICY", "email_code"));
            } catch (IllegalStateException e) {
                closeQuietly(triggerLoader);
                throw e;
            }
        }
        HttpServer server = HttpFront.bind(options.port);
        URI endpoint = HttpFront.endpoint(server);
        TriggerInvoker triggers = new TriggerInvoker(
                options.functions,
                options.triggerTimeout,
                options.functionLog,
                triggerLoader == null ? TriggerInvoker.class.getClassLoader() : triggerLoader,
                options.clock);
        if (options.triggerRunner == TriggerRunner.CHILD_JVM) {
            triggers.useChildJvms(new LambdaProcesses(
                    options.region, options.deploymentJar, options.triggerJars, options.functionLog));
        }
        if (options.bundledEnvironment != null || !options.triggerHandlers.isEmpty()) {
            Map<String, String> environment = bundledEnvironment(
                    withLandingRoute(
                            options.bundledEnvironment == null ? Map.of() : options.bundledEnvironment,
                            endpoint,
                            options.webPage),
                    endpoint,
                    options.region);
            Map<String, String> handlers = Map.of(
                    CognitoEmulator.DEFINE_FUNCTION, CognitoEmulator.DEFINE_HANDLER,
                    CognitoEmulator.CREATE_FUNCTION, CognitoEmulator.CREATE_HANDLER,
                    CognitoEmulator.VERIFY_FUNCTION, CognitoEmulator.VERIFY_HANDLER,
                    CognitoEmulator.TOKEN_GENERATION_FUNCTION, CognitoEmulator.TOKEN_GENERATION_HANDLER,
                    CognitoEmulator.POST_CONFIRMATION_FUNCTION, CognitoEmulator.POST_CONFIRMATION_HANDLER);
            boolean ownKeys =
                    options.bundledEnvironment == null || !options.bundledEnvironment.containsKey("AWS_ACCESS_KEY_ID");
            handlers.forEach((name, handler) -> {
                Map<String, String> own = new HashMap<>(environment);
                if (ownKeys) {
                    own.put("AWS_ACCESS_KEY_ID", accessKeyId(name));
                }
                own.putAll(options.bundledOverrides.getOrDefault(name, Map.of()));
                triggers.register(
                        new FunctionDefinition(name, options.triggerHandlers.getOrDefault(name, handler), own));
            });
        }
        TokenService tokens = new TokenService(key, endpoint.toString(), options.clock);
        Runnable save = state == null ? () -> {} : () -> state.save(directory, key);
        PostConfirmationTrigger postConfirmation = new PostConfirmationTrigger(triggers, options.region);
        ManagementOperations management =
                new ManagementOperations(directory, postConfirmation, options.clock, options.region, save);
        AuthOperations auth = new AuthOperations(
                directory, triggers, new AuthSessions(options.clock), tokens, options.region, options.undecidedDefine);
        CognitoMessages messages = new CognitoMessages(mailbox, options.clock, options.region);
        CognitoApi api = new CognitoApi(
                management,
                auth,
                new GroupOperations(directory, options.clock, save),
                new AccountOperations(directory, tokens, messages, postConfirmation, options.clock, save),
                new DeviceOperations(directory, tokens, options.clock, options.region, save));
        MailEndpoints mail = new MailEndpoints(mailbox, options.clock, options.region);
        SenderFaults senderFaults = new SenderFaults();
        options.senderFaults.forEach(senderFaults::add);
        triggers.serviceCalls(options.serviceCalls);
        HttpFront front = new HttpFront(server, api, mail, tokens, directory, System.err::println, senderFaults);
        front.serviceCalls(options.serviceCalls, triggers::functionWithAccessKey);
        if (web != null) {
            front.web(web);
        }
        save.run();
        EmulatorRuntime runtime =
                new EmulatorRuntime(endpoint, directory, mailbox, api, front, triggers, options.region, save);
        runtime.triggerLoader = triggerLoader;
        runtime.bundledDefine = !options.triggerHandlers.containsKey(CognitoEmulator.DEFINE_FUNCTION);
        runtime.senderFaults = senderFaults;
        return runtime;
    }

    private static void closeQuietly(URLClassLoader loader) {
        if (loader != null) {
            try {
                loader.close();
            } catch (IOException ignored) {
                // Already failing with the reason that matters.
            }
        }
    }

    /**
     * Fails at start, not at the first sign-in, when a bundled trigger's settings are invalid (a misspelt policy, a
     * limit out of range): the same parsing the handlers do at init, on the environment they will get.
     */
    private static void checkBundledSettings(CognitoEmulator.Builder options) {
        if (options.bundledEnvironment == null && options.triggerHandlers.isEmpty()) {
            return;
        }
        Map<String, String> shared = bundledEnvironment(
                options.bundledEnvironment == null ? Map.of() : options.bundledEnvironment,
                URI.create("http://127.0.0.1"),
                options.region);
        for (String function : CognitoEmulator.BUNDLED_FUNCTIONS) {
            if (options.triggerHandlers.containsKey(function)) {
                continue;
            }
            Map<String, String> own = new HashMap<>(shared);
            own.putAll(options.bundledOverrides.getOrDefault(function, Map.of()));
            try {
                // check, not from: the secret may be put into this emulator's Secrets Manager after start.
                dev.stepwise.lambda.FunctionConfig.check(own);
            } catch (dev.stepwise.core.ConfigurationException e) {
                throw new IllegalArgumentException(
                        "invalid trigger setting"
                                + (options.bundledOverrides.containsKey(function) ? " for " + function : "") + ": "
                                + e.getMessage(),
                        e);
            }
        }
    }

    /** Fails at start, not at the first sign-in, when a trigger class is missing or is not a RequestHandler. */
    private static void checkHandlers(Map<String, String> handlers, ClassLoader loader, java.util.List<Path> jars) {
        handlers.forEach((function, className) -> {
            Class<?> type;
            try {
                type = Class.forName(className, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalArgumentException("trigger class " + className + " for " + function
                        + " is not on the class path" + (jars.isEmpty() ? "" : " or in " + jars)
                        + "; check the name or add its jar");
            }
            if (!com.amazonaws.services.lambda.runtime.RequestHandler.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException("trigger class " + className + " for " + function
                        + " does not implement com.amazonaws.services.lambda.runtime.RequestHandler");
            }
        });
    }

    private static URLClassLoader triggerLoader(java.util.List<Path> jars) {
        if (jars.isEmpty()) {
            return null;
        }
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("trigger jar " + jars.get(i) + " is not a usable path", e);
            }
        }
        return new URLClassLoader("stepwise-trigger-jars", urls, EmulatorRuntime.class.getClassLoader());
    }

    /** With the page served, email links lead to its landing route on this origin unless the caller chose a URL. */
    static Map<String, String> withLandingRoute(Map<String, String> given, URI endpoint, boolean webPage) {
        if (!webPage || given.containsKey("STEPWISE_EMAIL_LINK_URL")) {
            return given;
        }
        Map<String, String> environment = new HashMap<>(given);
        environment.put("STEPWISE_EMAIL_LINK_URL", endpoint + WebPage.LANDING + "?token={token}");
        return environment;
    }

    /**
     * The access key id a bundled function signs with unless told otherwise: one per function, as each Lambda function
     * has its own role, so the requests it makes can be told apart ({@link ServiceCall#caller()}).
     */
    static String accessKeyId(String functionName) {
        return "ASIA" + functionName.replaceAll("[^A-Za-z0-9]", "").toUpperCase(java.util.Locale.ROOT);
    }

    static Map<String, String> bundledEnvironment(Map<String, String> given, URI endpoint, String region) {
        Map<String, String> environment = new HashMap<>(given);
        environment.putIfAbsent("STEPWISE_AWS_ENDPOINT", endpoint.toString());
        environment.putIfAbsent("AWS_REGION", region);
        environment.putIfAbsent("AWS_ACCESS_KEY_ID", "test");
        environment.putIfAbsent("AWS_SECRET_ACCESS_KEY", "test");
        if (!environment.containsKey("STEPWISE_SECRET_ARN")) {
            environment.putIfAbsent("STEPWISE_SECRET", Base64.getEncoder().encodeToString(Ids.bytes(32)));
        }
        environment.putIfAbsent("STEPWISE_EMAIL_FROM", "no-reply@stepwise.example.com");
        environment.putIfAbsent("STEPWISE_STATE_TABLE", "stepwise-state");
        environment.putIfAbsent("STEPWISE_KMS_KEY_ID", DEFAULT_KMS_KEY);
        return Map.copyOf(environment);
    }

    URI endpoint() {
        return endpoint;
    }

    Mailbox mailbox() {
        return mailbox;
    }

    java.util.List<ProcessHandle> childProcesses() {
        return triggers.childProcesses();
    }

    SenderFaults senderFaults() {
        return senderFaults;
    }

    void recycleFunctions() {
        triggers.recycle();
    }

    /**
     * Seeds the demo pool, client and user. With a state file, a demo pool and client kept from an earlier run are
     * reused (the demo user is recreated if missing), so restarts with {@code --seed} keep the same ids; the password
     * is always a new random one.
     */
    synchronized Seeded seed() {
        String username = "demo";
        String email = "demo@example.com";
        String phone = "+15555550100";
        AppClient existing = directory.clients.values().stream()
                .filter(c -> c.name.equals(DEMO_NAME))
                .filter(c -> directory.pools.containsKey(c.userPoolId)
                        && directory.pools.get(c.userPoolId).config().name().equals(DEMO_NAME))
                .findFirst()
                .orElse(null);
        String poolId = existing != null ? existing.userPoolId : createDemoPool();
        String clientId = existing != null ? existing.clientId : createDemoClient(poolId);
        if (directory.pool(poolId).resolve(username) == null) {
            createDemoUser(poolId, username, email, phone);
        }
        String password = "Sw-" + Ids.token(12) + "7a!";
        ObjectNode setPassword = JsonCodec.object();
        setPassword.put("UserPoolId", poolId);
        setPassword.put("Username", username);
        setPassword.put("Password", password);
        setPassword.put("Permanent", true);
        call("AdminSetUserPassword", setPassword);
        return new Seeded(poolId, clientId, username, password, email, phone);
    }

    private String createDemoPool() {
        String arnPrefix = "arn:aws:lambda:" + region + ":000000000000:function:";
        ObjectNode pool = JsonCodec.object();
        pool.put("PoolName", DEMO_NAME);
        ObjectNode lambda = pool.putObject("LambdaConfig");
        lambda.put("DefineAuthChallenge", arnPrefix + CognitoEmulator.DEFINE_FUNCTION);
        lambda.put("CreateAuthChallenge", arnPrefix + CognitoEmulator.CREATE_FUNCTION);
        lambda.put("VerifyAuthChallengeResponse", arnPrefix + CognitoEmulator.VERIFY_FUNCTION);
        lambda.put("PostConfirmation", arnPrefix + CognitoEmulator.POST_CONFIRMATION_FUNCTION);
        // The guard lets through only sign-ins whose Define left a Stepwise mark: a Define of your own leaves none.
        if (bundledDefine) {
            lambda.putObject("PreTokenGenerationConfig")
                    .put("LambdaArn", arnPrefix + CognitoEmulator.TOKEN_GENERATION_FUNCTION)
                    .put("LambdaVersion", "V2_0");
        }
        return call("CreateUserPool", pool).path("UserPool").path("Id").asText();
    }

    private String createDemoClient(String poolId) {
        ObjectNode client = JsonCodec.object();
        client.put("UserPoolId", poolId);
        client.put("ClientName", DEMO_NAME);
        client.putArray("ExplicitAuthFlows").add("ALLOW_CUSTOM_AUTH").add("ALLOW_REFRESH_TOKEN_AUTH");
        client.put("PreventUserExistenceErrors", "ENABLED");
        return call("CreateUserPoolClient", client)
                .path("UserPoolClient")
                .path("ClientId")
                .asText();
    }

    private void createDemoUser(String poolId, String username, String email, String phone) {
        ObjectNode user = JsonCodec.object();
        user.put("UserPoolId", poolId);
        user.put("Username", username);
        user.put("MessageAction", "SUPPRESS");
        ArrayNode attributes = user.putArray("UserAttributes");
        attributes.addObject().put("Name", "email").put("Value", email);
        attributes.addObject().put("Name", "email_verified").put("Value", "true");
        attributes.addObject().put("Name", "phone_number").put("Value", phone);
        attributes.addObject().put("Name", "phone_number_verified").put("Value", "true");
        call("AdminCreateUser", user);
    }

    private ObjectNode call(String operation, ObjectNode request) {
        return api.call(operation, Input.of(request), RequestContext.INTERNAL);
    }

    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        front.close();
        triggers.close();
        save.run();
        if (triggerLoader != null) {
            try {
                triggerLoader.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close the trigger jars", e);
            }
        }
    }
}
