package dev.stepwise.harness.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.stepwise.harness.client.NextStep;
import dev.stepwise.harness.client.SignInClient;
import dev.stepwise.harness.emulator.Seeded;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

class TriggerLogExtensionTest {

    private static Map<String, String> run(Class<?> type, Map<String, String> parameters, StringBuilder printed) {
        LauncherDiscoveryRequestBuilder builder =
                LauncherDiscoveryRequestBuilder.request().selectors(selectClass(type));
        parameters.forEach(builder::configurationParameter);
        LauncherDiscoveryRequest request = builder.build();
        Map<String, String> entries = new ConcurrentHashMap<>();
        TestExecutionListener listener = new TestExecutionListener() {
            @Override
            public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
                String log = entry.getKeyValuePairs().get(StepwiseEmulatorExtension.TRIGGER_LOG_ENTRY);
                if (log != null) {
                    entries.put(test.getDisplayName(), log);
                }
            }
        };
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            LauncherFactory.create().execute(request, listener);
        } finally {
            System.setOut(original);
        }
        printed.append(out.toString(StandardCharsets.UTF_8));
        return entries;
    }

    @Test
    void failedTest_printsTheTriggerLinesItCaused_passedTestPrintsNothing() {
        StringBuilder printed = new StringBuilder();

        Map<String, String> entries = run(Sample.class, Map.of(), printed);

        assertThat(entries).containsOnlyKeys("failing(SignInClient, Seeded)");
        assertThat(entries.get("failing(SignInClient, Seeded)"))
                .contains("[stepwise-define-auth-challenge] ")
                .contains("[stepwise-create-auth-challenge] ");
        assertThat(printed.toString())
                .contains("Trigger log of failing(SignInClient, Seeded):")
                .doesNotContain("Trigger log of passing()");
    }

    @Test
    void flag_printsEveryTestsTriggerLines() {
        StringBuilder printed = new StringBuilder();

        Map<String, String> entries =
                run(Sample.class, Map.of(StepwiseEmulatorExtension.PRINT_TRIGGER_LOG, "true"), printed);

        assertThat(entries).containsOnlyKeys("failing(SignInClient, Seeded)", "passing(SignInClient, Seeded)");
        assertThat(entries.get("passing(SignInClient, Seeded)")).contains("[stepwise-define-auth-challenge] ");
        assertThat(printed.toString()).contains("Trigger log of passing(SignInClient, Seeded):");
    }

    @Test
    void annotationFlag_printsEveryTestsTriggerLines() {
        Map<String, String> entries = run(AlwaysSample.class, Map.of(), new StringBuilder());

        assertThat(entries).containsOnlyKeys("passing(SignInClient, Seeded)");
    }

    @StepwiseEmulator
    static class Sample {
        @Test
        void failing(SignInClient client, Seeded user) {
            NextStep next = client.start(user.username());
            assertThat(next).as("deliberately failing").isInstanceOf(NextStep.Done.class);
        }

        @Test
        void passing(SignInClient client, Seeded user) {
            assertThat(client.start(user.username())).isInstanceOf(NextStep.Challenge.class);
        }
    }

    @StepwiseEmulator(printTriggerLog = true)
    static class AlwaysSample {
        @Test
        void passing(SignInClient client, Seeded user) {
            assertThat(List.of(client.start(user.username()))).hasSize(1);
        }
    }
}
