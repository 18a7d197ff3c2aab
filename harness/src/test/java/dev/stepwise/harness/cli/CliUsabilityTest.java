package dev.stepwise.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine.TypeConversionException;

class CliUsabilityTest {

    @Test
    void version_printsTheBuildsVersion() throws IOException {
        Matcher version = Pattern.compile("<artifactId>stepwise-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("..", "pom.xml")));
        assertThat(version.find()).isTrue();

        CliRun run = CliRun.run("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).isEqualTo("stepwise " + version.group(1));
    }

    static Stream<Arguments> parse_humanOrIsoDuration_sameDuration() {
        return Stream.of(
                Arguments.of("500ms", Duration.ofMillis(500)),
                Arguments.of("15s", Duration.ofSeconds(15)),
                Arguments.of("2m", Duration.ofMinutes(2)),
                Arguments.of("1h30m", Duration.ofMinutes(90)),
                Arguments.of("1d", Duration.ofDays(1)),
                Arguments.of("PT15S", Duration.ofSeconds(15)),
                Arguments.of("pt2m", Duration.ofMinutes(2)));
    }

    @ParameterizedTest
    @MethodSource
    void parse_humanOrIsoDuration_sameDuration(String text, Duration expected) {
        assertThat(HumanDuration.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("badDurations")
    void parse_notADuration_saysHowToWriteOne(String text) {
        assertThatThrownBy(() -> HumanDuration.parse(text))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("e.g. 500ms, 15s, 2m")
                .hasMessageNotContaining("java.time");
    }

    static List<String> badDurations() {
        return List.of("5x", "", "s", "5s3", "-5s", "PT-5S", "1.5s");
    }

    @Test
    void signin_badCodeTimeout_exitsTwoWithoutJavaTypeNames() {
        CliRun run = CliRun.run("signin", "--client-id", "c", "--code-timeout", "5x");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'5x' is not a duration").doesNotContain("java.time");
    }

    static Stream<Arguments> parse_misspelt_suggestsTheName() {
        return Stream.of(
                Arguments.of(List.of("dmeo"), "did you mean demo?"),
                Arguments.of(List.of("emulatr"), "did you mean emulator?"),
                Arguments.of(List.of("demo", "--polcy", "email_code"), "did you mean --policy?"),
                Arguments.of(List.of("signin", "--usrname=demo"), "did you mean --username?"));
    }

    @ParameterizedTest
    @MethodSource
    void parse_misspelt_suggestsTheName(List<String> args, String suggestion) {
        CliRun run = CliRun.run(args.toArray(String[]::new));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(suggestion);
    }

    @Test
    void parse_nothingClose_noSuggestion() {
        CliRun run = CliRun.run("xylophone");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).doesNotContain("did you mean");
    }

    static Stream<Arguments> start_invalidSetting_exitsTwoNamingIt() {
        return Stream.of(
                Arguments.of(List.of("demo", "--policy", ""), "--policy is empty"),
                Arguments.of(List.of("demo", "--wrong-answers", "-1"), "--wrong-answers must be 0 or more"),
                Arguments.of(List.of("demo", "--policy", "emial_code"), "emial_code"),
                Arguments.of(List.of("emulator", "--port", "0", "--policy", ""), "--policy is empty"),
                Arguments.of(List.of("emulator", "--port", "0", "--env", "STEPWISE_POLICY=emial_code"), "emial_code"),
                Arguments.of(
                        List.of("emulator", "--port", "0", "--env", "STEPWISE_MAX_ATTEMPTS=99"),
                        "STEPWISE_MAX_ATTEMPTS"),
                Arguments.of(
                        List.of("emulator", "--port", "0", "--policy", "email_code", "--env", "STEPWISE_POLICY=totp"),
                        "the policy is given twice"));
    }

    @ParameterizedTest
    @MethodSource
    void start_invalidSetting_exitsTwoNamingIt(List<String> args, String message) {
        CliRun run = CliRun.run(args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains(message).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void emulator_portInUse_exitsTwoSuggestingPortZero() throws IOException {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliRun run = CliRun.run("emulator", "--port", Integer.toString(busy.getLocalPort()));

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err())
                    .contains("port " + busy.getLocalPort() + " on 127.0.0.1 is already in use")
                    .contains("--port 0");
        }
    }

    @Test
    void scenario_failingExampleOfTheDocs_exitsOneWithTheDifferenceTheDocsShow() throws IOException {
        String difference = "step 2 (CONFIRM_SIGN_IN_WITH_BACKUP_CODE) step: expected"
                + " CONTINUE_SIGN_IN_WITH_MFA_SELECTION, was CONFIRM_SIGN_IN_WITH_BACKUP_CODE";

        CliRun run = CliRun.run("scenario", "run", "../docs/examples/wrong-expectation.yaml");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL").contains(difference);
        assertThat(Files.readString(Path.of("..", "docs", "testing-your-app.md")))
                .contains(difference)
                .contains("./stepwise scenario run docs/examples/wrong-expectation.yaml");
    }

    @Test
    void scenario_localStackNotRunning_saysSoWithoutNull(@TempDir Path dir) throws IOException {
        Path jar = Files.write(dir.resolve("functions.jar"), new byte[] {'P', 'K'});

        CliRun run = CliRun.run(
                "scenario",
                "run",
                "../scenarios/email-code.yaml",
                "--target",
                "localstack",
                "--endpoint",
                "http://127.0.0.1:9",
                "--functions-jar",
                jar.toString());

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.out() + run.err())
                .contains("cannot reach LocalStack at http://127.0.0.1:9")
                .contains("is it running?")
                .doesNotContain("null");
    }
}
