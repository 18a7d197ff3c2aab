package dev.stepwise.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.harness.client.CodeReader;
import dev.stepwise.harness.client.HttpMailbox;
import dev.stepwise.harness.client.NextStep;
import dev.stepwise.harness.client.SignInException;
import dev.stepwise.harness.client.Tokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExitStatusTest {

    static Stream<Arguments> of_outcome_mapsToDocumentedCode() {
        return Stream.of(
                Arguments.of(new NextStep.Done(new Tokens("i", "a", "r", 3600, "Bearer")), 0),
                Arguments.of(new NextStep.Failed("NotAuthorizedException", "Incorrect username or password."), 1),
                Arguments.of(new NextStep.UserNotFound("User does not exist."), 1),
                Arguments.of(new NextStep.SessionExpired("Invalid session for the user."), 3),
                Arguments.of(new NextStep.ServiceError("ResourceNotFoundException", "no client"), 4),
                Arguments.of(new NextStep.TriggerError("UserLambdaValidationException", "DefineAuthChallenge", "x"), 5),
                Arguments.of(new NextStep.Throttled("Rate exceeded"), 6),
                Arguments.of(
                        new NextStep.Refused(
                                NextStep.Refused.Reason.LOCKED_OUT,
                                java.time.Duration.ofMinutes(15),
                                "UserLambdaValidationException",
                                "DefineAuthChallenge failed with error Too many failed sign-in attempts."),
                        9));
    }

    @ParameterizedTest
    @MethodSource
    void of_outcome_mapsToDocumentedCode(NextStep outcome, int code) {
        assertThat(ExitStatus.of(outcome).code).isEqualTo(code);
    }

    static Stream<Arguments> statusOf_exception_mapsToDocumentedCode() {
        return Stream.of(
                Arguments.of(new SignInException("cannot reach x", null), ExitStatus.UNREACHABLE),
                Arguments.of(new UncheckedIOException(new IOException("mailbox down")), ExitStatus.UNREACHABLE),
                Arguments.of(new CliException(ExitStatus.ABORTED, "input ended"), ExitStatus.ABORTED),
                Arguments.of(new IllegalArgumentException("bad"), ExitStatus.USAGE),
                Arguments.of(new NullPointerException(), ExitStatus.INTERNAL));
    }

    @ParameterizedTest
    @MethodSource
    void statusOf_exception_mapsToDocumentedCode(Exception exception, ExitStatus expected) {
        assertThat(StepwiseCommand.statusOf(exception)).isEqualTo(expected);
    }

    @Test
    void statusOf_noCodeArrived_isUnreachable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CodeReader reader = CodeReader.of(HttpMailbox.at(URI.create("http://127.0.0.1:" + port), "us-east-1"));
        Exception failure = null;
        try {
            reader.awaitCode(CodeReaderFixture.emailChallenge(), Duration.ofMillis(50));
        } catch (RuntimeException e) {
            failure = e;
        }

        assertThat(failure).isNotNull();
        assertThat(StepwiseCommand.statusOf(failure)).isEqualTo(ExitStatus.UNREACHABLE);
    }

    @Test
    void values_codes_areDistinct() {
        assertThat(Arrays.stream(ExitStatus.values()).map(s -> s.code)).doesNotHaveDuplicates();
    }

    @Test
    void describe_everyFinalOutcome_isOneLine() {
        of_outcome_mapsToDocumentedCode()
                .map(a -> (NextStep) a.get()[0])
                .filter(o -> !(o instanceof NextStep.Done))
                .forEach(o ->
                        assertThat(StepPrinter.describe(o)).doesNotContain("\n").isNotBlank());
    }
}
