package dev.stepwise.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SignInMarksTest {
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final SignInMark MARK = new SignInMark(List.of("password", "totp"), NOW.minusSeconds(2), false);

    private final InMemoryStateStore store = new InMemoryStateStore();
    private final SignInMarks marks = new SignInMarks(store, new SecureRandom());

    @Test
    void take_afterLeave_returnsTheMarkOnce() {
        marks.leave("pool", "alice", "client", MARK, NOW);

        Optional<SignInMark> first = marks.take("pool", "alice", "client", NOW.plusSeconds(1));
        Optional<SignInMark> second = marks.take("pool", "alice", "client", NOW.plusSeconds(1));

        assertThat(first).contains(MARK);
        assertThat(first.get().amr()).containsExactly("pwd", "otp", "mfa");
        assertThat(second).isEmpty();
    }

    @Test
    void take_otherUserPoolOrClient_findsNothing() {
        marks.leave("pool", "alice", "client", MARK, NOW);

        assertThat(marks.take("pool", "bob", "client", NOW)).isEmpty();
        assertThat(marks.take("other-pool", "alice", "client", NOW)).isEmpty();
        assertThat(marks.take("pool", "alice", "other-client", NOW)).isEmpty();
        assertThat(marks.take("pool", "alice", "client", NOW)).contains(MARK);
    }

    @Test
    void take_afterLifetime_findsNothing() {
        marks.leave("pool", "alice", "client", MARK, NOW);

        assertThat(marks.take("pool", "alice", "client", NOW.plus(SignInMarks.LIFETIME)))
                .isEmpty();
    }

    @Test
    void take_twoSignIns_eachMarkOnce() {
        marks.leave("pool", "alice", "client", MARK, NOW);
        marks.leave("pool", "alice", "client", MARK, NOW);

        assertThat(marks.take("pool", "alice", "client", NOW)).isPresent();
        assertThat(marks.take("pool", "alice", "client", NOW)).isPresent();
        assertThat(marks.take("pool", "alice", "client", NOW)).isEmpty();
    }

    @Test
    void take_concurrentCallers_exactlyOneGetsTheMark() throws Exception {
        marks.leave("pool", "alice", "client", MARK, NOW);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> takers = IntStream.range(0, 32)
                    .<Callable<Boolean>>mapToObj(i ->
                            () -> marks.take("pool", "alice", "client", NOW).isPresent())
                    .toList();
            long taken = 0;
            for (Future<Boolean> result : pool.invokeAll(takers)) {
                taken += result.get() ? 1 : 0;
            }

            assertThat(taken).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void take_brokenStore_throws() {
        store.failing(true);

        assertThatThrownBy(() -> marks.take("pool", "alice", "client", NOW)).isInstanceOf(StateStoreException.class);
    }
}
