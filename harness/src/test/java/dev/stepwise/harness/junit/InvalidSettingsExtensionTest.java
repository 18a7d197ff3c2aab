package dev.stepwise.harness.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

class InvalidSettingsExtensionTest {

    static Stream<Arguments> start_invalidSetting_failsClassNamingTheSetting() {
        return Stream.of(
                Arguments.of(MisspeltPolicy.class, List.of("emial_code")),
                Arguments.of(AttemptsOutOfRange.class, List.of("STEPWISE_MAX_ATTEMPTS", "99")));
    }

    @ParameterizedTest
    @MethodSource
    void start_invalidSetting_failsClassNamingTheSetting(Class<?> testClass, List<String> named) {
        SummaryGeneratingListener summary = new SummaryGeneratingListener();

        LauncherFactory.create()
                .execute(
                        LauncherDiscoveryRequestBuilder.request()
                                .selectors(selectClass(testClass))
                                .build(),
                        summary);

        TestExecutionSummary result = summary.getSummary();
        assertThat(result.getTestsSucceededCount()).isZero();
        assertThat(result.getFailures()).hasSize(1);
        Throwable failure = result.getFailures().get(0).getException();
        assertThat(failure).isInstanceOf(ExtensionConfigurationException.class);
        assertThat(failure.getMessage()).contains(named).contains(testClass.getName());
    }

    @StepwiseEmulator(policy = "emial_code")
    static class MisspeltPolicy {
        @Test
        void neverRuns() {}
    }

    @StepwiseEmulator(environment = "STEPWISE_MAX_ATTEMPTS=99")
    static class AttemptsOutOfRange {
        @Test
        void neverRuns() {}
    }
}
