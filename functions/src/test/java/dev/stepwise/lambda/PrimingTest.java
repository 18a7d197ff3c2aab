package dev.stepwise.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.core.CustomAuthFlow;
import dev.stepwise.core.InMemoryStateStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PrimingTest {
    private static final Map<String, String> ENVIRONMENT = Map.of(
            "STEPWISE_POLICY", "email_code",
            "STEPWISE_SECRET", Base64.getEncoder().encodeToString(new byte[32]),
            "STEPWISE_EMAIL_FROM", "no-reply@example.com",
            "STEPWISE_STATE_TABLE", "stepwise-state",
            "AWS_REGION", "us-east-1");

    private final InMemoryStateStore state = new InMemoryStateStore();

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    @Test
    void prime_define_decidesAFirstRoundEveryRound() {
        Priming.forDefine(new DefineAuthChallengeHandler(flow(), Clock.systemUTC(), lines::add).forPriming())
                .prime();

        assertThat(lines).hasSize(Priming.FAST_ROUNDS).allMatch(line -> line.contains("\"outcome\":\"challenge\""));
    }

    @Test
    void prime_create_makesDecoysAndSendsNothing() {
        Priming.forCreate(new CreateAuthChallengeHandler(flow(), Clock.systemUTC(), lines::add).forPriming())
                .prime();

        assertThat(lines).hasSize(Priming.DECOY_ROUNDS).allMatch(line -> line.contains("\"outcome\":\"decoy\""));
    }

    @Test
    void prime_verify_checksAWrongAnswer() {
        Priming.forVerify(new VerifyAuthChallengeHandler(flow(), Clock.systemUTC(), lines::add).forPriming())
                .prime();

        assertThat(lines).hasSize(Priming.FAST_ROUNDS).allMatch(line -> line.contains("\"outcome\":\"wrong\""));
    }

    @Test
    void reseed_trackedGenerator_getsAFreshSeed() {
        List<byte[]> seeds = new ArrayList<>();
        SecureRandom random = Priming.reseededOnRestore(new SecureRandom() {
            @Override
            public synchronized void setSeed(byte[] seed) {
                seeds.add(seed.clone());
                super.setSeed(seed);
            }
        });
        seeds.clear();

        Priming.reseed();

        assertThat(random).isNotNull();
        assertThat(seeds).hasSize(1);
        assertThat(seeds.get(0)).hasSize(32);
    }

    @AfterEach
    void primingWritesNothingToTheStateTable() {
        assertThat(state.view()).isEmpty();
    }

    private CustomAuthFlow flow() {
        return FunctionWiring.from(ENVIRONMENT).flow(Map.of(), state);
    }
}
