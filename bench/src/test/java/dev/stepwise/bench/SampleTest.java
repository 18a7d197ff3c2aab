package dev.stepwise.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SampleTest {

    @Test
    void median_unsortedOddCount_isMiddleValue() {
        assertThat(Sample.of(9, 1, 5).median()).isEqualTo(5);
    }

    @Test
    void spread_oneToFive_isInterquartileRange() {
        assertThat(Sample.of(5, 4, 3, 2, 1).spread("%.0f")).isEqualTo("2–4");
    }

    @Test
    void quantile_betweenRanks_interpolates() {
        assertThat(Sample.of(10, 20).quantile(0.5)).isEqualTo(15);
    }

    @Test
    void of_noValues_isRejected() {
        assertThatThrownBy(Sample::of).isInstanceOf(IllegalArgumentException.class);
    }
}
