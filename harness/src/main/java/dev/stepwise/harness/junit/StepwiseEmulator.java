package dev.stepwise.harness.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against its own embedded Cognito emulator: started once for the class on a free port, with a
 * pool, an app client and a demo user wired to the triggers and policy named here, and stopped after the class.
 * Test methods, constructors and {@code @BeforeAll}/{@code @BeforeEach} methods can take these parameters:
 *
 * <ul>
 *   <li>{@link dev.stepwise.harness.client.SignInClient}: ready for the seeded pool and client
 *   <li>{@link dev.stepwise.harness.emulator.Seeded}: pool id, client id, username, password, email, phone number
 *   <li>{@link java.net.URI}: the endpoint, {@code http://127.0.0.1:<port>}
 *   <li>{@link dev.stepwise.harness.client.CodeReader}: reads codes from the emulator's mailbox
 *   <li>{@link dev.stepwise.harness.emulator.Mailbox}: the captured emails and SMS (emptied before each test)
 *   <li>{@link dev.stepwise.harness.emulator.CognitoEmulator}: the emulator itself
 *   <li>{@link dev.stepwise.harness.client.BackupCodeSeeder}: hands a user backup codes under the triggers' secret
 *   <li>{@link dev.stepwise.harness.client.SoftwareAuthenticator}: the class's passkey provider, answering from the
 *       first of {@code STEPWISE_WEBAUTHN_ORIGINS} (default {@code http://localhost}, relying party {@code localhost})
 *   <li>{@link TestClock}: the emulator's and the triggers' time, when {@link #clock()} asks for one
 *   <li>{@link dev.stepwise.harness.emulator.SenderFaults}: the SES v2 and SNS faults (cleared before each test)
 * </ul>
 *
 * <p>On a test method, the annotation gives that method an emulator of its own with the settings named there (the
 * class's annotation, if any, does not apply to it), started before the method and stopped after it: use it for the
 * tests whose policy, settings or clock differ from the rest of the class.
 *
 * <p>The triggers' settings are checked when the class starts: an invalid policy or limit fails the class with an
 * {@code ExtensionConfigurationException} that names the setting, not the first sign-in. Without a
 * {@code STEPWISE_SECRET} in {@link #environment()} the extension makes a random one.
 *
 * <p>JUnit is not brought in by the harness ({@code provided} scope): the extension uses the JUnit Jupiter API of your
 * project, 5.11 or newer 5.x (checked by the project's examples build with 5.11 and its own build with 5.14).
 *
 * <p>Classes run in parallel get one emulator each. By default the bundled Stepwise triggers run; {@link #define()},
 * {@link #create()} and {@link #verify()} (or their class-name forms, with {@link #triggerJar()}) put your own
 * {@code RequestHandler} classes in their place.
 *
 * <p>When a test fails, the lines its triggers wrote to their {@code LambdaLogger} are printed to standard output
 * (and published as the report entry {@code stepwise.emulator.triggerLog}), since the emulator itself answers a
 * failing trigger with no more than Cognito does; {@link #printTriggerLog()} prints them for every test.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(StepwiseEmulatorExtension.class)
public @interface StepwiseEmulator {

    /** {@link #clock()}'s value for a {@link TestClock} at the system's time when the emulator starts. */
    String NOW = "now";

    /** The triggers' {@code STEPWISE_POLICY}. */
    String policy() default "email_code";

    /** More trigger environment variables, as {@code NAME=value}. */
    String[] environment() default {};

    /** Your own Define Auth Challenge handler ({@code Void.class}: the bundled one). */
    Class<?> define() default Void.class;

    /** Your own Create Auth Challenge handler ({@code Void.class}: the bundled one). */
    Class<?> create() default Void.class;

    /** Your own Verify Auth Challenge Response handler ({@code Void.class}: the bundled one). */
    Class<?> verify() default Void.class;

    /** Your own Define handler by class name, e.g. one in {@link #triggerJar()}. */
    String defineClassName() default "";

    /** Your own Create handler by class name, e.g. one in {@link #triggerJar()}. */
    String createClassName() default "";

    /** Your own Verify handler by class name, e.g. one in {@link #triggerJar()}. */
    String verifyClassName() default "";

    /** A jar to load trigger classes from, relative to the working directory; empty for none. */
    String triggerJar() default "";

    /**
     * Prints every test's trigger log lines ({@code LambdaLogger} output), not only a failed test's; the configuration
     * parameter or system property {@code stepwise.emulator.printTriggerLog=true} does the same for every class.
     */
    boolean printTriggerLog() default false;

    /**
     * How the triggers run: {@code IN_PROCESS} (default, fast) or {@code CHILD_JVM} (child JVMs through the Lambda
     * Runtime API and AWS's runtime interface client, as Lambda runs them; handlers then need a no-argument
     * constructor and read {@link #environment()} with {@code System.getenv}).
     */
    dev.stepwise.harness.emulator.TriggerRunner runner() default dev.stepwise.harness.emulator.TriggerRunner.IN_PROCESS;

    /**
     * The emulator's clock: empty (default) for the system clock; {@link #NOW} or an ISO-8601 instant such as
     * {@code 2026-11-22T03:00:00Z} for a {@link TestClock} that starts there and moves only when the test moves it. The
     * bundled triggers, built through their {@code (Map<String, String>, Clock)} constructors, run on the same clock,
     * so moving it moves code expiry, lockout windows, send limits and TOTP time steps.
     */
    String clock() default "";

    /** How long a trigger may run before the emulator answers as Cognito does to a timeout, in milliseconds. */
    long triggerTimeoutMillis() default 5000;

    /** Serves the reference sign-in page at {@code <endpoint>/sign-in/} (as {@code stepwise emulator --web}). */
    boolean webPage() default false;
}
