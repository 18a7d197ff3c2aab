package dev.stepwise.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class AesGcmSecretBoxTest {
    private final SecretBox box = new AesGcmSecretBox(Fixtures.KEYS, new SecureRandom());
    private final byte[] secret = "twenty-byte-secret!!".getBytes(StandardCharsets.US_ASCII);

    @Test
    void open_sameContext_returnsPlaintext() {
        assertThat(box.open(box.seal(secret, "totp|pool|alice"), "totp|pool|alice"))
                .isEqualTo(secret);
    }

    @Test
    void seal_twice_differsAndHidesPlaintext() {
        String first = box.seal(secret, "c");

        assertThat(first)
                .isNotEqualTo(box.seal(secret, "c"))
                .doesNotContain("twenty")
                .doesNotContain(".");
    }

    @Test
    void open_otherContext_refused() {
        String sealed = box.seal(secret, "totp|pool|alice");

        assertThatThrownBy(() -> box.open(sealed, "totp|pool|mallory")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void open_otherKey_refused() {
        String sealed = box.seal(secret, "c");
        SecretBox other = new AesGcmSecretBox(
                StepwiseKeys.fromBase64("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWZYWFg="), new SecureRandom());

        assertThatThrownBy(() -> other.open(sealed, "c")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void open_tampered_refused() {
        String sealed = box.seal(secret, "c");
        char last = sealed.charAt(sealed.length() - 1);
        String tampered = sealed.substring(0, sealed.length() - 1) + (last == 'A' ? 'B' : 'A');

        assertThatThrownBy(() -> box.open(tampered, "c")).isInstanceOf(IllegalArgumentException.class);
    }
}
