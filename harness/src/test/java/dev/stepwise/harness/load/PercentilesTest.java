package dev.stepwise.harness.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void at_oneToHundred_usesNearestRank() {
        Percentiles p =
                Percentiles.of(LongStream.rangeClosed(1, 100).map(i -> 101 - i).toArray());

        assertThat(p.median()).isEqualTo(50);
        assertThat(p.at(0.99)).isEqualTo(99);
        assertThat(p.at(1)).isEqualTo(100);
        assertThat(p.min()).isEqualTo(1);
        assertThat(p.max()).isEqualTo(100);
    }

    @Test
    void at_empty_isZero() {
        assertThat(Percentiles.of(new long[0]).at(0.99)).isZero();
    }
}
