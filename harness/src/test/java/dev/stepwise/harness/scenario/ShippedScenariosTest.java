package dev.stepwise.harness.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class ShippedScenariosTest {

    static final Path SCENARIOS = Path.of("..", "scenarios");

    @Test
    @Tag("slow")
    void runAll_everyShippedScenarioOnTheEmulator_passes() {
        List<Scenario> scenarios = ScenarioLoader.load(List.of(SCENARIOS));
        long started = System.nanoTime();
        List<ScenarioResult> results;
        try (EmulatorTarget target = EmulatorTarget.create()) {
            results = ScenarioRunner.create(Duration.ofSeconds(10)).runAll(scenarios, target);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        StringWriter table = new StringWriter();
        ScenarioReport.print(results, new PrintWriter(table));
        System.out.println(table);
        System.out.printf(
                "shipped scenario suite on the emulator: %d scenarios in %d ms (emulator starts included)%n",
                results.size(), elapsed.toMillis());

        assertThat(scenarios).hasSizeGreaterThanOrEqualTo(10);
        assertThat(results).allSatisfy(r -> assertThat(r.status())
                .as(r.scenario().name() + ": " + r.differences())
                .isEqualTo(ScenarioResult.Status.PASSED));
    }

    @Test
    void load_everyShippedScenario_hasAUniqueName() throws Exception {
        List<Scenario> scenarios = ScenarioLoader.load(List.of(SCENARIOS));

        assertThat(scenarios.stream().map(Scenario::name)).doesNotHaveDuplicates();
        try (var files = Files.list(SCENARIOS)) {
            assertThat(scenarios).hasSize((int)
                    files.filter(f -> f.toString().endsWith(".yaml")).count());
        }
    }
}
