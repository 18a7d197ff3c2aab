package dev.stepwise.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FactorTest {
    @Test
    void of_malformedId_refused() {
        assertThat(Factor.of("email_code")).isSameAs(Factor.EMAIL_CODE);
        assertThat(Factor.of("word")).isEqualTo(Factor.of("word")).hasToString("word");
        assertThatThrownBy(() -> Factor.of("Word")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Factor.of("a.b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Factor.of("")).isInstanceOf(IllegalArgumentException.class);
    }
}
