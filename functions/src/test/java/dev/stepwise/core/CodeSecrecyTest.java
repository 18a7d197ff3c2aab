package dev.stepwise.core;

import static dev.stepwise.core.Fixtures.CLIENT;
import static dev.stepwise.core.Fixtures.NOW;
import static dev.stepwise.core.Fixtures.POOL;
import static dev.stepwise.core.Fixtures.USER;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Someone who holds the Stepwise secret, and knows everything public about a sign-in, still cannot compute its code. */
class CodeSecrecyTest {
    private static final Pattern CODE = Pattern.compile("([0-9]{6})");
    private static final int SIGN_INS = 50;

    @Test
    void firstStepCode_derivedFromTheSecretAndEveryPublicInput_neverTheCodeSent() {
        RecordingDelivery email = new RecordingDelivery();
        CustomAuthFlow flow = CustomAuthFlow.builder()
                .policies(PolicySet.parse("email_code", null, Limits.DEFAULT))
                .keys(Fixtures.KEYS)
                .codes(new CodeGenerator(new SecureRandom()))
                .templates(new MessageTemplates("Code", "Your code is {code}.", "{code}"))
                .deliveries(Map.of(DeliveryMedium.EMAIL, email))
                .sleeper(pause -> {})
                .build();
        byte[] secret = Base64.getDecoder().decode(Fixtures.SECRET);
        Set<String> derivable = new HashSet<>();
        for (String label : List.of("stepwise/v1/code-derivation", "stepwise/v1/send-claim", "stepwise/v1/code-hash")) {
            byte[] key = Hmac.sha256(secret, label);
            for (long slot = NOW.getEpochSecond() / 300 - 1; slot <= NOW.getEpochSecond() / 300 + 1; slot++) {
                derivable.add(derive(key, "retry-stable-code", POOL, USER, CLIENT, "email_code", "0", "1", "" + slot));
                derivable.add(derive(key, "send-claim", POOL, USER, CLIENT, "email_code", "0", "1", "" + slot));
                derivable.add(derive(key, "send-claim", POOL, USER, CLIENT, "email_code", "0", "1"));
            }
        }

        List<String> sent = new ArrayList<>();
        for (int i = 0; i < SIGN_INS; i++) {
            flow.create(new SignInContext(POOL, USER, CLIENT, Fixtures.BOTH, List.of(), false), NOW);
            Matcher matcher = CODE.matcher(email.messages.get(i).body());
            assertThat(matcher.find()).isTrue();
            sent.add(matcher.group(1));
        }

        assertThat(sent).doesNotContainAnyElementsOf(derivable);
        assertThat(new HashSet<>(sent))
                .as("every sign-in of the same slot gets its own code")
                .hasSizeGreaterThan(45);
    }

    /** The derivation the codes used to come from: HMAC-SHA256 in counter mode, digits from bytes below 250. */
    private static String derive(byte[] key, String... inputs) {
        StringBuilder digits = new StringBuilder();
        String[] parts = new String[inputs.length + 1];
        System.arraycopy(inputs, 0, parts, 1, inputs.length);
        for (int block = 0; digits.length() < 6; block++) {
            parts[0] = "block-" + block;
            for (byte b : Hmac.sha256(key, parts)) {
                if ((b & 0xff) < 250 && digits.length() < 6) {
                    digits.append((char) ('0' + (b & 0xff) % 10));
                }
            }
        }
        return digits.toString();
    }
}
