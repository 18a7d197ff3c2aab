package dev.stepwise.bench.timing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.harness.load.Percentiles;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class EnumerationReportTest {

    private static Percentiles millis(long... values) {
        return Percentiles.of(LongStream.of(values).map(v -> v * 1_000_000).toArray());
    }

    @Test
    void differences_areRelativeToTheKnownUsers() {
        EnumerationReport report = new EnumerationReport(
                millis(10, 10, 10, 10, 10, 10, 10, 10, 10, 20), millis(11, 11, 11, 11, 11, 11, 11, 11, 11, 18));
        assertThat(report.medianDifference()).isCloseTo(0.10, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(report.p95Difference()).isCloseTo(-0.10, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(report.within(0.10)).isFalse();
        assertThat(report.within(0.11)).isTrue();
        assertThat(report.table()).contains("|  10.00 ms |  20.00 ms |", "+10.0 %", "-10.0 %");
    }
}
