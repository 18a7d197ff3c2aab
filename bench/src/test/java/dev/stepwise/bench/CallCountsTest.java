package dev.stepwise.bench;

import static org.assertj.core.api.Assertions.assertThat;
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
                                "Verify ×2: dynamodb DeleteItem 1, dynamodb GetItem 2, dynamodb PutItem 1, dynamodb Query 1, dynamodb UpdateItem 4")),
                arguments(
                        "choose-a-factor",
                        List.of(
                                "Define ×3: dynamodb DeleteItem 4, dynamodb GetItem 6, dynamodb PutItem 1, dynamodb Query 1",
                                "Create ×2: dynamodb GetItem 4, dynamodb PutItem 3, dynamodb UpdateItem 3, sns Publish 1",
                                "Verify ×2: dynamodb GetItem 2, dynamodb PutItem 2, dynamodb UpdateItem 4")),
                arguments("disabled-user", List.of()),
                arguments(
                        "eight-digit-code",
                        List.of(
                                "Define ×2: dynamodb DeleteItem 4, dynamodb GetItem 3, dynamodb PutItem 1, dynamodb Query 1",
                                "Create ×1: dynamodb GetItem 2, dynamodb PutItem 3, dynamodb UpdateItem 2, ses SendEmail 1",
                                "Verify ×1: dynamodb GetItem 1, dynamodb PutItem 1, dynamodb UpdateItem 2")),
                arguments(
                        "email-code",
                        List.of(
                                "Define ×2: dynamodb DeleteItem 4, dynamodb GetItem 3, dynamodb PutItem 1, dynamodb Query 1",
                                "Create ×1: dynamodb GetItem 2, dynamodb PutItem 3, dynamodb UpdateItem 2, ses SendEmail 1",
                                "Verify ×1: dynamodb GetItem 1, dynamodb PutItem 1, dynamodb UpdateItem 2")),
                arguments(
                        "email-link",
                        List.of(
                                "Define ×2: dynamodb DeleteItem 4, dynamodb GetItem 3, dynamodb PutItem 1, dynamodb Query 1",
                                "Create ×1: dynamodb GetItem 2, dynamodb PutItem 3, dynamodb UpdateItem 2, ses SendEmail 1",
                                "Verify ×1: dynamodb GetItem 1, dynamodb PutItem 1, dynamodb UpdateItem 2")),
                arguments(
                        "email-then-phone-code",
                        List.of(
                                "Define ×3: dynamodb DeleteItem 6, dynamodb GetItem 4, dynamodb PutItem 1, dynamodb Query 1",
                                "Create ×2: dynamodb GetItem 4, dynamodb PutItem 5, dynamodb UpdateItem 4, ses SendEmail 1, sns Publish 1",
                                "Verify ×2: dynamodb GetItem 2, dynamodb PutItem 2, dynamodb UpdateItem 4")),
                arguments(
                        "first-usable-alternative",
                        List.of(
                                "Define ×2: dynamodb DeleteItem 4, dynamodb GetItem 3, dynamodb PutItem 1, dynamodb Query 1",
                                "Create ×1: dynamodb GetItem 2, dynamodb PutItem 3, dynamodb UpdateItem 3, sns Publish 1",
                                "Verify ×1: dynamodb GetItem 1, dynamodb PutItem 1, dynamodb UpdateItem 2")),
                arguments(
                        "password-only",
                        List.of(
                                "Define ×2: dynamodb DeleteItem 2, dynamodb GetItem 2, dynamodb PutItem 1, dynamodb Query 1")),
                arguments(
                        "password-then-email-code",
                        List.of(
                                "Define ×3: dynamodb DeleteItem 4, dynamodb GetItem 4, dynamodb PutItem 1, dynamodb Query 1",
                                "Create ×1: dynamodb GetItem 2, dynamodb PutItem 3, dynamodb UpdateItem 2, ses SendEmail 1",
                                "Verify ×1: dynamodb GetItem 1, dynamodb PutItem 1, dynamodb UpdateItem 2")),
                arguments(
                        "password-then-email-link",
                        List.of(
                                "Define ×3: dynamodb DeleteItem 4, dynamodb GetItem 4, dynamodb PutItem 1, dynamodb Query 1",
                                "Create ×1: dynamodb GetItem 2, dynamodb PutItem 3, dynamodb UpdateItem 2, ses SendEmail 1",
                                "Verify ×1: dynamodb GetItem 1, dynamodb PutItem 1, dynamodb UpdateItem 2")),
                arguments(
                        "password-then-phone-code",
                        List.of(
                                "Define ×3: dynamodb DeleteItem 4, dynamodb GetItem 4, dynamodb PutItem 1, dynamodb Query 1",
                                "Create ×1: dynamodb GetItem 2, dynamodb PutItem 3, dynamodb UpdateItem 3, sns Publish 1",
                                "Verify ×1: dynamodb GetItem 1, dynamodb PutItem 1, dynamodb UpdateItem 2")),
                arguments(
                        "phone-code",
                        List.of(
                                "Define ×2: dynamodb DeleteItem 4, dynamodb GetItem 3, dynamodb PutItem 1, dynamodb Query 1",
                                "Create ×1: dynamodb GetItem 2, dynamodb PutItem 3, dynamodb UpdateItem 3, sns Publish 1",
                                "Verify ×1: dynamodb GetItem 1, dynamodb PutItem 1, dynamodb UpdateItem 2")),
                arguments(
                        "second-factor-alternatives",
                        List.of(
                                "Define ×3: dynamodb DeleteItem 4, dynamodb GetItem 7, dynamodb PutItem 1, dynamodb Query 4",
                                "Create ×2: dynamodb GetItem 5, dynamodb PutItem 3, dynamodb Query 3, dynamodb UpdateItem 2, ses SendEmail 1",
                                "Verify ×2: dynamodb DeleteItem 1, dynamodb GetItem 2, dynamodb PutItem 1, dynamodb Query 1, dynamodb UpdateItem 4")),
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
                                "Verify ×2: dynamodb GetItem 2, dynamodb PutItem 3, dynamodb UpdateItem 4, kms Decrypt 1, kms Encrypt 1, ses SendEmail 1")),
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
                                "Verify ×3: dynamodb DeleteItem 1, dynamodb GetItem 3, dynamodb PutItem 1, dynamodb Query 2, dynamodb UpdateItem 5")),
                arguments(
                        "wrong-code-then-right",
                        List.of(
                                "Define ×3: dynamodb DeleteItem 4, dynamodb GetItem 4, dynamodb PutItem 1, dynamodb Query 1",
                                "Create ×2: dynamodb GetItem 4, dynamodb PutItem 3, dynamodb UpdateItem 2, ses SendEmail 1",
                                "Verify ×2: dynamodb GetItem 2, dynamodb PutItem 1, dynamodb UpdateItem 3")),
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
    void measure_secondRun_leavesNoInitCallsOutOfASignIn() {
        assertThat(measured.values())
                .allSatisfy(counts -> assertThat(counts.init()).isEmpty());
    }
}
