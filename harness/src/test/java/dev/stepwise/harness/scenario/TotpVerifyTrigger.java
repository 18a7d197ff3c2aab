package dev.stepwise.harness.scenario;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.stepwise.core.Base32;
import dev.stepwise.core.Totp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A Verify trigger for tests: accepts the current TOTP code of {@code TOTP_SECRET} (Base32), whatever was asked. */
public final class TotpVerifyTrigger implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final byte[] secret;

    public TotpVerifyTrigger(Map<String, String> environment) {
        this.secret = Base32.decode(environment.get("TOTP_SECRET"));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Object answer = ((Map<String, Object>) event.get("request")).get("challengeAnswer");
        boolean correct = answer instanceof String text
                && Totp.match(secret, text, Instant.now()).isPresent();
        Map<String, Object> result = new LinkedHashMap<>(event);
        result.put("response", Map.of("answerCorrect", correct));
        return result;
    }
}
