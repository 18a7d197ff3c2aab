package dev.stepwise.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HandlerBenchmarksTest {
    private final HandlerBenchmarks benchmarks = new HandlerBenchmarks();

    @BeforeEach
    void setUp() throws Exception {
        benchmarks.setUp();
    }

    @AfterEach
    void tearDown() {
        benchmarks.tearDown();
    }

    @Test
    void tokenGuard_everyInvocation_takesAMarkAndAddsTheFactorClaims() {
        for (int i = 0; i < 3; i++) {
            assertThat(benchmarks
                            .tokenGuard()
                            .getResponse()
                            .getClaimsAndScopeOverrideDetails()
                            .getAccessTokenGeneration()
                            .getClaimsToAddOrOverride())
                    .containsEntry("stepwise:amr", "otp");
        }
    }
}
