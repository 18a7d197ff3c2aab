package dev.stepwise.harness.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.stepwise.harness.client.SignInClient;
import dev.stepwise.harness.emulator.Seeded;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Measures the extension's start time per test class (emulator, bundled triggers, seeded pool, client and user,
 * ready {@code SignInClient}), cold and then warm in one JVM: runs one annotated class through the JUnit launcher
 * {@code ROUNDS} times, sequentially, and prints the start time of each.
 *
 * <p>Run: {@code java -cp "$(cat harness/target/test-classpath.txt):harness/target/classes:harness/target/test-classes"
 * dev.stepwise.harness.junit.ExtensionStartBenchmark}
 */
public final class ExtensionStartBenchmark {

    static final int ROUNDS = 10;

    private ExtensionStartBenchmark() {}

    public static void main(String[] args) {
        List<Long> millis = new ArrayList<>();
        TestExecutionListener listener = new TestExecutionListener() {
            @Override
            public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
                String value = entry.getKeyValuePairs().get(StepwiseEmulatorExtension.START_TIME_ENTRY);
                if (value != null) {
                    millis.add(Long.parseLong(value));
                }
            }
        };
        for (int i = 0; i < ROUNDS; i++) {
            LauncherFactory.create()
                    .execute(
                            LauncherDiscoveryRequestBuilder.request()
                                    .selectors(selectClass(Annotated.class))
                                    .build(),
                            listener);
        }
        System.out.println("extension start per test class, ms, in run order: " + millis);
        List<Long> warm = millis.subList(1, millis.size()).stream().sorted().toList();
        System.out.printf(
                Locale.ROOT,
                "cold %d ms; warm median %d ms, max %d ms (%d classes)%n",
                millis.get(0),
                warm.get(warm.size() / 2),
                warm.get(warm.size() - 1),
                warm.size());
    }

    @StepwiseEmulator(policy = "password > email_code")
    static class Annotated {
        @Test
        void ready(SignInClient client, Seeded user) {
            if (client == null || user == null) {
                throw new AssertionError("not injected");
            }
        }
    }
}
