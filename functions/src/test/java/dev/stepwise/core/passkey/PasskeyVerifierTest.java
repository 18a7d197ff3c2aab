package dev.stepwise.core.passkey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.core.AesGcmSecretBox;
import dev.stepwise.core.InMemoryStateStore;
import dev.stepwise.core.StateItem;
import dev.stepwise.core.StateKeys;
import dev.stepwise.core.StepwiseKeys;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PasskeyVerifierTest {
    private static final StepwiseKeys KEYS = StepwiseKeys.fromBase64(
            Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)));
    private static final String POOL = "us-east-1_EXAMPLE";
    private static final String ALICE = "alice";
    private static final String BOB = "bob";
    private static final Instant NOW = Instant.parse("2026-12-02T22:00:00Z");
    private static final Instant EXPIRES = NOW.plus(Duration.ofMinutes(3));
    private static final PasskeySettings SETTINGS =
            PasskeySettings.of("example.com", "Example", List.of("https://app.example.com"));

    private final SecureRandom random = new SecureRandom();
    private final InMemoryStateStore state = new InMemoryStateStore();
    private final PasskeyStore store = new PasskeyStore(state, new AesGcmSecretBox(KEYS, random), random);
    private final PasskeyVerifier verifier = new PasskeyVerifier(SETTINGS);

    @Test
    void register_validNoneAttestation_storesThePasskeySealed() {
        TestAuthenticator authenticator = new TestAuthenticator();

        PasskeyCheck check = register(ALICE, authenticator);

        assertThat(check.passed()).as(check.reason()).isTrue();
        assertThat(store.list(POOL, ALICE, NOW)).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo(authenticator.id());
            assertThat(c.transports()).containsExactly("hybrid", "internal");
            assertThat(c.userVerified()).isTrue();
            assertThat(c.createdAt()).isEqualTo(NOW);
        });
        StateItem item = state.get(StateKeys.user(POOL, ALICE), PasskeyStore.PASSKEY + authenticator.id(), NOW)
                .orElseThrow();
        assertThat(item.attribute("record")).doesNotContain(authenticator.id());
    }

    static Stream<Arguments> register_badAttestation_isRefused() {
        return Stream.of(
                Arguments.of("wrong origin", (Consumer<TestAuthenticator>) a -> a.origin = "https://evil.example.net"),
                Arguments.of("wrong rpId", (Consumer<TestAuthenticator>) a -> a.rpId = "evil.example.net"),
                Arguments.of("no user verification", (Consumer<TestAuthenticator>) a -> a.userVerified = false),
                Arguments.of("no user presence", (Consumer<TestAuthenticator>) a -> a.userPresent = false),
                Arguments.of("assertion type", (Consumer<TestAuthenticator>) a -> a.type = "webauthn.get"),
                Arguments.of("cross origin", (Consumer<TestAuthenticator>) a -> a.crossOrigin = true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void register_badAttestation_isRefused(String name, Consumer<TestAuthenticator> spoil) {
        TestAuthenticator authenticator = new TestAuthenticator();
        spoil.accept(authenticator);

        PasskeyCheck check = register(ALICE, authenticator);

        assertThat(check.passed()).isFalse();
        assertThat(store.list(POOL, ALICE, NOW)).isEmpty();
    }

    @Test
    void register_otherChallenge_isRefused() {
        byte[] challenge = challenge();
        String answer = new TestAuthenticator().register(challenge());

        PasskeyCheck check = verifier.register(store, POOL, ALICE, challenge, handle(), EXPIRES, answer, NOW);

        assertThat(check.reason()).isEqualTo("challenge is not the round's");
    }

    @Test
    void register_sameAnswerTwice_secondIsRefused() {
        byte[] challenge = challenge();
        String answer = new TestAuthenticator().register(challenge);

        PasskeyCheck first = verifier.register(store, POOL, ALICE, challenge, handle(), EXPIRES, answer, NOW);
        PasskeyCheck second = verifier.register(store, POOL, ALICE, challenge, handle(), EXPIRES, answer, NOW);

        assertThat(first.passed()).isTrue();
        assertThat(second.reason()).isEqualTo("challenge already answered");
    }

    @Test
    void register_afterExpiry_isRefused() {
        byte[] challenge = challenge();

        PasskeyCheck check = verifier.register(
                store, POOL, ALICE, challenge, handle(), EXPIRES, new TestAuthenticator().register(challenge), EXPIRES);

        assertThat(check.reason()).isEqualTo("challenge expired");
    }

    @Test
    void authenticate_validAssertion_passesAndStoresTheCounter() {
        TestAuthenticator authenticator = registered(ALICE);
        authenticator.count = 5;
        byte[] challenge = challenge();

        PasskeyCheck check = verifier.authenticate(
                store, POOL, ALICE, challenge, EXPIRES, authenticator.assertion(challenge, handleOf(ALICE)), NOW);

        assertThat(check.passed()).as(check.reason()).isTrue();
        assertThat(store.find(POOL, ALICE, authenticator.id(), NOW).orElseThrow())
                .satisfies(c -> {
                    assertThat(c.signCount()).isEqualTo(5);
                    assertThat(c.lastUsedAt()).isEqualTo(NOW);
                });
    }

    static Stream<Arguments> authenticate_badAssertion_isRefused() {
        return Stream.of(
                Arguments.of("origin not allowed", (Consumer<TestAuthenticator>)
                        a -> a.origin = "https://app.example.com:8443"),
                Arguments.of(
                        "origin not allowed", (Consumer<TestAuthenticator>) a -> a.origin = "http://app.example.com"),
                Arguments.of("rpIdHash is not the relying party id's", (Consumer<TestAuthenticator>)
                        a -> a.rpId = "app.example.com"),
                Arguments.of("user not verified", (Consumer<TestAuthenticator>) a -> a.userVerified = false),
                Arguments.of("user not present", (Consumer<TestAuthenticator>) a -> a.userPresent = false),
                Arguments.of("signature does not verify", (Consumer<TestAuthenticator>) a -> a.tamperSignature = true),
                Arguments.of("wrong client data type", (Consumer<TestAuthenticator>) a -> a.type = "webauthn.create"),
                Arguments.of("cross-origin answer", (Consumer<TestAuthenticator>) a -> a.crossOrigin = true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void authenticate_badAssertion_isRefused(String reason, Consumer<TestAuthenticator> spoil) {
        TestAuthenticator authenticator = registered(ALICE);
        authenticator.count = 1;
        spoil.accept(authenticator);
        byte[] challenge = challenge();

        PasskeyCheck check = verifier.authenticate(
                store, POOL, ALICE, challenge, EXPIRES, authenticator.assertion(challenge, handleOf(ALICE)), NOW);

        assertThat(check.passed()).isFalse();
        assertThat(check.reason()).isEqualTo(reason);
        assertThat(store.find(POOL, ALICE, authenticator.id(), NOW)
                        .orElseThrow()
                        .lastUsedAt())
                .isNull();
    }

    @Test
    void authenticate_anotherRoundsChallenge_isRefused() {
        TestAuthenticator authenticator = registered(ALICE);

        PasskeyCheck check = verifier.authenticate(
                store, POOL, ALICE, challenge(), EXPIRES, authenticator.assertion(challenge(), handleOf(ALICE)), NOW);

        assertThat(check.reason()).isEqualTo("challenge is not the round's");
    }

    @Test
    void authenticate_replayedAnswer_isRefused() {
        TestAuthenticator authenticator = registered(ALICE);
        byte[] challenge = challenge();
        String answer = authenticator.assertion(challenge, handleOf(ALICE));

        PasskeyCheck first = verifier.authenticate(store, POOL, ALICE, challenge, EXPIRES, answer, NOW);
        PasskeyCheck replay = verifier.authenticate(store, POOL, ALICE, challenge, EXPIRES, answer, NOW.plusSeconds(1));

        assertThat(first.passed()).isTrue();
        assertThat(replay.passed()).isFalse();
        assertThat(replay.reason()).isEqualTo("challenge already answered");
    }

    @Test
    void authenticate_sameAnswerConcurrently_passesOnce() throws Exception {
        TestAuthenticator authenticator = registered(ALICE);
        byte[] challenge = challenge();
        String answer = authenticator.assertion(challenge, handleOf(ALICE));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<PasskeyCheck>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                calls.add(() -> verifier.authenticate(store, POOL, ALICE, challenge, EXPIRES, answer, NOW));
            }
            long passed = 0;
            for (Future<PasskeyCheck> result : pool.invokeAll(calls)) {
                passed += result.get().passed() ? 1 : 0;
            }
            assertThat(passed).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void authenticate_anotherUsersPasskey_isRefused() {
        registered(ALICE);
        TestAuthenticator bobs = registered(BOB);
        byte[] challenge = challenge();

        PasskeyCheck check = verifier.authenticate(
                store, POOL, ALICE, challenge, EXPIRES, bobs.assertion(challenge, handleOf(BOB)), NOW);

        assertThat(check.reason()).isEqualTo("not a passkey of this user");
    }

    @Test
    void authenticate_anotherUsersHandle_isRefused() {
        TestAuthenticator authenticator = registered(ALICE);
        registered(BOB);
        byte[] challenge = challenge();

        PasskeyCheck check = verifier.authenticate(
                store, POOL, ALICE, challenge, EXPIRES, authenticator.assertion(challenge, handleOf(BOB)), NOW);

        assertThat(check.reason()).isEqualTo("user handle is not the passkey's");
    }

    @ParameterizedTest
    @ValueSource(longs = {7, 6})
    void authenticate_counterNotAboveTheStoredOne_isRefused(long next) {
        TestAuthenticator authenticator = registered(ALICE);
        authenticator.count = 7;
        byte[] first = challenge();
        assertThat(verifier.authenticate(
                                store,
                                POOL,
                                ALICE,
                                first,
                                EXPIRES,
                                authenticator.assertion(first, handleOf(ALICE)),
                                NOW)
                        .passed())
                .isTrue();
        authenticator.count = next;
        byte[] second = challenge();

        PasskeyCheck check = verifier.authenticate(
                store, POOL, ALICE, second, EXPIRES, authenticator.assertion(second, handleOf(ALICE)), NOW);

        assertThat(check.reason()).isEqualTo("signature counter did not go up");
    }

    @Test
    void authenticate_bothCountersZero_passesEveryTime() {
        TestAuthenticator authenticator = registered(ALICE);

        for (int i = 0; i < 3; i++) {
            byte[] challenge = challenge();
            PasskeyCheck check = verifier.authenticate(
                    store, POOL, ALICE, challenge, EXPIRES, authenticator.assertion(challenge, handleOf(ALICE)), NOW);
            assertThat(check.passed()).as(check.reason()).isTrue();
        }
    }

    @Test
    void authenticate_withoutUserVerificationWhenNotRequired_passes() {
        PasskeySettings lenient = new PasskeySettings(
                "example.com", "Example", List.of("https://app.example.com"), false, Duration.ofMinutes(1));
        PasskeyVerifier lenientVerifier = new PasskeyVerifier(lenient);
        TestAuthenticator authenticator = registered(ALICE);
        authenticator.userVerified = false;
        byte[] challenge = challenge();

        PasskeyCheck check = lenientVerifier.authenticate(
                store, POOL, ALICE, challenge, EXPIRES, authenticator.assertion(challenge, handleOf(ALICE)), NOW);

        assertThat(check.passed()).as(check.reason()).isTrue();
    }

    @Test
    void authenticate_afterExpiry_isRefused() {
        TestAuthenticator authenticator = registered(ALICE);
        byte[] challenge = challenge();

        PasskeyCheck check = verifier.authenticate(
                store, POOL, ALICE, challenge, EXPIRES, authenticator.assertion(challenge, handleOf(ALICE)), EXPIRES);

        assertThat(check.reason()).isEqualTo("challenge expired");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "not json",
                "{}",
                "[]",
                "null",
                "{\"id\":\"AAAA\",\"type\":\"public-key\"}",
                "{\"id\":\"AAAA\",\"rawId\":\"AAAA\",\"type\":\"public-key\",\"response\":{\"clientDataJSON\":\"e30\","
                        + "\"authenticatorData\":\"AAAA\",\"signature\":\"AAAA\"}}",
                "{\"id\":\"AAAA\",\"rawId\":\"AAAA\",\"type\":\"public-key\",\"response\":{\"clientDataJSON\":\"!!\"}}"
            })
    void authenticate_malformedJson_isRefused(String answer) {
        registered(ALICE);

        PasskeyCheck check = verifier.authenticate(store, POOL, ALICE, challenge(), EXPIRES, answer, NOW);

        assertThat(check.passed()).isFalse();
    }

    @Test
    void authenticate_passkeyItemMovedToAnotherUser_isNotFound() {
        TestAuthenticator bobs = registered(BOB);
        StateItem item = state.get(StateKeys.user(POOL, BOB), PasskeyStore.PASSKEY + bobs.id(), NOW)
                .orElseThrow();
        state.put(new StateItem(StateKeys.user(POOL, ALICE), item.sk(), item.attributes(), null));
        byte[] challenge = challenge();

        PasskeyCheck check = verifier.authenticate(
                store, POOL, ALICE, challenge, EXPIRES, bobs.assertion(challenge, handleOf(BOB)), NOW);

        assertThat(check.reason()).isEqualTo("not a passkey of this user");
    }

    private TestAuthenticator registered(String user) {
        TestAuthenticator authenticator = new TestAuthenticator();
        PasskeyCheck check = register(user, authenticator);
        assertThat(check.passed()).as(check.reason()).isTrue();
        return authenticator;
    }

    private PasskeyCheck register(String user, TestAuthenticator authenticator) {
        byte[] challenge = challenge();
        return verifier.register(
                store,
                POOL,
                user,
                challenge,
                store.userHandle(POOL, user, NOW),
                EXPIRES,
                authenticator.register(challenge),
                NOW);
    }

    private byte[] handleOf(String user) {
        return store.userHandle(POOL, user, NOW);
    }

    private byte[] handle() {
        return store.userHandle(POOL, ALICE, NOW);
    }

    private byte[] challenge() {
        byte[] challenge = new byte[32];
        random.nextBytes(challenge);
        return challenge;
    }
}
