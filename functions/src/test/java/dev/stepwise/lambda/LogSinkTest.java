package dev.stepwise.lambda;

import static dev.stepwise.lambda.LambdaJson.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolDefineAuthChallengeEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogSinkTest {

    @Test
    void lambdaLogger_withContextLogger_writesThroughIt() {
        List<String> lines = new ArrayList<>();

        LogSink.lambdaLogger().forInvocation(new LoggingContext(lines)).write("{\"outcome\":\"fail\"}");

        assertThat(lines).containsExactly("{\"outcome\":\"fail\"}");
    }

    @Test
    void forInvocation_fixedSink_ignoresTheContext() {
        List<String> captured = new ArrayList<>();
        LogSink fixed = captured::add;

        fixed.forInvocation(new LoggingContext(new ArrayList<>())).write("line");

        assertThat(captured).containsExactly("line");
    }

    @Test
    void handleRequest_publicConstructor_logsOneLineToTheInvocationsLogger() {
        List<String> lines = new ArrayList<>();
        DefineAuthChallengeHandler handler = new DefineAuthChallengeHandler(Map.of(
                "STEPWISE_SECRET", Triggers.SECRET, "AWS_REGION", "us-east-1", "STEPWISE_ABUSE_CONTROLS", "off"));

        handler.handleRequest(
                LambdaJson.read(
                        fixture("define_first_round.json", Map.of()), CognitoUserPoolDefineAuthChallengeEvent.class),
                new LoggingContext(lines));

        assertThat(lines).singleElement().asString().startsWith("{\"trigger\":\"DefineAuthChallenge_Authentication\"");
    }

    private record LoggingContext(List<String> lines) implements Context {
        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    lines.add(message);
                }

                @Override
                public void log(byte[] message) {
                    lines.add(new String(message, StandardCharsets.UTF_8));
                }
            };
        }

        @Override
        public String getAwsRequestId() {
            return "request-1";
        }

        @Override
        public String getLogGroupName() {
            return "group";
        }

        @Override
        public String getLogStreamName() {
            return "stream";
        }

        @Override
        public String getFunctionName() {
            return "stepwise-define-auth-challenge";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:000000000000:function:stepwise-define-auth-challenge";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 5000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 1024;
        }
    }
}
