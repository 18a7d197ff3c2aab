package dev.stepwise.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenGuardTest {
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    private final InMemoryStateStore store = new InMemoryStateStore();
    private final SignInMarks marks = new SignInMarks(store, new SecureRandom());

    private static TokenGuard.TokenRequest request(String source) {
        return new TokenGuard.TokenRequest(source, "pool", "alice", "client");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "TokenGeneration_Authentication",
                "TokenGeneration_NewPasswordChallenge",
                "TokenGeneration_HostedAuth",
                "TokenGeneration_AuthenticateDevice",
                "TokenGeneration_SomethingNew"
            })
    void check_enforcingWithoutMark_refuses(String source) {
        TokenGuard guard = new TokenGuard(marks, true);

        assertThat(guard.check(request(source), NOW)).isInstanceOf(TokenGuard.Refuse.class);
    }

    @Test
    void check_refresh_issuesWithoutClaims() {
        TokenGuard guard = new TokenGuard(marks, true);

        assertThat(guard.check(request(TokenGuard.REFRESH), NOW)).isEqualTo(new TokenGuard.Issue("refresh", Map.of()));
    }

    @Test
    void check_marked_issuesFactorClaimsOnce() {
        TokenGuard guard = new TokenGuard(marks, true);
        marks.leave("pool", "alice", "client", new SignInMark(List.of("password", "totp"), NOW, true), NOW);

        TokenGuard.Verdict first = guard.check(request("TokenGeneration_Authentication"), NOW);
        TokenGuard.Verdict second = guard.check(request("TokenGeneration_Authentication"), NOW);

        assertThat(first)
                .isEqualTo(new TokenGuard.Issue(
                        "marked",
                        Map.of(
                                TokenGuard.AMR_CLAIM, "pwd otp mfa",
                                TokenGuard.LAST_STEP_CLAIM, Long.toString(NOW.getEpochSecond()),
                                TokenGuard.DEVICE_CLAIM, "trusted")));
        assertThat(second).isInstanceOf(TokenGuard.Refuse.class);
    }

    @Test
    void check_notEnforcingWithoutMark_issuesWithoutClaims() {
        TokenGuard guard = new TokenGuard(marks, false);

        assertThat(guard.check(request("TokenGeneration_Authentication"), NOW))
                .isEqualTo(new TokenGuard.Issue("unmarked", Map.of()));
    }

    @Test
    void check_brokenStore_throwsWhenEnforcingIssuesWhenNot() {
        store.failing(true);

        assertThatThrownBy(() -> new TokenGuard(marks, true).check(request("TokenGeneration_Authentication"), NOW))
                .isInstanceOf(StateStoreException.class);
        assertThat(new TokenGuard(marks, false).check(request("TokenGeneration_Authentication"), NOW))
                .isEqualTo(new TokenGuard.Issue("unmarked", Map.of()));
        assertThat(new TokenGuard(marks, true).check(request(TokenGuard.REFRESH), NOW))
                .isInstanceOf(TokenGuard.Issue.class);
    }
}
