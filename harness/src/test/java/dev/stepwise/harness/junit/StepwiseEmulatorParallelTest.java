package dev.stepwise.harness.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.stepwise.harness.client.CodeReader;
import dev.stepwise.harness.client.NextStep;
import dev.stepwise.harness.client.SignInClient;
import dev.stepwise.harness.client.SignInFlow;
import dev.stepwise.harness.emulator.Mailbox;
import dev.stepwise.harness.emulator.Seeded;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

class StepwiseEmulatorParallelTest {

    static final int CLASSES = 3;
    static final CyclicBarrier ALL_RUNNING = new CyclicBarrier(CLASSES);
    static final Map<String, URI> ENDPOINTS = new ConcurrentHashMap<>();
    static final Map<String, Boolean> MAILBOX_EMPTY_AT_START = new ConcurrentHashMap<>();

    @Test
    void launch_threeAnnotatedClassesInParallel_eachGetsItsOwnEmulatorSignsInAndStops() {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(EmailCode.class), selectClass(SmsCode.class), selectClass(PasswordFirst.class))
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "same_thread")
                .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "3")
                .build();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        Map<String, String> startMillis = new ConcurrentHashMap<>();
        TestExecutionListener startTimes = new TestExecutionListener() {
            @Override
            public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
                entry.getKeyValuePairs()
                        .forEach((key, value) -> startMillis.put(test.getDisplayName() + " " + key, value));
            }
        };

        LauncherFactory.create().execute(request, summary, startTimes);

        TestExecutionSummary result = summary.getSummary();
        result.getFailures().forEach(f -> f.getException().printStackTrace());
        startMillis.forEach((key, value) ->
                System.out.println("emulator start (extension, parallel): " + key + " = " + value + " ms"));
        assertThat(result.getTestsSucceededCount()).isEqualTo(CLASSES);
        assertThat(result.getTotalFailureCount()).isZero();
        assertThat(ENDPOINTS.values()).hasSize(CLASSES).doesNotHaveDuplicates();
        assertThat(ENDPOINTS.values()).noneMatch(StepwiseEmulatorParallelTest::accepts);
        assertThat(MAILBOX_EMPTY_AT_START).hasSize(CLASSES).doesNotContainValue(false);
        assertThat(startMillis).hasSize(CLASSES);
    }

    static void arrive(String name, URI endpoint, Mailbox mailbox) throws Exception {
        ENDPOINTS.put(name, endpoint);
        MAILBOX_EMPTY_AT_START.put(
                name, mailbox.emails().isEmpty() && mailbox.smsMessages().isEmpty());
        ALL_RUNNING.await(60, TimeUnit.SECONDS);
    }

    static NextStep finish(SignInClient client, NextStep next, CodeReader codes) {
        while (next instanceof NextStep.Challenge challenge) {
            next = client.answer(challenge, codes.awaitCode(challenge, Duration.ofSeconds(10)));
        }
        return next;
    }

    private static boolean accepts(URI endpoint) {
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @StepwiseEmulator
    static class EmailCode {
        @Test
        void signIn_emailCode_isDone(SignInClient client, Seeded user, CodeReader codes, URI endpoint, Mailbox mailbox)
                throws Exception {
            arrive("EmailCode", endpoint, mailbox);
            assertThat(finish(client, client.start(user.username()), codes)).isInstanceOf(NextStep.Done.class);
        }
    }

    @StepwiseEmulator(policy = "phone_code")
    static class SmsCode {
        @Test
        void signIn_smsCode_isDone(SignInClient client, Seeded user, CodeReader codes, URI endpoint, Mailbox mailbox)
                throws Exception {
            arrive("SmsCode", endpoint, mailbox);
            assertThat(finish(client, client.start(user.username()), codes)).isInstanceOf(NextStep.Done.class);
            assertThat(mailbox.smsTo(user.phoneNumber())).hasSize(1);
        }
    }

    @StepwiseEmulator(policy = "password > email_code")
    static class PasswordFirst {
        @Test
        void signIn_passwordThenEmailCode_isDone(
                SignInClient client, Seeded user, CodeReader codes, URI endpoint, Mailbox mailbox) throws Exception {
            arrive("PasswordFirst", endpoint, mailbox);
            NextStep next = client.start(SignInFlow.CUSTOM_WITH_SRP, user.username(), user.password());
            assertThat(finish(client, next, codes)).isInstanceOf(NextStep.Done.class);
        }
    }
}
