package dev.stepwise.core;

import static dev.stepwise.core.Fixtures.POOL;
import static dev.stepwise.core.Fixtures.SEAL;
import static dev.stepwise.core.Fixtures.USER;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MetadataSealTest {
    private static final ChallengeMetadata METADATA =
            new ChallengeMetadata(Factor.PHONE_CODE, 1, 2, Instant.parse("2026-11-22T03:05:00Z"), "aGFzaA");

    @Test
    void open_sealed_roundTrips() {
        String sealed = SEAL.seal(POOL, USER, METADATA);

        assertThat(SEAL.open(POOL, USER, sealed)).contains(METADATA);
        assertThat(sealed).startsWith("2.phone_code.1.2.1795316700.aGFzaA...0.");
    }

    @Test
    void open_anyCharacterChanged_empty() {
        String sealed = SEAL.seal(POOL, USER, METADATA);

        for (int i = 0; i < sealed.length(); i++) {
            char replacement = sealed.charAt(i) == 'A' ? 'B' : 'A';
            String tampered = sealed.substring(0, i) + replacement + sealed.substring(i + 1);
            assertThat(SEAL.open(POOL, USER, tampered)).as("position %d", i).isEmpty();
        }
    }

    @Test
    void open_otherPoolUserOrSecret_empty() {
        String sealed = SEAL.seal(POOL, USER, METADATA);
        MetadataSeal otherSecret = new MetadataSeal(StepwiseKeys.fromBase64(Base64.getEncoder()
                .encodeToString("another secret of 32 bytes......".getBytes(StandardCharsets.UTF_8))));

        assertThat(SEAL.open("us-east-1_OTHER", USER, sealed)).isEmpty();
        assertThat(SEAL.open(POOL, "bob", sealed)).isEmpty();
        assertThat(otherSecret.open(POOL, USER, sealed)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                ".",
                "1",
                "garbage",
                "2.email_code.0.1.1.aGFzaA.mac",
                "1.email_code.0.1.1.aGFzaA",
                "2.email_code.0.1.1.aGFzaA...0"
            })
    void open_malformed_empty(String sealed) {
        assertThat(SEAL.open(POOL, USER, sealed)).isEmpty();
    }

    @Test
    void open_null_empty() {
        assertThat(SEAL.open(POOL, USER, null)).isEmpty();
    }

    @Test
    void stepwiseKeys_toString_redacts() {
        assertThat(Fixtures.KEYS.toString()).isEqualTo("StepwiseKeys[redacted]");
    }
}
