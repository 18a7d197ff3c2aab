package dev.stepwise.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class VerifyPropertyTest {
    private final RecordingDelivery email = new RecordingDelivery();
    private final CustomAuthFlow flow = CustomAuthFlow.builder()
            .policies(PolicySet.parse("email_code", null, Limits.DEFAULT))
            .keys(Fixtures.KEYS)
            .codes(new CodeGenerator(new SecureRandom()))
            .templates(new MessageTemplates("s", "{code}", "{code}"))
            .deliveries(Map.of(DeliveryMedium.EMAIL, email))
            .sleeper(duration -> {})
            .build();
    private final IssuedChallenge challenge = flow.create(
            new SignInContext(Fixtures.POOL, Fixtures.USER, Fixtures.CLIENT, Fixtures.EMAIL_ONLY, List.of(), false),
            Fixtures.NOW);

    @Property(tries = 2000)
    void verify_anyOtherAnswer_wrong(@ForAll("answers") String answer) {
        VerifyContext context = new VerifyContext(
                Fixtures.POOL, Fixtures.USER, Fixtures.CLIENT, challenge.privateParameters(), answer, false);

        VerifyResult result = flow.verify(context, Fixtures.NOW.plusSeconds(1));

        assertThat(result.correct()).isEqualTo(answer.strip().equals(email.lastCode()));
    }

    @Provide
    Arbitrary<String> answers() {
        return Arbitraries.oneOf(
                Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(12),
                Arbitraries.strings().all().ofMaxLength(200),
                Arbitraries.strings().withChars('0', '9', ' ', '\n', '\u0660').ofMaxLength(10_000),
                Arbitraries.just(email.lastCode()));
    }
}
