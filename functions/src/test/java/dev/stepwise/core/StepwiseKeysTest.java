package dev.stepwise.core;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class StepwiseKeysTest {
    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void fromBase64_missing_saysHowToSetIt(String secret) {
        assertThatThrownBy(() -> StepwiseKeys.fromBase64("STEPWISE_SECRET", secret))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("STEPWISE_SECRET is not set")
                .hasMessageContaining("openssl rand -base64 32");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64!", "%%%%"})
    void fromBase64_notBase64_saysSo(String secret) {
        assertThatThrownBy(() -> StepwiseKeys.fromBase64("STEPWISE_SECRET", secret))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("STEPWISE_SECRET is not valid base64");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 16, 31})
    void fromBase64_tooShort_saysHowLong(int bytes) {
        String secret = Base64.getEncoder().encodeToString(new byte[bytes]);

        assertThatThrownBy(() -> StepwiseKeys.fromBase64("STEPWISE_SECRET", secret))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("STEPWISE_SECRET decodes to " + bytes + " bytes")
                .hasMessageContaining("at least 32 random bytes");
    }

    @Test
    void fromBase64_withoutSource_namesTheStepwiseSecret() {
        assertThatThrownBy(() -> StepwiseKeys.fromBase64(""))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("the Stepwise secret is not set");
    }
}
