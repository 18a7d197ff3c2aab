package dev.stepwise.harness.emulator;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** Trigger handlers for the emulator's tests: raw-map events, recorded, with behaviour chosen by the MODE variable. */
final class ScriptedTriggers {

    static final ConcurrentLinkedQueue<Map<String, Object>> EVENTS = new ConcurrentLinkedQueue<>();
    static final AtomicInteger CALLS = new AtomicInteger();
    static final java.util.Set<Object> INSTANCES = java.util.concurrent.ConcurrentHashMap.newKeySet();
    static final ConcurrentLinkedQueue<String> INVOKED = new ConcurrentLinkedQueue<>();

    private ScriptedTriggers() {}

    static List<Map<String, Object>> events(String triggerSource, String userPoolId) {
        List<Map<String, Object>> found = new ArrayList<>();
        for (Map<String, Object> event : EVENTS) {
            if (triggerSource.equals(event.get("triggerSource")) && userPoolId.equals(event.get("userPoolId"))) {
                found.add(event);
            }
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> section(Map<String, Object> event, String name) {
        return (Map<String, Object>) event.get(name);
    }

    abstract static class Base implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        final String mode;

        Base(Map<String, String> environment) {
            this.mode = environment.getOrDefault("MODE", "normal");
        }

        @Override
        public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
            EVENTS.add(event);
            INSTANCES.add(this);
            INVOKED.add(mode + ":" + event.get("userPoolId"));
            int call = CALLS.incrementAndGet();
            context.getLogger().log("invoked " + event.get("triggerSource"));
            if (mode.equals("throw")) {
                throw new IllegalStateException("boom");
            }
            if (mode.startsWith("sleep")) {
                sleep(Long.parseLong(mode.substring("sleep".length())));
            }
            if (mode.startsWith("slowfirst") && call == 1) {
                sleep(Long.parseLong(mode.substring("slowfirst".length())));
            }
            if (mode.equals("malformed")) {
                Map<String, Object> broken = new LinkedHashMap<>(event);
                broken.put("response", "not an object");
                return broken;
            }
            Map<String, Object> response = new LinkedHashMap<>();
            decide(event, section(event, "request"), response);
            Map<String, Object> result = new LinkedHashMap<>(event);
            result.put("response", response);
            return result;
        }

        abstract void decide(Map<String, Object> event, Map<String, Object> request, Map<String, Object> response);

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Define: SRP_A leads to PASSWORD_VERIFIER; a correct answer issues tokens; three wrong answers fail. */
    public static final class Define extends Base {
        public Define(Map<String, String> environment) {
            super(environment);
        }

        @Override
        @SuppressWarnings("unchecked")
        void decide(Map<String, Object> event, Map<String, Object> request, Map<String, Object> response) {
            List<Map<String, Object>> session = (List<Map<String, Object>>) request.get("session");
            if (mode.equals("issue")) {
                response.put("issueTokens", true);
                return;
            }
            if (mode.equals("fail")) {
                response.put("failAuthentication", true);
                return;
            }
            if (mode.equals("bogus")) {
                response.put("challengeName", "SOMETHING_ELSE");
                return;
            }
            if (Boolean.TRUE.equals(request.get("userNotFound")) && !session.isEmpty()) {
                response.put("failAuthentication", true);
                return;
            }
            Map<String, Object> last = session.isEmpty() ? null : session.get(session.size() - 1);
            long wrong = session.stream()
                    .filter(r -> "CUSTOM_CHALLENGE".equals(r.get("challengeName")))
                    .filter(r -> Boolean.FALSE.equals(r.get("challengeResult")))
                    .count();
            if (last != null && "SRP_A".equals(last.get("challengeName")) && session.size() == 1) {
                response.put("challengeName", "PASSWORD_VERIFIER");
            } else if (last != null
                    && "CUSTOM_CHALLENGE".equals(last.get("challengeName"))
                    && Boolean.TRUE.equals(last.get("challengeResult"))) {
                response.put("issueTokens", true);
            } else if (wrong >= 3) {
                response.put("failAuthentication", true);
            } else {
                response.put("challengeName", "CUSTOM_CHALLENGE");
            }
        }
    }

    /** Create: the answer is "answer-" + userName; metadata names the round. */
    public static final class Create extends Base {
        public Create(Map<String, String> environment) {
            super(environment);
        }

        @Override
        @SuppressWarnings("unchecked")
        void decide(Map<String, Object> event, Map<String, Object> request, Map<String, Object> response) {
            List<Object> session = (List<Object>) request.get("session");
            response.put("publicChallengeParameters", Map.of("hint", "round " + session.size()));
            response.put(
                    "privateChallengeParameters",
                    mode.equals("emptyPrivate") ? Map.of() : Map.of("answer", "answer-" + event.get("userName")));
            response.put("challengeMetadata", "round-" + session.size());
        }
    }

    /** Verify: correct when the answer equals the private "answer". */
    public static final class Verify extends Base {
        public Verify(Map<String, String> environment) {
            super(environment);
        }

        @Override
        @SuppressWarnings("unchecked")
        void decide(Map<String, Object> event, Map<String, Object> request, Map<String, Object> response) {
            Map<String, Object> parameters = (Map<String, Object>) request.get("privateChallengeParameters");
            response.put("answerCorrect", parameters.get("answer").equals(request.get("challengeAnswer")));
        }
    }
}
