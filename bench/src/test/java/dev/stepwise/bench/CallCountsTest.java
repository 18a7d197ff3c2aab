package dev.stepwise.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CallCountsTest {
    /** The token guard on a sign-in that gets tokens: it finds the sign-in's mark with one Query and takes it. */
    private static final String GUARD = "TokenGuard ×1: dynamodb DeleteItem 1, dynamodb Query 1";

    private static Map<String, CallCounts.Counts> measured;

    @BeforeAll
    static void measure() {
        measured = CallCounts.measure(Path.of("..", "scenarios")).stream()
                .collect(Collectors.toMap(CallCounts.Counts::scenario, Function.identity()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void measure_shippedScenario_makesExactlyTheseCalls(String scenario, List<String> calls) {
        assertThat(measured).containsKey(scenario);
        assertThat(measured.get(scenario).lines()).containsExactlyElementsOf(calls);
    }

    static Stream<Arguments> measure_shippedScenario_makesExactlyTheseCalls() {
        return Stream.of(
                arguments(
                        "backup-code",
                        List.of(
                                "Define ×3: dynamodb DeleteItem 4, dynamodb GetItem 4, dynamodb PutItem 1, dynamodb Query 4",
                                "Create ×2: dynamodb GetItem 3, dynamodb PutItem 3, dynamodb Query 3, dynamodb UpdateItem 2, ses SendEmail 1",
                                "Verify ×2: dynamodb DeleteItem 1, dynamodb GetItem 2, dynamodb PutItem 1, dynamodb Query 1, dynamodb UpdateItem 4",
                                GUARD)),
                arguments(
                        "choose-a-factor",
                        List.of(
                                "Define ×3: dynamodb DeleteItem 4, dynamodb GetItem 6, dynamodb PutItem 1, dynamodb Query 1",
                                "Create ×2: dynamodb GetItem 4, dynamodb PutItem 3, dynamodb UpdateItem 3, sns Publish 1",
                                "Verify ×2: dynamodb GetItem 2, dynamodb PutItem 2, dynamodb UpdateItem 4",
                                GUARD)),
                arguments("disabled-user", List.of()),
                arguments(
                        "eight-digit-code",
                        List.of(
                                "Define ×2: dynamodb DeleteItem 4, dynamodb GetItem 3, dynamodb PutItem 1, dynamodb Query 1",
                                "Create ×1: dynamodb GetItem 2, dynamodb PutItem 3, dynamodb UpdateItem 2, ses SendEmail 1",
                                "Verify ×1: dynamodb GetItem 1, dynamodb PutItem 1, dynamodb UpdateItem 2",
                                GUARD)),
                arguments(
                        "email-code",
                        List.of(
                                "Define ×2: dynamodb DeleteItem 4, dynamodb GetItem 3, dynamodb PutItem 1, dynamodb Query 1",
                                "Create ×1: dynamodb GetItem 2, dynamodb PutItem 3, dynamodb UpdateItem 2, ses SendEmail 1",
                                "Verify ×1: dynamodb GetItem 1, dynamodb PutItem 1, dynamodb UpdateItem 2",
                                GUARD)),
                arguments(
                        "email-link",
                        List.of(
                                "Define ×2: dynamodb DeleteItem 4, dynamodb GetItem 3, dynamodb PutItem 1, dynamodb Query 1",
                                "Create ×1: dynamodb GetItem 2, dynamodb PutItem 3, dynamodb UpdateItem 2, ses SendEmail 1",
                                "Verify ×1: dynamodb GetItem 1, dynamodb PutItem 1, dynamodb UpdateItem 2",
                                GUARD)),
                arguments(
                        "email-then-phone-code",
                        List.of(
                                "Define ×3: dynamodb DeleteItem 6, dynamodb GetItem 4, dynamodb PutItem 1, dynamodb Query 1",
                                "Create ×2: dynamodb GetItem 4, dynamodb PutItem 5, dynamodb UpdateItem 4, ses SendEmail 1, sns Publish 1",
                                "Verify ×2: dynamodb GetItem 2, dynamodb PutItem 2, dynamodb UpdateItem 4",
                                GUARD)),
                arguments(
                        "first-usable-alternative",
                        List.of(
                                "Define ×2: dynamodb DeleteItem 4, dynamodb GetItem 3, dynamodb PutItem 1, dynamodb Query 1",
                                "Create ×1: dynamodb GetItem 2, dynamodb PutItem 3, dynamodb UpdateItem 3, sns Publish 1",
                                "Verify ×1: dynamodb GetItem 1, dynamodb PutItem 1, dynamodb UpdateItem 2",
                                GUARD)),
                arguments(
                        "password-only",
                        List.of(
                                "Define ×2: dynamodb DeleteItem 2, dynamodb GetItem 2, dynamodb PutItem 1, dynamodb Query 1",
                                GUARD)),
                arguments(
                        "password-then-email-code",
                        List.of(
                                "Define ×3: dynamodb DeleteItem 4, dynamodb GetItem 4, dynamodb PutItem 1, dynamodb Query 1",
                                "Create ×1: dynamodb GetItem 2, dynamodb PutItem 3, dynamodb UpdateItem 2, ses SendEmail 1",
                                "Verify ×1: dynamodb GetItem 1, dynamodb PutItem 1, dynamodb UpdateItem 2",
                                GUARD)),
                arguments(
                        "password-then-email-link",
                        List.of(
                                "Define ×3: dynamodb DeleteItem 4, dynamodb GetItem 4, dynamodb PutItem 1, dynamodb Query 1",
                                "Create ×1: dynamodb GetItem 2, dynamodb PutItem 3, dynamodb UpdateItem 2, ses SendEmail 1",
                                "Verify ×1: dynamodb GetItem 1, dynamodb PutItem 1, dynamodb UpdateItem 2",
                                GUARD)),
                arguments(
                        "password-then-phone-code",
                        List.of(
                                "Define ×3: dynamodb DeleteItem 4, dynamodb GetItem 4, dynamodb PutItem 1, dynamodb Query 1",
                                "Create ×1: dynamodb GetItem 2, dynamodb PutItem 3, dynamodb UpdateItem 3, sns Publish 1",
                                "Verify ×1: dynamodb GetItem 1, dynamodb PutItem 1, dynamodb UpdateItem 2",
                                GUARD)),
                arguments(
                        "phone-code",
                        List.of(
                                "Define ×2: dynamodb DeleteItem 4, dynamodb GetItem 3, dynamodb PutItem 1, dynamodb Query 1",
                                "Create ×1: dynamodb GetItem 2, dynamodb PutItem 3, dynamodb UpdateItem 3, sns Publish 1",
                                "Verify ×1: dynamodb GetItem 1, dynamodb PutItem 1, dynamodb UpdateItem 2",
                                GUARD)),
                arguments(
                        "second-factor-alternatives",
                        List.of(
                                "Define ×3: dynamodb DeleteItem 4, dynamodb GetItem 7, dynamodb PutItem 1, dynamodb Query 4",
                                "Create ×2: dynamodb GetItem 5, dynamodb PutItem 3, dynamodb Query 3, dynamodb UpdateItem 2, ses SendEmail 1",
                                "Verify ×2: dynamodb DeleteItem 1, dynamodb GetItem 2, dynamodb PutItem 1, dynamodb Query 1, dynamodb UpdateItem 4",
                                GUARD)),
                arguments(
                        "too-many-wrong-codes",
                        List.of(
                                "Define ×3: dynamodb DeleteItem 1, dynamodb GetItem 3, dynamodb Query 1, dynamodb UpdateItem 1",
                                "Create ×2: dynamodb GetItem 4, dynamodb PutItem 3, dynamodb UpdateItem 2, ses SendEmail 1",
                                "Verify ×2: dynamodb GetItem 2, dynamodb UpdateItem 2")),
                arguments(
                        "totp-setup",
                        List.of(
                                "Define ×3: dynamodb DeleteItem 4, dynamodb GetItem 7, dynamodb PutItem 1, dynamodb Query 1",
                                "Create ×2: dynamodb GetItem 5, dynamodb PutItem 3, dynamodb UpdateItem 2, kms Encrypt 1, ses SendEmail 1",
                                "Verify ×2: dynamodb GetItem 2, dynamodb PutItem 3, dynamodb UpdateItem 4, kms Decrypt 1, kms Encrypt 1, ses SendEmail 1",
                                GUARD)),
                arguments(
                        "unknown-user",
                        List.of(
                                "Define ×4: dynamodb DeleteItem 1, dynamodb GetItem 4, dynamodb Query 1, dynamodb UpdateItem 1",
                                "Create ×3: dynamodb GetItem 6, dynamodb PutItem 4, dynamodb UpdateItem 2",
                                "Verify ×3: dynamodb GetItem 3, dynamodb UpdateItem 3")),
                arguments(
                        "unverified-email",
                        List.of(
                                "Define ×4: dynamodb DeleteItem 1, dynamodb GetItem 4, dynamodb Query 1, dynamodb UpdateItem 1",
                                "Create ×3: dynamodb GetItem 6, dynamodb PutItem 4, dynamodb UpdateItem 2",
                                "Verify ×3: dynamodb GetItem 3, dynamodb UpdateItem 3")),
                arguments(
                        "wrong-backup-code",
                        List.of(
                                "Define ×4: dynamodb DeleteItem 4, dynamodb GetItem 5, dynamodb PutItem 1, dynamodb Query 5",
                                "Create ×3: dynamodb GetItem 4, dynamodb PutItem 3, dynamodb Query 5, dynamodb UpdateItem 2, ses SendEmail 1",
                                "Verify ×3: dynamodb DeleteItem 1, dynamodb GetItem 3, dynamodb PutItem 1, dynamodb Query 2, dynamodb UpdateItem 5",
                                GUARD)),
                arguments(
                        "wrong-code-then-right",
                        List.of(
                                "Define ×3: dynamodb DeleteItem 4, dynamodb GetItem 4, dynamodb PutItem 1, dynamodb Query 1",
                                "Create ×2: dynamodb GetItem 4, dynamodb PutItem 3, dynamodb UpdateItem 2, ses SendEmail 1",
                                "Verify ×2: dynamodb GetItem 2, dynamodb PutItem 1, dynamodb UpdateItem 3",
                                GUARD)),
                arguments("wrong-password", List.of("Define ×1: dynamodb GetItem 1")));
    }

    @Test
    void measure_everyShippedScenario_isCounted() {
        assertThat(measured.keySet())
                .containsExactlyInAnyOrderElementsOf(measure_shippedScenario_makesExactlyTheseCalls()
                        .map(a -> (String) a.get()[0])
                        .toList());
    }

    @Test
    void measure_signInThatGetsTokens_countsTheTokenGuardsCalls() {
        CallCounts.Counts emailCode = measured.get("email-code");

        assertThat(emailCode.lines()).last().isEqualTo("TokenGuard ×1: dynamodb DeleteItem 1, dynamodb Query 1");
        assertThat(emailCode.of("TokenGuard", "lambda Invoke")).isEqualTo(1);
        assertThat(emailCode.of("TokenGuard", "dynamodb Query")).isEqualTo(1);
        assertThat(emailCode.of("TokenGuard", "dynamodb DeleteItem")).isEqualTo(1);
        assertThat(emailCode.total("dynamodb")).isEqualTo(22);
    }

    @Test
    void measure_everySignIn_runsTheTokenGuardExactlyWhenItGetsTokens() {
        assertThat(measured.values()).allSatisfy(counts -> assertThat(
                        counts.calls().getOrDefault("TokenGuard", Map.of()).getOrDefault("lambda Invoke", 0L))
                .as(counts.scenario())
                .isEqualTo(counts.signedIn() ? 1L : 0L));
    }

    @Test
    void signedIn_doneWithOrWithoutAmr_isASignIn() {
        assertThat(measured.get("password-only").signedIn()).isTrue();
        assertThat(measured.get("password-only").outcome()).startsWith("DONE with amr");
        assertThat(measured.get("wrong-password").signedIn()).isFalse();
        assertThat(measured.values().stream().filter(CallCounts.Counts::signedIn))
                .hasSize(16);
    }

    @Test
    void measure_failedSignIn_showsNoTokenGuardLine() {
        assertThat(measured.get("wrong-password").lines()).noneMatch(line -> line.startsWith("TokenGuard"));
        assertThat(measured.get("too-many-wrong-codes").lines()).noneMatch(line -> line.startsWith("TokenGuard"));
    }

    @Test
    void signInCost_signInThatGetsTokens_billsTheTokenGuard() {
        SignInCost cost = SignInCost.of(measured.get("password-only"), Map.of(), SignInCost.US_EAST_1);

        // Define ×2 and the guard; Define's 2 GetItem and 1 Query and the guard's Query; Define's 3 writes and the
        // guard's DeleteItem; billed: Define 6 requests × 5 ms, the guard 2 × 5 ms.
        assertThat(cost.lambda()).isEqualTo(3);
        assertThat(cost.readUnits()).isEqualTo(4);
        assertThat(cost.writeUnits()).isEqualTo(4);
        assertThat(cost.lambdaGbSeconds()).isCloseTo((30 + 10) / 1000.0, within(1e-9));
    }

    @Test
    void measure_secondRun_leavesNoInitCallsOutOfASignIn() {
        assertThat(measured.values())
                .allSatisfy(counts -> assertThat(counts.init()).isEmpty());
    }
}
