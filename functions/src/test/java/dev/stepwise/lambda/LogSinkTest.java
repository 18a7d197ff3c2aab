package dev.stepwise.lambda;

import static dev.stepwise.lambda.LambdaJson.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolDefineAuthChallengeEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogSinkTest {

    @Test
    void lambdaLogger_withContextLogger_writesThroughIt() {
        List<String> lines = new ArrayList<>();

        LogSink.lambdaLogger()
                .forInvocation(LocalContext.capturing("stepwise", lines::add))
                .write("{\"outcome\":\"fail\"}");

        assertThat(lines).containsExactly("{\"outcome\":\"fail\"}");
    }

    @Test
    void forInvocation_fixedSink_ignoresTheContext() {
        List<String> captured = new ArrayList<>();
        List<String> viaContext = new ArrayList<>();
        LogSink fixed = captured::add;

        fixed.forInvocation(LocalContext.capturing("stepwise", viaContext::add)).write("line");

        assertThat(captured).containsExactly("line");
        assertThat(viaContext).isEmpty();
    }

    @Test
    void handleRequest_publicConstructor_logsOneLineToTheInvocationsLogger() {
        List<String> lines = new ArrayList<>();
        DefineAuthChallengeHandler handler = new DefineAuthChallengeHandler(Map.of(
                "STEPWISE_SECRET", HandlerRig.SECRET, "AWS_REGION", "us-east-1", "STEPWISE_ABUSE_CONTROLS", "off"));

        handler.handleRequest(
                LambdaJson.read(
                        fixture("define_first_round.json", Map.of()), CognitoUserPoolDefineAuthChallengeEvent.class),
                LocalContext.capturing("stepwise", lines::add));

        assertThat(lines).singleElement().asString().startsWith("{\"trigger\":\"DefineAuthChallenge_Authentication\"");
    }
}
