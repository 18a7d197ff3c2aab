package dev.stepwise.core;

import static dev.stepwise.core.Fixtures.CLIENT;
import static dev.stepwise.core.Fixtures.EMAIL;
import static dev.stepwise.core.Fixtures.NOW;
import static dev.stepwise.core.Fixtures.PHONE;
import static dev.stepwise.core.Fixtures.POOL;
import static dev.stepwise.core.Fixtures.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FactorFlowTest {
    private static final MessageTemplates TEMPLATES =
            new MessageTemplates("Code {code}", "Your code is {code}, valid {minutes} min.", "Code {code}");
    private static final UserProfile BOTH = new UserProfile(EMAIL, PHONE);
    private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_.-]+)");

    private final RecordingDelivery email = new RecordingDelivery();
    private final RecordingDelivery sms = new RecordingDelivery();
    private final InMemoryStateStore state = new InMemoryStateStore();

    private CustomAuthFlow flow(String policy) {
        return CustomAuthFlow.builder()
                .policies(PolicySet.parse(policy, null, Limits.DEFAULT))
                .keys(Fixtures.KEYS)
                .codes(new CodeGenerator(new SecureRandom()))
                .templates(TEMPLATES)
                .deliveries(Map.of(DeliveryMedium.EMAIL, email, DeliveryMedium.SMS, sms))
                .sleeper(pause -> {})
                .stateStore(state)
                .factorSettings(FactorSettings.WITH_TOTP_SETUP)
                .build();
    }

    private final class SignIn {
        final CustomAuthFlow flow;
        final List<Round> history = new ArrayList<>();
        final UserProfile user;
        IssuedChallenge current;

        SignIn(CustomAuthFlow flow, UserProfile user) {
            this.flow = flow;
            this.user = user;
        }

        SignInContext context() {
            return new SignInContext(POOL, USER, CLIENT, user, history, false);
        }

        Decision next(Instant now) {
            Decision decision = flow.define(context(), now);
            if (decision instanceof Decision.Present) {
                current = flow.create(context(), now);
            }
            return decision;
        }

        Map<String, String> challenge(Instant now) {
            assertThat(next(now)).isInstanceOf(Decision.Present.class);
            return current.publicParameters();
        }

        VerifyResult answer(String answer, Instant now) {
            VerifyResult result = flow.verify(
                    new VerifyContext(POOL, USER, CLIENT, current.privateParameters(), answer, false, user), now);
            history.add(new Round(Round.CUSTOM_CHALLENGE, result.correct(), current.metadata()));
            return result;
        }
    }

    private String lastToken() {
        Matcher matcher =
                TOKEN.matcher(email.messages.get(email.messages.size() - 1).body());
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    private static byte[] secretOf(String otpauthUri) {
        Matcher matcher = Pattern.compile("secret=([A-Z2-7]+)").matcher(otpauthUri);
        assertThat(matcher.find()).isTrue();
        return Base32.decode(matcher.group(1));
    }

    @Test
    void selection_twoUsableOptions_asksAndPresentsTheChoice() {
        SignIn signIn = new SignIn(flow("email_code|phone_code"), BOTH);

        Map<String, String> choice = signIn.challenge(NOW);
        assertThat(choice)
                .containsEntry("step", "CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION")
                .containsEntry("options", "email_code,phone_code")
                .doesNotContainKey("factor");
        assertThat(signIn.answer("phone_code", NOW).correct()).isTrue();
        Map<String, String> code = signIn.challenge(NOW);
        assertThat(code).containsEntry("factor", "phone_code").containsEntry("attemptsRemaining", "3");
        assertThat(signIn.answer(sms.lastCode(), NOW).correct()).isTrue();
        assertThat(signIn.next(NOW)).isInstanceOf(Decision.IssueTokens.class);
        assertThat(email.messages).isEmpty();
    }

    @Test
    void selection_laterStep_isMfaSelection() {
        state.put(new StateItem(StateKeys.user(POOL, USER), StateKeys.TOTP, Map.of("secret", "x"), null));
        new BackupCodes(state, Fixtures.KEYS, new SecureRandom()).generate(POOL, USER, 2, NOW);
        SignIn signIn = new SignIn(flow("email_code > totp|backup_code"), BOTH);

        signIn.challenge(NOW);
        signIn.answer(email.lastCode(), NOW);

        assertThat(signIn.challenge(NOW))
                .containsEntry("step", "CONTINUE_SIGN_IN_WITH_MFA_SELECTION")
                .containsEntry("status", "needs_second_factor")
                .containsEntry("options", "totp,backup_code");
    }

    @Test
    void selection_invalidChoice_countsAsWrongAnswer() {
        SignIn signIn = new SignIn(flow("email_code|phone_code"), BOTH);
        signIn.challenge(NOW);

        VerifyResult result = signIn.answer("totp", NOW);

        assertThat(result.correct()).isFalse();
        assertThat(signIn.challenge(NOW))
                .containsEntry("options", "email_code,phone_code")
                .containsEntry("attemptsRemaining", "2");
        assertThat(state.view()).isEmpty();
    }

    @Test
    void selection_oneUsableOption_noChoiceAsked() {
        SignIn signIn = new SignIn(flow("email_code|phone_code"), new UserProfile(null, PHONE));

        assertThat(signIn.challenge(NOW)).containsEntry("factor", "phone_code").doesNotContainKey("options");
    }

    @Test
    void selection_recordedChoiceMissing_failsClosed() {
        SignIn signIn = new SignIn(flow("email_code|phone_code"), BOTH);
        signIn.challenge(NOW);
        signIn.answer("email_code", NOW);
        state.clear();

        assertThat(signIn.next(NOW)).isInstanceOf(Decision.Fail.class);
    }

    @Test
    void define_stateTableDown_throwsSoNoTokens() {
        SignIn signIn = new SignIn(flow("email_code|phone_code"), BOTH);
        signIn.challenge(NOW);
        signIn.answer("email_code", NOW);
        state.failing(true);

        assertThatThrownBy(() -> signIn.next(NOW)).isInstanceOf(StateStoreException.class);
    }

    @Test
    void totpSetup_noAppEnrolled_presentsSecretAndEnrolsAfterFirstCode() {
        SignIn signIn = new SignIn(flow("email_code > totp"), BOTH);
        signIn.challenge(NOW);
        signIn.answer(email.lastCode(), NOW);

        Map<String, String> setup = signIn.challenge(NOW);
        assertThat(setup)
                .containsEntry("step", "CONTINUE_SIGN_IN_WITH_TOTP_SETUP")
                .containsEntry("factor", "totp")
                .hasEntrySatisfying(
                        "otpauthUri", uri -> assertThat(uri).startsWith("otpauth://totp/Stepwise:alice?secret="));
        byte[] secret = secretOf(setup.get("otpauthUri"));
        assertThat(signIn.answer("000000".equals(Totp.code(secret, NOW)) ? "111111" : "000000", NOW)
                        .correct())
                .isFalse();
        assertThat(state.get(StateKeys.user(POOL, USER), StateKeys.TOTP, NOW)).isEmpty();
        assertThat(secretOf(signIn.challenge(NOW).get("otpauthUri"))).isEqualTo(secret);
        assertThat(signIn.answer(Totp.code(secret, NOW), NOW).correct()).isTrue();
        assertThat(email.messages.get(email.messages.size() - 1).subject())
                .as("the owner's email is told of the new authenticator app")
                .isEqualTo(EnrolmentNotice.SUBJECT);
        assertThat(signIn.next(NOW)).isInstanceOf(Decision.IssueTokens.class);
        StateItem enrolled =
                state.get(StateKeys.user(POOL, USER), StateKeys.TOTP, NOW).orElseThrow();
        assertThat(enrolled.attribute("secret")).startsWith("v1:").doesNotContain(Base32.encode(secret));

        Instant later = NOW.plus(Duration.ofMinutes(10));
        SignIn again = new SignIn(flow("email_code > totp"), BOTH);
        again.challenge(later);
        again.answer(email.lastCode(), later);
        assertThat(again.challenge(later)).containsEntry("step", "CONFIRM_SIGN_IN_WITH_TOTP_CODE");
        assertThat(again.answer(Totp.code(secret, later), later).correct()).isTrue();
        assertThat(again.next(later)).isInstanceOf(Decision.IssueTokens.class);
    }

    @Test
    void totpSetup_noticeCannotBeSent_notEnrolled() {
        CustomAuthFlow flow = CustomAuthFlow.builder()
                .policies(PolicySet.parse("email_code > totp", null, Limits.DEFAULT))
                .keys(Fixtures.KEYS)
                .codes(new CodeGenerator(new SecureRandom()))
                .templates(TEMPLATES)
                .deliveries(Map.of(
                        DeliveryMedium.EMAIL,
                        message -> {
                            if (EnrolmentNotice.SUBJECT.equals(message.subject())) {
                                throw new DeliveryException("SES v2 SendEmail failed (MessageRejected, HTTP 400)");
                            }
                            email.deliver(message);
                        },
                        DeliveryMedium.SMS,
                        sms))
                .sleeper(pause -> {})
                .stateStore(state)
                .factorSettings(FactorSettings.WITH_TOTP_SETUP)
                .build();
        SignIn signIn = new SignIn(flow, BOTH);
        signIn.challenge(NOW);
        signIn.answer(email.lastCode(), NOW);
        byte[] secret = secretOf(signIn.challenge(NOW).get("otpauthUri"));

        assertThat(signIn.answer(Totp.code(secret, NOW), NOW).correct()).isFalse();
        assertThat(state.get(StateKeys.user(POOL, USER), StateKeys.TOTP, NOW)).isEmpty();
    }

    @Test
    void totpSetup_firstStep_neverOfferedButAChallengeNobodyPasses() {
        SignIn signIn = new SignIn(flow("totp"), BOTH);

        assertThat(signIn.challenge(NOW))
                .containsEntry("step", "CONFIRM_SIGN_IN_WITH_TOTP_CODE")
                .doesNotContainKey("otpauthUri");
        assertThat(signIn.answer("123456", NOW).correct()).isFalse();
    }

    @Test
    void totp_codeAlreadyUsedInThisStep_refused() {
        byte[] secret = enrolTotp();
        SignIn first = new SignIn(flow("email_code > totp"), BOTH);
        first.challenge(NOW);
        first.answer(email.lastCode(), NOW);
        first.challenge(NOW);
        String code = Totp.code(secret, NOW);
        assertThat(first.answer(code, NOW).correct()).isTrue();

        SignIn second = new SignIn(flow("email_code > totp"), BOTH);
        second.challenge(NOW.plusSeconds(1));
        second.answer(email.lastCode(), NOW.plusSeconds(1));
        second.challenge(NOW.plusSeconds(1));

        assertThat(second.answer(code, NOW.plusSeconds(1))).isEqualTo(new VerifyResult(false, "code already used"));
    }

    @Test
    void totp_wrongAndDriftedCodes_judgedByWindow() {
        byte[] secret = enrolTotp();
        SignIn signIn = new SignIn(flow("email_code > totp"), BOTH);
        signIn.challenge(NOW);
        signIn.answer(email.lastCode(), NOW);
        signIn.challenge(NOW);

        assertThat(signIn.answer(Totp.code(secret, NOW.minusSeconds(90)), NOW).correct())
                .isFalse();
        signIn.challenge(NOW);
        assertThat(signIn.answer(Totp.code(secret, NOW.minusSeconds(30)), NOW).correct())
                .isTrue();
    }

    private byte[] enrolTotp() {
        byte[] secret = new byte[20];
        new SecureRandom().nextBytes(secret);
        state.put(new StateItem(
                StateKeys.user(POOL, USER),
                StateKeys.TOTP,
                Map.of(
                        "secret",
                        new AesGcmSecretBox(Fixtures.KEYS, new SecureRandom())
                                .seal(secret, "totp|" + POOL + "|" + USER)),
                null));
        return secret;
    }

    @Test
    void backupCodes_eachUsableOnce_remainingCounted() {
        List<String> codes = new BackupCodes(state, Fixtures.KEYS, new SecureRandom()).generate(POOL, USER, 3, NOW);
        assertThat(codes).hasSize(3).allMatch(c -> c.matches("[a-z2-9]{5}-[a-z2-9]{5}"));
        assertThat(state.view().values()).noneMatch(i -> i.attributes().containsValue(codes.get(0)));

        SignIn signIn = new SignIn(flow("email_code > backup_code"), BOTH);
        signIn.challenge(NOW);
        signIn.answer(email.lastCode(), NOW);
        assertThat(signIn.challenge(NOW))
                .containsEntry("step", "CONFIRM_SIGN_IN_WITH_BACKUP_CODE")
                .containsEntry("backupCodesRemaining", "3");
        assertThat(signIn.answer("wrong-code1", NOW).correct()).isFalse();
        signIn.challenge(NOW);
        assertThat(signIn.answer(" " + codes.get(1).toUpperCase() + " ", NOW).correct())
                .isTrue();
        assertThat(signIn.next(NOW)).isInstanceOf(Decision.IssueTokens.class);

        SignIn replay = new SignIn(flow("email_code > backup_code"), BOTH);
        replay.challenge(NOW);
        replay.answer(email.lastCode(), NOW);
        assertThat(replay.challenge(NOW)).containsEntry("backupCodesRemaining", "2");
        assertThat(replay.answer(codes.get(1), NOW).correct()).isFalse();
    }

    @Test
    void backupCodes_noneLeft_challengeNobodyPassesInsteadOfAnImmediateFailure() {
        SignIn signIn = new SignIn(flow("email_code > backup_code"), BOTH);
        signIn.challenge(NOW);
        signIn.answer(email.lastCode(), NOW);

        assertThat(signIn.challenge(NOW)).containsEntry("factor", "backup_code");
        assertThat(signIn.answer("abcd-efgh", NOW).correct()).isFalse();
    }

    @Test
    void emailLink_tokenFromMail_signsIn() {
        SignIn signIn = new SignIn(flow("email_link"), BOTH);

        assertThat(signIn.challenge(NOW))
                .containsEntry("step", "CONFIRM_SIGN_IN_WITH_EMAIL_LINK")
                .containsEntry("deliveryMedium", "EMAIL")
                .containsEntry("destination", "a***@e***.com");
        assertThat(email.messages.get(0).body()).contains("http://localhost:3000/sign-in/link?token=");
        assertThat(signIn.answer(lastToken(), NOW).correct()).isTrue();
        assertThat(signIn.next(NOW)).isInstanceOf(Decision.IssueTokens.class);
    }

    @Test
    void emailLink_openedTwice_secondRefusedAsUsed() {
        SignIn signIn = new SignIn(flow("email_link"), BOTH);
        signIn.challenge(NOW);
        String token = lastToken();
        assertThat(signIn.answer(token, NOW).correct()).isTrue();

        VerifyResult again = signIn.flow.verify(
                new VerifyContext(POOL, USER, CLIENT, signIn.current.privateParameters(), token, false), NOW);

        assertThat(again).isEqualTo(new VerifyResult(false, "email link refused: link_already_used"));
    }

    @Test
    void emailLink_afterExpiry_refusedWithReasonAndNewLinkSent() {
        SignIn signIn = new SignIn(flow("email_link"), BOTH);
        signIn.challenge(NOW);
        String token = lastToken();
        Instant late = NOW.plus(Duration.ofMinutes(6));

        assertThat(signIn.answer(token, late).correct()).isFalse();
        assertThat(signIn.challenge(late)).containsEntry("error", "link_expired");
        assertThat(email.messages).hasSize(2);
        assertThat(lastToken()).isNotEqualTo(token);
        assertThat(signIn.answer(lastToken(), late).correct()).isTrue();
    }

    @Test
    void emailLink_fromAnotherSignIn_refusedAsInvalid() {
        SignIn mine = new SignIn(flow("email_link"), BOTH);
        mine.challenge(NOW);
        SignIn other = new SignIn(flow("email_link"), BOTH);
        other.challenge(NOW);
        String othersToken = lastToken();

        assertThat(mine.answer(othersToken, NOW))
                .isEqualTo(new VerifyResult(false, "email link refused: link_invalid"));
        assertThat(mine.challenge(NOW)).containsEntry("error", "link_invalid");
    }

    @Test
    void emailLink_wrongAnswerWhileValid_reusesLinkWithoutSending() {
        SignIn signIn = new SignIn(flow("email_link"), BOTH);
        signIn.challenge(NOW);
        String token = lastToken();

        signIn.answer("garbage", NOW);
        signIn.challenge(NOW);

        assertThat(email.messages).hasSize(1);
        assertThat(signIn.answer(token, NOW).correct()).isTrue();
    }

    @Test
    void passwordThenCode_afterSrp_presentsCode() {
        SignIn signIn = new SignIn(flow("password > email_code"), BOTH);
        signIn.history.add(new Round(Round.SRP_A, true, null));
        assertThat(signIn.next(NOW)).isInstanceOf(Decision.VerifyPassword.class);
        signIn.history.add(new Round(Round.PASSWORD_VERIFIER, true, null));

        assertThat(signIn.challenge(NOW))
                .containsEntry("factor", "email_code")
                .containsEntry("status", "needs_second_factor");
    }

    @Test
    void emailLink_unknownUser_decoyLinkStepSendsNothingAndNeverPasses() {
        CustomAuthFlow flow = flow("email_link");
        SignInContext unknown = new SignInContext(POOL, "nobody", CLIENT, UserProfile.NONE, List.of(), true);

        IssuedChallenge decoy = flow.create(unknown, NOW);

        assertThat(decoy.publicParameters())
                .containsEntry("step", "CONFIRM_SIGN_IN_WITH_EMAIL_LINK")
                .containsKey("destination");
        assertThat(email.messages).isEmpty();
        assertThat(flow.verify(new VerifyContext(POOL, "nobody", CLIENT, decoy.privateParameters(), "x.y", true), NOW)
                        .correct())
                .isFalse();
    }
}
