package dev.stepwise.core;

import static dev.stepwise.core.Fixtures.CLIENT;
import static dev.stepwise.core.Fixtures.EMAIL;
import static dev.stepwise.core.Fixtures.NOW;
import static dev.stepwise.core.Fixtures.PHONE;
import static dev.stepwise.core.Fixtures.POOL;
import static dev.stepwise.core.Fixtures.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CustomAuthFlowTest {
    private static final MessageTemplates TEMPLATES =
            new MessageTemplates("Code {code}", "Your code is {code}, valid {minutes} min.", "Code {code}");

    private final RecordingDelivery email = new RecordingDelivery();
    private final RecordingDelivery sms = new RecordingDelivery();
    private final List<Duration> pauses = new ArrayList<>();

    private CustomAuthFlow flow(String policy) {
        return flow(policy, email);
    }

    private CustomAuthFlow flow(String policy, CodeDelivery emailDelivery) {
        return CustomAuthFlow.builder()
                .policies(PolicySet.parse(policy, null, Limits.DEFAULT))
                .keys(Fixtures.KEYS)
                .codes(new CodeGenerator(new SecureRandom()))
                .templates(TEMPLATES)
                .deliveries(Map.of(DeliveryMedium.EMAIL, emailDelivery, DeliveryMedium.SMS, sms))
                .sleeper(pauses::add)
                .build();
    }

    private static SignInContext context(UserProfile user, boolean userNotFound, List<Round> history) {
        return new SignInContext(POOL, USER, CLIENT, user, history, userNotFound);
    }

    private static VerifyContext answer(IssuedChallenge challenge, String answer) {
        return new VerifyContext(POOL, USER, CLIENT, challenge.privateParameters(), answer, false);
    }

    @Test
    void create_firstRound_sendsCodeToVerifiedEmailAndDescribesIt() {
        IssuedChallenge challenge = flow("email_code").create(context(Fixtures.BOTH, false, List.of()), NOW);

        assertThat(email.messages).singleElement().satisfies(m -> {
            assertThat(m.recipient()).isEqualTo(EMAIL);
            assertThat(m.subject()).matches("Code [0-9]{6}");
            assertThat(m.body()).matches("Your code is [0-9]{6}, valid 5 min\\.");
        });
        assertThat(sms.messages).isEmpty();
        assertThat(challenge.sent()).isTrue();
        assertThat(challenge.publicParameters())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "contractVersion", "1",
                        "step", "CONFIRM_SIGN_IN_WITH_EMAIL_CODE",
                        "factor", "email_code",
                        "status", "needs_first_factor",
                        "deliveryMedium", "EMAIL",
                        "destination", "a***@e***.com",
                        "attemptsRemaining", "3",
                        "codeLength", "6",
                        "expiresAt", "2026-11-22T03:05:00Z"));
        assertThat(challenge.privateParameters()).containsOnlyKeys("challenge");
        assertThat(challenge.privateParameters().get("challenge"))
                .isEqualTo(challenge.metadata())
                .doesNotContain(email.lastCode());
    }

    @Test
    void create_secondStepByPhone_sendsSmsAndSaysSecondFactor() {
        CustomAuthFlow flow = flow("email_code > phone_code");
        IssuedChallenge first = flow.create(context(Fixtures.BOTH, false, List.of()), NOW);

        IssuedChallenge second = flow.create(
                context(Fixtures.BOTH, false, List.of(new Round(Round.CUSTOM_CHALLENGE, true, first.metadata()))), NOW);

        assertThat(sms.messages).singleElement().satisfies(m -> {
            assertThat(m.recipient()).isEqualTo(PHONE);
            assertThat(m.subject()).isNull();
        });
        assertThat(second.publicParameters())
                .containsEntry("step", "CONFIRM_SIGN_IN_WITH_SMS_CODE")
                .containsEntry("factor", "phone_code")
                .containsEntry("status", "needs_second_factor")
                .containsEntry("deliveryMedium", "SMS")
                .containsEntry("destination", "+*******0123");
    }

    @Test
    void create_retriedWithoutStateTable_drawsANewCodeThatOnlyTheRetriedChallengeAccepts() {
        CustomAuthFlow flow = flow("email_code");
        SignInContext context = context(Fixtures.EMAIL_ONLY, false, List.of());

        flow.create(context, NOW);
        String firstCode = email.lastCode();
        IssuedChallenge retry = flow.create(context, NOW.plusSeconds(5));
        String retryCode = email.lastCode();

        assertThat(retryCode).isNotEqualTo(firstCode);
        assertThat(flow.verify(answer(retry, firstCode), NOW.plusSeconds(6)).correct())
                .isFalse();
        assertThat(flow.verify(answer(retry, retryCode), NOW.plusSeconds(6)).correct())
                .isTrue();
    }

    @Test
    void create_otherUserOrLaterRound_derivesAnotherCode() {
        CustomAuthFlow flow = flow("email_code > phone_code");
        IssuedChallenge first = flow.create(context(Fixtures.BOTH, false, List.of()), NOW);
        String aliceCode = email.lastCode();
        flow.create(new SignInContext(POOL, "bob", CLIENT, Fixtures.BOTH, List.of(), false), NOW);
        String bobCode = email.lastCode();
        flow.create(
                context(Fixtures.BOTH, false, List.of(new Round(Round.CUSTOM_CHALLENGE, true, first.metadata()))), NOW);

        assertThat(bobCode).isNotEqualTo(aliceCode);
        assertThat(sms.lastCode()).isNotEqualTo(aliceCode);
    }

    @Test
    void create_afterWrongAnswer_reusesCodeWithoutSending() {
        CustomAuthFlow flow = flow("email_code");
        IssuedChallenge first = flow.create(context(Fixtures.EMAIL_ONLY, false, List.of()), NOW);
        String code = email.lastCode();

        IssuedChallenge retry = flow.create(
                context(
                        Fixtures.EMAIL_ONLY,
                        false,
                        List.of(new Round(Round.CUSTOM_CHALLENGE, false, first.metadata()))),
                NOW.plusSeconds(60));

        assertThat(email.messages).hasSize(1);
        assertThat(retry.sent()).isFalse();
        assertThat(retry.publicParameters())
                .containsEntry("attemptsRemaining", "2")
                .containsEntry("expiresAt", "2026-11-22T03:05:00Z");
        assertThat(flow.verify(answer(retry, code), NOW.plusSeconds(61)).correct())
                .isTrue();
    }

    @Test
    void create_afterWrongAnswerOnceCodeExpired_sendsNewCode() {
        CustomAuthFlow flow = flow("email_code");
        IssuedChallenge first = flow.create(context(Fixtures.EMAIL_ONLY, false, List.of()), NOW);
        String oldCode = email.lastCode();
        Instant later = NOW.plus(Duration.ofMinutes(6));

        IssuedChallenge retry = flow.create(
                context(
                        Fixtures.EMAIL_ONLY,
                        false,
                        List.of(new Round(Round.CUSTOM_CHALLENGE, false, first.metadata()))),
                later);

        assertThat(email.messages).hasSize(2);
        assertThat(retry.sent()).isTrue();
        assertThat(retry.publicParameters()).containsEntry("attemptsRemaining", "2");
        assertThat(flow.verify(answer(retry, email.lastCode()), later).correct())
                .isTrue();
        assertThat(email.lastCode()).isNotEqualTo(oldCode);
        assertThat(flow.verify(answer(retry, oldCode), later).correct()).isFalse();
    }

    @Test
    void create_userNotFound_sendsNothingAndLooksLikeARealChallenge() {
        CustomAuthFlow flow = flow("email_code");
        IssuedChallenge real = flow.create(context(Fixtures.EMAIL_ONLY, false, List.of()), NOW);

        IssuedChallenge decoy = flow.create(context(UserProfile.NONE, true, List.of()), NOW);
        IssuedChallenge again = flow.create(context(UserProfile.NONE, true, List.of()), NOW.plusSeconds(30));

        assertThat(email.messages).hasSize(1);
        assertThat(decoy.sent()).isFalse();
        assertThat(decoy.publicParameters().keySet())
                .isEqualTo(real.publicParameters().keySet());
        assertThat(decoy.privateParameters().keySet())
                .isEqualTo(real.privateParameters().keySet());
        assertThat(decoy.metadata()).hasSameSizeAs(real.metadata());
        assertThat(decoy.publicParameters().get("destination"))
                .matches("[a-z]\\*\\*\\*@[a-z]\\*\\*\\*\\.[a-z]+")
                .isEqualTo(again.publicParameters().get("destination"));
        assertThat(decoy.publicParameters())
                .containsEntry("step", "CONFIRM_SIGN_IN_WITH_EMAIL_CODE")
                .containsEntry("attemptsRemaining", "3");
    }

    @Test
    void create_userNotFound_pausesAsLongAsRecentRealSends() {
        CustomAuthFlow flow = flow("email_code", message -> {
            email.deliver(message);
            Sleeper.system().sleep(Duration.ofMillis(200));
        });

        flow.create(context(UserProfile.NONE, true, List.of()), NOW);
        flow.create(context(Fixtures.EMAIL_ONLY, false, List.of()), NOW);
        flow.create(context(UserProfile.NONE, true, List.of()), NOW);

        assertThat(pauses).hasSize(2);
        assertThat(pauses.get(0)).isEqualTo(Duration.ofMillis(120));
        assertThat(pauses.get(1)).isGreaterThan(Duration.ofMillis(125)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void create_realUser_doesNotPause() {
        flow("email_code").create(context(Fixtures.EMAIL_ONLY, false, List.of()), NOW);

        assertThat(pauses).isEmpty();
    }

    @Test
    void create_userNotFoundWithEmailUsername_masksTheUsername() {
        IssuedChallenge decoy = flow("email_code")
                .create(new SignInContext(POOL, "carol@example.org", CLIENT, UserProfile.NONE, List.of(), true), NOW);

        assertThat(decoy.publicParameters()).containsEntry("destination", "c***@e***.org");
    }

    @Test
    void create_userNotFoundBySms_plausibleMaskedNumber() {
        IssuedChallenge decoy = flow("phone_code").create(context(UserProfile.NONE, true, List.of()), NOW);

        assertThat(sms.messages).isEmpty();
        assertThat(decoy.publicParameters().get("destination")).matches("\\+\\*{7}[0-9]{4}");
    }

    @Test
    void verify_userNotFound_alwaysWrong() {
        CustomAuthFlow flow = flow("email_code");
        IssuedChallenge decoy = flow.create(context(UserProfile.NONE, true, List.of()), NOW);

        VerifyResult result =
                flow.verify(new VerifyContext(POOL, USER, CLIENT, decoy.privateParameters(), "123456", true), NOW);

        assertThat(result).isEqualTo(new VerifyResult(false, "user not found"));
    }

    @Test
    void create_userWithoutTheFactor_decoyThatSendsNothingAndNoAnswerPasses() {
        CustomAuthFlow flow = flow("email_code");

        IssuedChallenge challenge = flow.create(context(Fixtures.PHONE_ONLY, false, List.of()), NOW);

        assertThat(email.messages).isEmpty();
        assertThat(sms.messages).isEmpty();
        assertThat(challenge.sent()).isFalse();
        assertThat(challenge.publicParameters()).containsEntry("step", "CONFIRM_SIGN_IN_WITH_EMAIL_CODE");
        for (String answer : List.of("000000", "123456", "999999")) {
            assertThat(flow.verify(answer(challenge, answer), NOW.plusSeconds(1))
                            .correct())
                    .isFalse();
        }
    }

    @Test
    void create_historyLeadsToFailure_throwsWithReason() {
        CustomAuthFlow flow = flow("email_code");
        SignInContext wrongThrice = context(
                Fixtures.EMAIL_ONLY,
                false,
                List.of(
                        Fixtures.custom(Factor.EMAIL_CODE, 0, 1, false),
                        Fixtures.custom(Factor.EMAIL_CODE, 0, 2, false),
                        Fixtures.custom(Factor.EMAIL_CODE, 0, 3, false)));

        assertThatThrownBy(() -> flow.create(wrongThrice, NOW))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("leads to 'fail': no attempts left");
    }

    @Test
    void create_deliveryFails_propagatesAndGivesNoChallenge() {
        CustomAuthFlow flow = CustomAuthFlow.builder()
                .policies(PolicySet.parse("email_code", null, Limits.DEFAULT))
                .keys(Fixtures.KEYS)
                .codes(new CodeGenerator(new SecureRandom()))
                .templates(TEMPLATES)
                .deliveries(Map.of(DeliveryMedium.EMAIL, m -> {
                    throw new DeliveryException("SES down");
                }))
                .build();

        assertThatThrownBy(() -> flow.create(context(Fixtures.EMAIL_ONLY, false, List.of()), NOW))
                .isInstanceOfSatisfying(
                        DeliveryException.class, e -> assertThat(e.detail()).isEqualTo("SES down; 1 attempt"))
                .hasMessage(DeliveryException.REFUSED);
    }

    static Stream<Arguments> verify_answer_verdict() {
        return Stream.of(
                arguments("the code", (UnaryOperator<String>) code -> code, 10, true, "correct"),
                arguments("code with blanks", (UnaryOperator<String>) code -> " " + code + "\n", 10, true, "correct"),
                arguments(
                        "another code", (UnaryOperator<String>) CustomAuthFlowTest::otherCode, 10, false, "wrong code"),
                arguments("expired", (UnaryOperator<String>) code -> code, 300, false, "code expired"),
                arguments(
                        "non-digits",
                        (UnaryOperator<String>) code -> "12345a",
                        10,
                        false,
                        "answer is not a code of 4 to 10 digits"),
                arguments(
                        "10,000 characters",
                        (UnaryOperator<String>) code -> "1".repeat(10_000),
                        10,
                        false,
                        "answer missing or too long"),
                arguments("missing", (UnaryOperator<String>) code -> null, 10, false, "answer missing or too long"),
                arguments(
                        "empty",
                        (UnaryOperator<String>) code -> "",
                        10,
                        false,
                        "answer is not a code of 4 to 10 digits"),
                arguments("code plus digit", (UnaryOperator<String>) code -> code + "0", 10, false, "wrong code"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource
    void verify_answer_verdict(
            String name, UnaryOperator<String> answer, int secondsLater, boolean correct, String reason) {
        CustomAuthFlow flow = flow("email_code");
        IssuedChallenge challenge = flow.create(context(Fixtures.EMAIL_ONLY, false, List.of()), NOW);

        VerifyResult result =
                flow.verify(answer(challenge, answer.apply(email.lastCode())), NOW.plusSeconds(secondsLater));

        assertThat(result).isEqualTo(new VerifyResult(correct, reason));
    }

    static Stream<Arguments> verify_badPrivateParameters_wrong() {
        return Stream.of(
                arguments(Map.of()),
                arguments(Map.of("challenge", "")),
                arguments(Map.of("challenge", "1.email_code.0.1.9999999999.aGFzaA.forged")),
                arguments(Map.of("other", "x")));
    }

    @ParameterizedTest
    @MethodSource
    void verify_badPrivateParameters_wrong(Map<String, String> privateParameters) {
        VerifyResult result = flow("email_code")
                .verify(new VerifyContext(POOL, USER, CLIENT, privateParameters, "123456", false), NOW);

        assertThat(result).isEqualTo(new VerifyResult(false, "missing or tampered private challenge parameters"));
    }

    @Test
    void verify_challengeOfAnotherUser_wrong() {
        CustomAuthFlow flow = flow("email_code");
        IssuedChallenge challenge = flow.create(context(Fixtures.EMAIL_ONLY, false, List.of()), NOW);

        VerifyResult result = flow.verify(
                new VerifyContext(POOL, "mallory", CLIENT, challenge.privateParameters(), email.lastCode(), false),
                NOW);

        assertThat(result.correct()).isFalse();
    }

    @Test
    void verifyContext_toString_redactsAnswer() {
        VerifyContext context = new VerifyContext(POOL, USER, CLIENT, Map.of(), "987654", false);

        assertThat(context.toString()).doesNotContain("987654");
    }

    @Test
    void codeMessage_toString_redactsBodyAndRecipient() {
        CodeMessage message = new CodeMessage(DeliveryMedium.EMAIL, EMAIL, "s", "code 123456");

        assertThat(message.toString()).doesNotContain("123456").doesNotContain(EMAIL);
    }

    private static String otherCode(String code) {
        char last = code.charAt(code.length() - 1);
        return code.substring(0, code.length() - 1) + (char) (last == '9' ? '0' : last + 1);
    }
}
