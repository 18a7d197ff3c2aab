package dev.stepwise.harness.emulator;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Handlers written as a team writes them for Lambda, with no-argument constructors that read their settings from
 * {@code System.getenv}, for the child-JVM runner's tests: one custom challenge whose answer is {@code MAGIC_WORD}.
 */
public final class RuntimeTriggers {

    private RuntimeTriggers() {}

    private static Map<String, Object> respond(Map<String, Object> event, Map<String, Object> response) {
        Map<String, Object> result = new LinkedHashMap<>(event);
        result.put("response", response);
        return result;
    }

    /** Tokens after a correct answer, else one more challenge (three at most). */
    public static final class Define implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        @Override
        @SuppressWarnings("unchecked")
        public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
            List<Map<String, Object>> session =
                    (List<Map<String, Object>>) ((Map<String, Object>) event.get("request")).get("session");
            Map<String, Object> response = new LinkedHashMap<>();
            if (!session.isEmpty()
                    && Boolean.TRUE.equals(session.get(session.size() - 1).get("challengeResult"))) {
                response.put("issueTokens", true);
            } else if (session.size() >= 3) {
                response.put("failAuthentication", true);
            } else {
                response.put("challengeName", "CUSTOM_CHALLENGE");
            }
            return respond(event, response);
        }
    }

    /** Asks for the magic word from the environment, and says so in the Lambda log. */
    public static final class Create implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        private final String word = System.getenv("MAGIC_WORD");

        @Override
        public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
            context.getLogger()
                    .log("create in " + System.getenv("AWS_LAMBDA_FUNCTION_NAME") + " knows a word of "
                            + (word == null ? 0 : word.length()) + " letters");
            if (word == null) {
                throw new IllegalStateException("MAGIC_WORD is not set");
            }
            return respond(
                    event,
                    Map.of(
                            "publicChallengeParameters", Map.of("hint", "say the magic word"),
                            "privateChallengeParameters", Map.of("word", word),
                            "challengeMetadata", "magic"));
        }
    }

    /** Correct when the answer is the private word. */
    public static final class Verify implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        @Override
        @SuppressWarnings("unchecked")
        public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
            Map<String, Object> request = (Map<String, Object>) event.get("request");
            Map<String, Object> parameters = (Map<String, Object>) request.get("privateChallengeParameters");
            return respond(
                    event, Map.of("answerCorrect", parameters.get("word").equals(request.get("challengeAnswer"))));
        }
    }

    /**
     * A Create that works slowly ({@code SLOW_MILLIS}) and then sends its code through SES v2 at
     * {@code STEPWISE_AWS_ENDPOINT}, as a Create with a cold dependency does. Built with its environment in process,
     * from {@code System.getenv} in a child JVM.
     */
    public static final class SlowSendingCreate implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        private final HttpClient http = HttpClient.newHttpClient();
        private final Map<String, String> environment;

        public SlowSendingCreate() {
            this(System.getenv());
        }

        public SlowSendingCreate(Map<String, String> environment) {
            this.environment = environment;
        }

        @Override
        public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
            try {
                Thread.sleep(Long.parseLong(environment.get("SLOW_MILLIS")));
                String body = "{\"FromEmailAddress\":\"codes@example.com\",\"Destination\":{\"ToAddresses\":"
                        + "[\"slow@example.com\"]},\"Content\":{\"Simple\":{\"Subject\":{\"Data\":\"Your code\"},"
                        + "\"Body\":{\"Text\":{\"Data\":\"Your code is 424242\"}}}}}";
                http.send(
                        HttpRequest.newBuilder(URI.create(
                                        environment.get("STEPWISE_AWS_ENDPOINT") + "/v2/email/outbound-emails"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted before sending");
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot send: " + e.getMessage());
            }
            return respond(
                    event,
                    Map.of(
                            "publicChallengeParameters", Map.of("hint", "check your email"),
                            "privateChallengeParameters", Map.of("word", "424242")));
        }
    }

    /** A Define whose init (its constructor, in Lambda's init phase) takes {@code INIT_MILLIS}. */
    public static final class SlowInitDefine implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        public SlowInitDefine() throws InterruptedException {
            this(System.getenv());
        }

        public SlowInitDefine(Map<String, String> environment) throws InterruptedException {
            Thread.sleep(Long.parseLong(environment.getOrDefault("INIT_MILLIS", "0")));
        }

        @Override
        public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
            return respond(event, Map.of("challengeName", "CUSTOM_CHALLENGE"));
        }
    }
}
