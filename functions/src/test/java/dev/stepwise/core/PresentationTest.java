package dev.stepwise.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PresentationTest {
    @Test
    void new_payloadWithADotOrTooLong_refused() {
        assertThatThrownBy(() -> Presentation.of(Map.of(), "a.b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Presentation.of(Map.of(), "a".repeat(401)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Presentation.of(Map.of(), "kms1:AbC-_+/=").payload()).isEqualTo("kms1:AbC-_+/=");
    }
}
