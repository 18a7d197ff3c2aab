package dev.stepwise.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TrustedDevicesTest {
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    private final InMemoryStateStore store = new InMemoryStateStore();
    private final TrustedDevices devices = new TrustedDevices(store, Duration.ofDays(30));
    private final String secret = TrustedDevices.newSecret(new SecureRandom());

    @Test
    void recognise_trustedSecret_trueAndRecordsTheUse() {
        String id = devices.trust("pool", "alice", "client", secret, NOW);

        boolean recognised = devices.recognise("pool", "alice", "client", secret, NOW.plusSeconds(60));

        assertThat(recognised).isTrue();
        assertThat(devices.list("pool", "alice", NOW.plusSeconds(60)))
                .singleElement()
                .satisfies(device -> {
                    assertThat(device.id()).isEqualTo(id).isEqualTo(TrustedDevices.idOf(secret));
                    assertThat(device.clientId()).isEqualTo("client");
                    assertThat(device.createdAt()).isEqualTo(NOW);
                    assertThat(device.lastUsedAt()).isEqualTo(NOW.plusSeconds(60));
                    assertThat(device.expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(30)));
                });
    }

    @Test
    void recognise_otherUserPoolOrClient_false() {
        devices.trust("pool", "alice", "client", secret, NOW);

        assertThat(devices.recognise("pool", "bob", "client", secret, NOW)).isFalse();
        assertThat(devices.recognise("other-pool", "alice", "client", secret, NOW))
                .isFalse();
        assertThat(devices.recognise("pool", "alice", "other-client", secret, NOW))
                .isFalse();
    }

    @Test
    void recognise_idWithoutSecretOrAnotherSecret_false() {
        String id = devices.trust("pool", "alice", "client", secret, NOW);

        assertThat(devices.recognise("pool", "alice", "client", id, NOW)).isFalse();
        assertThat(devices.recognise("pool", "alice", "client", TrustedDevices.newSecret(new SecureRandom()), NOW))
                .isFalse();
        assertThat(devices.recognise("pool", "alice", "client", null, NOW)).isFalse();
        assertThat(devices.recognise("pool", "alice", "client", "", NOW)).isFalse();
    }

    @Test
    void recognise_afterExpiry_false() {
        devices.trust("pool", "alice", "client", secret, NOW);

        assertThat(devices.recognise("pool", "alice", "client", secret, NOW.plus(Duration.ofDays(30))))
                .isFalse();
    }

    @Test
    void recognise_afterRevoke_false() {
        String id = devices.trust("pool", "alice", "client", secret, NOW);

        assertThat(devices.revoke("pool", "alice", id)).isTrue();
        assertThat(devices.revoke("pool", "alice", id)).isFalse();
        assertThat(devices.recognise("pool", "alice", "client", secret, NOW)).isFalse();
    }

    @Test
    void revokeAll_twoDevices_bothUntrustedOtherUsersKept() {
        String other = TrustedDevices.newSecret(new SecureRandom());
        devices.trust("pool", "alice", "client", secret, NOW);
        devices.trust("pool", "alice", "client", other, NOW);
        devices.trust("pool", "bob", "client", other, NOW);

        assertThat(devices.revokeAll("pool", "alice", NOW)).isEqualTo(2);
        assertThat(devices.recognise("pool", "alice", "client", secret, NOW)).isFalse();
        assertThat(devices.recognise("pool", "alice", "client", other, NOW)).isFalse();
        assertThat(devices.recognise("pool", "bob", "client", other, NOW)).isTrue();
    }

    @Test
    void trust_storesNoSecret() {
        devices.trust("pool", "alice", "client", secret, NOW);

        assertThat(store.view().values())
                .allSatisfy(item -> assertThat(item.attributes().values()).doesNotContain(secret));
    }

    @Test
    void trust_malformedSecret_refused() {
        assertThatThrownBy(() -> devices.trust("pool", "alice", "client", "short", NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recognise_brokenStore_throws() {
        store.failing(true);

        assertThatThrownBy(() -> devices.recognise("pool", "alice", "client", secret, NOW))
                .isInstanceOf(StateStoreException.class);
    }

    @Test
    void trustProposed_afterPropose_trustsOnceFromThatClient() {
        devices.propose("pool", "alice", "nonce", secret, NOW);

        assertThat(devices.recognise("pool", "alice", "client", secret, NOW)).isFalse();
        assertThat(devices.trustProposed("pool", "alice", "client", "nonce", NOW))
                .contains(TrustedDevices.idOf(secret));
        assertThat(devices.trustProposed("pool", "alice", "client", "nonce", NOW))
                .isEmpty();
        assertThat(devices.recognise("pool", "alice", "client", secret, NOW)).isTrue();
        assertThat(devices.recognise("pool", "alice", "other-client", secret, NOW))
                .isFalse();
    }

    @Test
    void trustProposed_otherSignIn_trustsNothing() {
        devices.propose("pool", "alice", "nonce", secret, NOW);

        assertThat(devices.trustProposed("pool", "alice", "client", "other-nonce", NOW))
                .isEmpty();
        assertThat(devices.trustProposed("pool", "bob", "client", "nonce", NOW)).isEmpty();
        assertThat(devices.list("pool", "alice", NOW)).isEmpty();
    }
}
