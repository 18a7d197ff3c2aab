package dev.stepwise.core.passkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepwise.core.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PasskeyOptionsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final PasskeySettings SETTINGS =
            PasskeySettings.of("example.com", "Example", List.of("https://app.example.com"));
    private static final byte[] CHALLENGE = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DECOY_KEY = "decoy-key-decoy-key-decoy-key-32".getBytes(StandardCharsets.US_ASCII);

    @Test
    void request_levelThreeJson_hasEveryMember() {
        JsonNode options = JSON.readTree(PasskeyOptions.request(
                CHALLENGE, List.of(new PasskeyOptions.Descriptor("AAECAw", List.of("internal"))), SETTINGS));

        assertThat(options.get("challenge").asString())
                .isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(CHALLENGE));
        assertThat(options.get("rpId").asString()).isEqualTo("example.com");
        assertThat(options.get("userVerification").asString()).isEqualTo("required");
        assertThat(options.get("timeout").asLong()).isEqualTo(300_000);
        assertThat(options.get("allowCredentials").get(0).get("type").asString())
                .isEqualTo("public-key");
        assertThat(options.get("allowCredentials").get(0).get("id").asString()).isEqualTo("AAECAw");
        assertThat(options.get("allowCredentials")
                        .get(0)
                        .get("transports")
                        .get(0)
                        .asString())
                .isEqualTo("internal");
    }

    @Test
    void creation_levelThreeJson_asksForADiscoverableVerifiedPasskey() {
        JsonNode options = JSON.readTree(PasskeyOptions.creation(
                CHALLENGE,
                new byte[] {1, 2, 3},
                "alice",
                List.of(new PasskeyOptions.Descriptor("BBB", null)),
                SETTINGS));

        assertThat(options.at("/rp/id").asString()).isEqualTo("example.com");
        assertThat(options.at("/rp/name").asString()).isEqualTo("Example");
        assertThat(options.at("/user/id").asString()).isEqualTo("AQID");
        assertThat(options.at("/user/name").asString()).isEqualTo("alice");
        assertThat(options.at("/pubKeyCredParams/0/alg").asLong()).isEqualTo(-7);
        assertThat(options.at("/excludeCredentials/0/id").asString()).isEqualTo("BBB");
        assertThat(options.at("/authenticatorSelection/residentKey").asString()).isEqualTo("required");
        assertThat(options.at("/authenticatorSelection/userVerification").asString())
                .isEqualTo("required");
        assertThat(options.get("attestation").asString()).isEqualTo("none");
    }

    @Test
    void decoy_sameName_sameCredentialsEveryTime() {
        DecoyPasskeys decoys = new DecoyPasskeys();

        assertThat(decoys.allowCredentials(DECOY_KEY, "pool", "mallory"))
                .isEqualTo(new DecoyPasskeys().allowCredentials(DECOY_KEY, "pool", "mallory"))
                .isNotEqualTo(decoys.allowCredentials(DECOY_KEY, "pool", "trudy"));
    }

    @Test
    void decoy_manyNames_lookLikeCommonProviders() {
        DecoyPasskeys decoys = new DecoyPasskeys();
        java.util.Set<Integer> lengths = new java.util.HashSet<>();
        java.util.Set<Integer> counts = new java.util.HashSet<>();

        for (int i = 0; i < 200; i++) {
            List<PasskeyOptions.Descriptor> credentials = decoys.allowCredentials(DECOY_KEY, "pool", "user" + i);
            counts.add(credentials.size());
            for (PasskeyOptions.Descriptor credential : credentials) {
                lengths.add(Base64.getUrlDecoder().decode(credential.id()).length);
                assertThat(credential.transports()).isNotEmpty();
            }
        }

        assertThat(lengths).containsExactlyInAnyOrder(16, 20, 32);
        assertThat(counts).containsExactlyInAnyOrder(1, 2);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://app.example.com/",
                "https://app.example.com/sign-in",
                "https://APP.example.com",
                "http://app.example.com",
                "https://example.net",
                "https://notexample.com",
                "app.example.com",
                "https://user@app.example.com"
            })
    void settings_originNotExactOrNotUnderTheRpId_isRefused(String origin) {
        assertThatThrownBy(() -> PasskeySettings.of("example.com", "Example", List.of(origin)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(origin);
    }

    @Test
    void settings_localhostAndSubdomains_areAccepted() {
        assertThat(PasskeySettings.of("localhost", "Dev", List.of("http://localhost:3000"))
                        .origins())
                .containsExactly("http://localhost:3000");
        assertThat(PasskeySettings.of(
                                "example.com",
                                "Example",
                                List.of("https://example.com", "https://a.b.example.com:8443"))
                        .origins())
                .hasSize(2);
    }

    @Test
    void settings_noOrigins_isRefused() {
        assertThatThrownBy(() -> PasskeySettings.of("example.com", "Example", List.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("no web origin");
    }
}
