package dev.stepwise.harness.junit;

import dev.stepwise.harness.client.BackupCodeSeeder;
import dev.stepwise.harness.client.CodeReader;
import dev.stepwise.harness.client.HttpMailbox;
import dev.stepwise.harness.client.SignInClient;
import dev.stepwise.harness.client.SoftwareAuthenticator;
import dev.stepwise.harness.emulator.CognitoEmulator;
import dev.stepwise.harness.emulator.Mailbox;
import dev.stepwise.harness.emulator.Seeded;
import dev.stepwise.harness.emulator.SenderFaults;
import java.lang.reflect.AnnotatedElement;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link StepwiseEmulator}: starts the emulator in {@code beforeAll}, keeps it in the
 * class's extension store (JUnit closes it after the class), empties its mailbox and clears its sender faults before
 * each test, and resolves the parameters listed on the annotation. A test method with its own annotation gets its own
 * emulator, kept in the method's store and closed after it. It publishes the start time as the report entry
 * {@value #START_TIME_ENTRY} (milliseconds).
 *
 * <p>Thread-safe: each test class has its own store and emulator.
 */
public final class StepwiseEmulatorExtension
        implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    /** The report entry with the emulator's start time for the class, in milliseconds. */
    public static final String START_TIME_ENTRY = "stepwise.emulator.startMillis";

    /** The report entry with the trigger log lines of a failed test (or of every test, with the flag). */
    public static final String TRIGGER_LOG_ENTRY = "stepwise.emulator.triggerLog";

    /**
     * The JUnit configuration parameter (or system property) that prints every test's trigger log lines, failed or
     * not, when {@code true}; as {@link StepwiseEmulator#printTriggerLog()}.
     */
    public static final String PRINT_TRIGGER_LOG = "stepwise.emulator.printTriggerLog";

    private static final String LOG_MARK = "triggerLogMark";

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(StepwiseEmulatorExtension.class);
    /** The passkey relying party and origin of the emulator's triggers unless the environment names others. */
    static final String PASSKEY_RP_ID = "localhost";

    static final String PASSKEY_ORIGIN = "http://localhost";

    private static final Set<Class<?>> TYPES = Set.of(
            SignInClient.class,
            SoftwareAuthenticator.class,
            Seeded.class,
            URI.class,
            CodeReader.class,
            Mailbox.class,
            CognitoEmulator.class,
            BackupCodeSeeder.class,
            TestClock.class,
            SenderFaults.class);

    /** Created by JUnit. */
    public StepwiseEmulatorExtension() {}

    @Override
    public void beforeAll(ExtensionContext context) {
        Running running = running(context);
        context.publishReportEntry(START_TIME_ENTRY, Long.toString(running.startTime.toMillis()));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Running running = running(context);
        running.emulator.mailbox().clear();
        running.emulator.senderFaults().clear();
        context.getStore(NAMESPACE).put(LOG_MARK, running.log.mark());
    }

    /**
     * Prints the trigger log lines a failed test caused, since the emulator answers a failing trigger with no more than
     * Cognito does ("Incorrect username or password."); with the flag, every test's lines. Done here rather than in a
     * {@code TestWatcher}, which runs after a method's own emulator has been closed.
     */
    @Override
    public void afterEach(ExtensionContext context) {
        if (context.getExecutionException().isPresent() || printAlways(context)) {
            report(context);
        }
    }

    private static void report(ExtensionContext context) {
        Integer mark = context.getStore(NAMESPACE).get(LOG_MARK, Integer.class);
        if (mark == null) {
            return;
        }
        List<String> lines = running(context).log.since(mark);
        String text = lines.isEmpty() ? "(no trigger log lines)" : String.join(System.lineSeparator(), lines);
        System.out.println("Trigger log of " + context.getDisplayName() + ":" + System.lineSeparator() + text);
        context.publishReportEntry(TRIGGER_LOG_ENTRY, text);
    }

    private static boolean printAlways(ExtensionContext context) {
        boolean annotated = context.getTestMethod()
                .flatMap(method -> AnnotationSupport.findAnnotation(method, StepwiseEmulator.class))
                .or(() -> context.getTestClass()
                        .flatMap(type -> AnnotationSupport.findAnnotation(type, StepwiseEmulator.class)))
                .map(StepwiseEmulator::printTriggerLog)
                .orElse(false);
        return annotated
                || context.getConfigurationParameter(PRINT_TRIGGER_LOG)
                        .map(Boolean::parseBoolean)
                        .orElse(false)
                || Boolean.getBoolean(PRINT_TRIGGER_LOG);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return TYPES.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Running running = running(context);
        Class<?> type = parameter.getParameter().getType();
        if (type == SignInClient.class) {
            return running.client;
        } else if (type == Seeded.class) {
            return running.seeded;
        } else if (type == URI.class) {
            return running.emulator.endpoint();
        } else if (type == CodeReader.class) {
            return running.codes;
        } else if (type == Mailbox.class) {
            return running.emulator.mailbox();
        } else if (type == CognitoEmulator.class) {
            return running.emulator;
        } else if (type == BackupCodeSeeder.class) {
            return running.backupCodes;
        } else if (type == SoftwareAuthenticator.class) {
            return running.passkeys;
        } else if (type == SenderFaults.class) {
            return running.emulator.senderFaults();
        } else if (type == TestClock.class) {
            if (running.clock == null) {
                throw new ParameterResolutionException(
                        "No TestClock: the emulator runs on the system clock; set @StepwiseEmulator(clock = \"now\")");
            }
            return running.clock;
        }
        throw new ParameterResolutionException("StepwiseEmulator cannot provide " + type.getName());
    }

    /**
     * The emulator of the test method, when the method has its own annotation, or else of the nearest class that has
     * one, started on first use and stored on that context so JUnit closes it with the context.
     */
    private static Running running(ExtensionContext context) {
        Optional<AnnotatedElement> methodSettings = context.getTestMethod()
                .filter(method -> AnnotationSupport.isAnnotated(method, StepwiseEmulator.class))
                .map(AnnotatedElement.class::cast);
        ExtensionContext owner = context;
        if (methodSettings.isPresent()) {
            while (owner.getParent().flatMap(ExtensionContext::getTestMethod).isPresent()) {
                owner = owner.getParent().get();
            }
        } else {
            while (owner.getParent().isPresent() && (owner.getTestMethod().isPresent() || !annotated(owner))) {
                owner = owner.getParent().get();
            }
        }
        ExtensionContext store = owner;
        AnnotatedElement element =
                methodSettings.orElseGet(() -> store.getTestClass().orElse(null));
        // Stores are hierarchical: a method's own emulator needs a key of its own, or it would find the class's.
        Object key = methodSettings.isPresent() ? store.getUniqueId() : Running.class;
        return store.getStore(NAMESPACE).getOrComputeIfAbsent(key, k -> start(store, element), Running.class);
    }

    private static boolean annotated(ExtensionContext context) {
        return context.getTestClass()
                .filter(type -> AnnotationSupport.isAnnotated(type, StepwiseEmulator.class))
                .isPresent();
    }

    private static Running start(ExtensionContext context, AnnotatedElement element) {
        StepwiseEmulator settings = AnnotationSupport.findAnnotation(element, StepwiseEmulator.class)
                .orElseThrow(() -> new ExtensionConfigurationException(
                        "StepwiseEmulatorExtension needs @StepwiseEmulator on the test class or method"));
        long started = System.nanoTime();
        Map<String, String> environment = environment(settings);
        TestClock clock = clock(settings, context);
        TriggerLog log = new TriggerLog();
        CognitoEmulator.Builder builder =
                CognitoEmulator.builder().bundledTriggers(environment).functionLog(log::add);
        builder.triggerRunner(settings.runner())
                .triggerTimeout(Duration.ofMillis(settings.triggerTimeoutMillis()))
                .webPage(settings.webPage());
        if (clock != null) {
            builder.clock(clock);
        }
        String define = handler(settings.define(), settings.defineClassName());
        String create = handler(settings.create(), settings.createClassName());
        String verify = handler(settings.verify(), settings.verifyClassName());
        if (define != null) {
            builder.defineTrigger(define);
        }
        if (create != null) {
            builder.createTrigger(create);
        }
        if (verify != null) {
            builder.verifyTrigger(verify);
        }
        if (!settings.triggerJar().isEmpty()) {
            builder.triggerJar(Path.of(settings.triggerJar()));
        }
        CognitoEmulator emulator;
        try {
            emulator = builder.start();
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(
                    "@StepwiseEmulator on " + where(context) + " cannot start the emulator: " + e.getMessage());
        }
        try {
            Seeded seeded = emulator.seed();
            SignInClient client = SignInClient.builder()
                    .endpoint(emulator.endpoint())
                    .region("us-east-1")
                    .userPoolId(seeded.userPoolId())
                    .clientId(seeded.clientId())
                    .build();
            CodeReader codes = CodeReader.of(HttpMailbox.at(emulator.endpoint(), "us-east-1"));
            BackupCodeSeeder backupCodes =
                    BackupCodeSeeder.forEmulator(emulator.endpoint(), "us-east-1", environment.get("STEPWISE_SECRET"));
            Running running = new Running(
                    emulator, seeded, client, codes, backupCodes, Duration.ofNanos(System.nanoTime() - started));
            running.log = log;
            running.passkeys = SoftwareAuthenticator.builder()
                    .origin(environment
                            .get("STEPWISE_WEBAUTHN_ORIGINS")
                            .split(",")[0]
                            .strip())
                    .build();
            running.clock = clock;
            return running;
        } catch (RuntimeException e) {
            emulator.close();
            throw e;
        }
    }

    private static String where(ExtensionContext context) {
        return context.getTestMethod()
                .map(method -> method.getDeclaringClass().getName() + "." + method.getName())
                .orElseGet(() -> context.getRequiredTestClass().getName());
    }

    private static TestClock clock(StepwiseEmulator settings, ExtensionContext context) {
        String start = settings.clock().strip();
        if (start.isEmpty()) {
            return null;
        }
        if (start.equals(StepwiseEmulator.NOW)) {
            return TestClock.atSystemTime();
        }
        try {
            return TestClock.at(Instant.parse(start));
        } catch (DateTimeParseException e) {
            throw new ExtensionConfigurationException("@StepwiseEmulator on " + where(context) + ": clock '" + start
                    + "' is neither \"now\" nor an ISO-8601 instant such as 2026-11-22T03:00:00Z");
        }
    }

    private static Map<String, String> environment(StepwiseEmulator settings) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("STEPWISE_POLICY", settings.policy());
        for (String entry : settings.environment()) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new ExtensionConfigurationException(
                        "@StepwiseEmulator environment entry '" + entry + "' is not NAME=value");
            }
            environment.put(
                    entry.substring(0, eq).strip(), entry.substring(eq + 1).strip());
        }
        // Known to the extension, so the SoftwareAuthenticator parameter answers from an origin the triggers allow.
        environment.putIfAbsent("STEPWISE_WEBAUTHN_RP_ID", PASSKEY_RP_ID);
        environment.putIfAbsent("STEPWISE_WEBAUTHN_ORIGINS", PASSKEY_ORIGIN);
        // Known to the extension, so the BackupCodeSeeder parameter hashes codes with the triggers' key.
        environment.computeIfAbsent("STEPWISE_SECRET", k -> {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            return Base64.getEncoder().encodeToString(secret);
        });
        return environment;
    }

    private static String handler(Class<?> type, String className) {
        if (type != Void.class) {
            return type.getName();
        }
        return className.isEmpty() ? null : className;
    }

    /** One class's emulator and what was made for it; closed by JUnit with the class's store. */
    private static final class Running implements AutoCloseable {
        final CognitoEmulator emulator;
        final Seeded seeded;
        final SignInClient client;
        final CodeReader codes;
        final BackupCodeSeeder backupCodes;
        final Duration startTime;
        TriggerLog log = new TriggerLog();
        SoftwareAuthenticator passkeys;
        TestClock clock;

        Running(
                CognitoEmulator emulator,
                Seeded seeded,
                SignInClient client,
                CodeReader codes,
                BackupCodeSeeder backupCodes,
                Duration startTime) {
            this.emulator = emulator;
            this.seeded = seeded;
            this.client = client;
            this.codes = codes;
            this.backupCodes = backupCodes;
            this.startTime = startTime;
        }

        @Override
        public void close() {
            backupCodes.close();
            client.close();
            emulator.close();
        }
    }
}
