package dev.stepwise.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class FactorKeysTest {
    private static final String OLD =
            Base64.getEncoder().encodeToString("old-secret-old-secret-old-secret".getBytes(StandardCharsets.US_ASCII));
    private static final String NEW =
            Base64.getEncoder().encodeToString("new-secret-new-secret-new-secret".getBytes(StandardCharsets.US_ASCII));

    @Test
    void hash_sameParts_matchesOnlyThoseParts() {
        FactorKeys keys = FactorKeys.of(Fixtures.KEYS, "word");
        String hash = keys.hash("answer", "pool", "alice", "swordfish");

        assertThat(keys.matches(hash, "answer", "pool", "alice", "swordfish")).isTrue();
        assertThat(keys.matches(hash, "answer", "pool", "alice", "swordfisH")).isFalse();
        assertThat(keys.matches(hash, "answer", "pool", "bob", "swordfish")).isFalse();
        assertThat(keys.matches(hash, "answerpool", "", "alice", "swordfish")).isFalse();
        assertThat(keys.matches(null, "answer", "pool", "alice", "swordfish")).isFalse();
    }

    @Test
    void hash_otherFactorOrSecret_differs() {
        String word = FactorKeys.of(Fixtures.KEYS, "word").hash("x");

        assertThat(FactorKeys.of(Fixtures.KEYS, "pin").hash("x")).isNotEqualTo(word);
        assertThat(FactorKeys.of(StepwiseKeys.fromBase64(NEW), "word").hash("x"))
                .isNotEqualTo(word);
    }

    @Test
    void matches_duringRotation_acceptsThePreviousSecretsHash() {
        String old = FactorKeys.of(StepwiseKeys.fromBase64(OLD), "word").hash("x");
        FactorKeys rotating = FactorKeys.of(StepwiseKeys.fromBase64("test", NEW, OLD), "word");

        assertThat(rotating.matches(old, "x")).isTrue();
        assertThat(rotating.hash("x")).isNotEqualTo(old);
        assertThat(FactorKeys.of(StepwiseKeys.fromBase64(NEW), "word").matches(old, "x"))
                .isFalse();
    }
}
