package dev.stepwise.harness.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.core.AesGcmSecretBox;
import dev.stepwise.core.BackupCodes;
import dev.stepwise.core.Base32;
import dev.stepwise.core.StateItem;
import dev.stepwise.core.StateKeys;
import dev.stepwise.core.StepwiseKeys;
import dev.stepwise.core.Totp;
import dev.stepwise.harness.emulator.Seeded;
import dev.stepwise.harness.junit.StepwiseEmulator;
import dev.stepwise.harness.junit.TestClock;
import dev.stepwise.lambda.aws.DynamoDbStateStore;
import dev.stepwise.lambda.aws.KmsSecretBox;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class FactorsEmulatorTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String SECRET = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    private static final String SECRET_SETTING = "STEPWISE_SECRET=" + SECRET;
    private static final String TOTP_SETUP = "STEPWISE_TOTP_SETUP=on";

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    private DynamoDbStateStore stateTable(URI endpoint) {
        DynamoDbClient dynamo = DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
        resources.add(dynamo);
        return new DynamoDbStateStore(dynamo, "stepwise-state");
    }

    private NextStep.Challenge challenge(NextStep next, SignInStep expected) {
        assertThat(next).isInstanceOf(NextStep.Challenge.class);
        NextStep.Challenge challenge = (NextStep.Challenge) next;
        assertThat(challenge.step()).isEqualTo(expected);
        return challenge;
    }

    private static byte[] secretOf(String otpauthUri) {
        Matcher matcher = Pattern.compile("[?&]secret=([A-Z2-7]+)").matcher(otpauthUri);
        assertThat(matcher.find()).isTrue();
        return Base32.decode(matcher.group(1));
    }

    @Test
    @StepwiseEmulator(
            policy = "email_code|phone_code",
            environment = {SECRET_SETTING, TOTP_SETUP})
    void selection_firstFactor_choiceLeadsToChosenCode(SignInClient client, Seeded seeded, CodeReader mailbox) {

        NextStep.Challenge choice =
                challenge(client.start(seeded.username()), SignInStep.CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION);
        assertThat(choice.options()).containsExactly("email_code", "phone_code");
        NextStep.Challenge sms =
                challenge(client.answer(choice, "phone_code"), SignInStep.CONFIRM_SIGN_IN_WITH_SMS_CODE);

        assertThat(client.answer(sms, mailbox.awaitCode(sms, WAIT))).isInstanceOf(NextStep.Done.class);
    }

    @Test
    @StepwiseEmulator(
            policy = "email_code|phone_code",
            environment = {SECRET_SETTING, TOTP_SETUP})
    void selection_invalidChoice_countsAsWrongAnswer(SignInClient client, Seeded seeded, CodeReader mailbox) {
        NextStep.Challenge choice =
                challenge(client.start(seeded.username()), SignInStep.CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION);

        NextStep.Challenge again =
                challenge(client.answer(choice, "totp"), SignInStep.CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION);

        assertThat(again.parameters()).containsEntry("attemptsRemaining", "2");
    }

    @Test
    @StepwiseEmulator(
            policy = "email_code > totp",
            environment = {SECRET_SETTING, TOTP_SETUP},
            clock = StepwiseEmulator.NOW)
    void totp_setUpDuringSignIn_thenCodeOnNextSignIn(
            SignInClient client, Seeded seeded, CodeReader mailbox, URI endpoint, TestClock clock) {
        NextStep.Challenge email =
                challenge(client.start(seeded.username()), SignInStep.CONFIRM_SIGN_IN_WITH_EMAIL_CODE);
        NextStep.Challenge setup = challenge(
                client.answer(email, mailbox.awaitCode(email, WAIT)), SignInStep.CONTINUE_SIGN_IN_WITH_TOTP_SETUP);
        assertThat(setup.otpauthUri()).startsWith("otpauth://totp/Stepwise:demo?secret=");
        byte[] secret = secretOf(setup.otpauthUri());
        assertThat(client.answer(setup, Totp.code(secret, clock.instant()))).isInstanceOf(NextStep.Done.class);
        assertThat(enrolledSecret(endpoint, seeded)).startsWith(KmsSecretBox.PREFIX);

        NextStep.Challenge email2 =
                challenge(client.start(seeded.username()), SignInStep.CONFIRM_SIGN_IN_WITH_EMAIL_CODE);
        NextStep.Challenge totp = challenge(
                client.answer(email2, mailbox.awaitCode(email2, WAIT)), SignInStep.CONFIRM_SIGN_IN_WITH_TOTP_CODE);
        String sameStepCode = Totp.code(secret, clock.instant());
        NextStep.Challenge retry =
                challenge(client.answer(totp, sameStepCode), SignInStep.CONFIRM_SIGN_IN_WITH_TOTP_CODE);
        clock.advance(Duration.ofSeconds(30));

        assertThat(retry.parameters()).containsEntry("attemptsRemaining", "2");
        assertThat(client.answer(retry, Totp.code(secret, clock.instant()))).isInstanceOf(NextStep.Done.class);
    }

    @Test
    @StepwiseEmulator(
            policy = "email_code > totp",
            environment = {SECRET_SETTING, TOTP_SETUP})
    void totp_enrolledBeforeKmsWasTurnedOn_stillSignsIn(
            SignInClient client, Seeded seeded, CodeReader mailbox, URI endpoint) {
        byte[] secret = new byte[20];
        new SecureRandom().nextBytes(secret);
        String local = new AesGcmSecretBox(StepwiseKeys.fromBase64(SECRET), new SecureRandom())
                .seal(secret, "totp|" + seeded.userPoolId() + "|" + seeded.username());
        stateTable(endpoint)
                .put(new StateItem(
                        StateKeys.user(seeded.userPoolId(), seeded.username()),
                        StateKeys.TOTP,
                        Map.of("secret", local, "enrolledAt", Instant.now().toString()),
                        null));

        NextStep.Challenge email =
                challenge(client.start(seeded.username()), SignInStep.CONFIRM_SIGN_IN_WITH_EMAIL_CODE);
        NextStep.Challenge totp = challenge(
                client.answer(email, mailbox.awaitCode(email, WAIT)), SignInStep.CONFIRM_SIGN_IN_WITH_TOTP_CODE);

        assertThat(client.answer(totp, Totp.code(secret, Instant.now()))).isInstanceOf(NextStep.Done.class);
        assertThat(enrolledSecret(endpoint, seeded)).isEqualTo(local);
    }

    @Test
    @StepwiseEmulator(
            policy = "email_code > totp",
            environment = {SECRET_SETTING, TOTP_SETUP, "STEPWISE_LEGACY_TOTP_SECRETS=refuse"})
    void totp_enrolledBeforeKmsWasTurnedOn_refusedOnceLegacySecretsAreRefused(
            SignInClient client, Seeded seeded, CodeReader mailbox, URI endpoint) {
        byte[] secret = new byte[20];
        new SecureRandom().nextBytes(secret);
        String local = new AesGcmSecretBox(StepwiseKeys.fromBase64(SECRET), new SecureRandom())
                .seal(secret, "totp|" + seeded.userPoolId() + "|" + seeded.username());
        stateTable(endpoint)
                .put(new StateItem(
                        StateKeys.user(seeded.userPoolId(), seeded.username()),
                        StateKeys.TOTP,
                        Map.of("secret", local, "enrolledAt", Instant.now().toString()),
                        null));

        NextStep.Challenge email =
                challenge(client.start(seeded.username()), SignInStep.CONFIRM_SIGN_IN_WITH_EMAIL_CODE);
        NextStep.Challenge totp = challenge(
                client.answer(email, mailbox.awaitCode(email, WAIT)), SignInStep.CONFIRM_SIGN_IN_WITH_TOTP_CODE);

        assertThat(client.answer(totp, Totp.code(secret, Instant.now()))).isNotInstanceOf(NextStep.Done.class);
    }

    private String enrolledSecret(URI endpoint, Seeded seeded) {
        return stateTable(endpoint)
                .get(StateKeys.user(seeded.userPoolId(), seeded.username()), StateKeys.TOTP, Instant.now())
                .orElseThrow()
                .attribute("secret");
    }

    @Test
    @StepwiseEmulator(
            policy = "email_code > backup_code",
            environment = {SECRET_SETTING, TOTP_SETUP})
    void backupCode_fromLibrary_usableOnce(SignInClient client, Seeded seeded, CodeReader mailbox, URI endpoint) {
        List<String> codes = new BackupCodes(stateTable(endpoint), StepwiseKeys.fromBase64(SECRET), new SecureRandom())
                .generate(seeded.userPoolId(), seeded.username(), 2, Instant.now());
        NextStep.Challenge email =
                challenge(client.start(seeded.username()), SignInStep.CONFIRM_SIGN_IN_WITH_EMAIL_CODE);
        NextStep.Challenge backup = challenge(
                client.answer(email, mailbox.awaitCode(email, WAIT)), SignInStep.CONFIRM_SIGN_IN_WITH_BACKUP_CODE);
        assertThat(backup.parameters()).containsEntry("backupCodesRemaining", "2");
        assertThat(client.answer(backup, codes.get(0))).isInstanceOf(NextStep.Done.class);

        NextStep.Challenge email2 =
                challenge(client.start(seeded.username()), SignInStep.CONFIRM_SIGN_IN_WITH_EMAIL_CODE);
        NextStep.Challenge backup2 = challenge(
                client.answer(email2, mailbox.awaitCode(email2, WAIT)), SignInStep.CONFIRM_SIGN_IN_WITH_BACKUP_CODE);
        assertThat(backup2.parameters()).containsEntry("backupCodesRemaining", "1");
        NextStep reused = client.answer(backup2, codes.get(0));
        assertThat(reused).isInstanceOf(NextStep.Challenge.class);
        assertThat(client.answer((NextStep.Challenge) reused, codes.get(1))).isInstanceOf(NextStep.Done.class);
    }

    @Test
    @StepwiseEmulator(
            policy = "email_link",
            environment = {SECRET_SETTING, TOTP_SETUP})
    void emailLink_followedFromMailbox_signsIn(SignInClient client, Seeded seeded, CodeReader mailbox) {
        NextStep.Challenge link =
                challenge(client.start(seeded.username()), SignInStep.CONFIRM_SIGN_IN_WITH_EMAIL_LINK);

        assertThat(client.answer(link, mailbox.awaitLinkToken(link, WAIT))).isInstanceOf(NextStep.Done.class);
    }

    @Test
    @StepwiseEmulator(
            policy = "email_link",
            environment = {SECRET_SETTING, TOTP_SETUP})
    void emailLink_fromEarlierSignIn_refusedWithReason(SignInClient client, Seeded seeded, CodeReader mailbox) {
        NextStep.Challenge first =
                challenge(client.start(seeded.username()), SignInStep.CONFIRM_SIGN_IN_WITH_EMAIL_LINK);
        String oldToken = mailbox.awaitLinkToken(first, WAIT);
        assertThat(client.answer(first, oldToken)).isInstanceOf(NextStep.Done.class);
        NextStep.Challenge second =
                challenge(client.start(seeded.username()), SignInStep.CONFIRM_SIGN_IN_WITH_EMAIL_LINK);

        NextStep.Challenge refused =
                challenge(client.answer(second, oldToken), SignInStep.CONFIRM_SIGN_IN_WITH_EMAIL_LINK);

        assertThat(refused.parameters()).containsEntry("error", "link_invalid");
    }

    @Test
    @StepwiseEmulator(
            policy = "password > email_code",
            environment = {SECRET_SETTING, TOTP_SETUP})
    void passwordThenCode_wrongPassword_failsAsCognitoDoes(SignInClient client, Seeded seeded, CodeReader mailbox) {

        assertThat(client.start(SignInFlow.CUSTOM_WITH_SRP, seeded.username(), "not-the-password"))
                .isInstanceOf(NextStep.Failed.class);
    }

    @Test
    @StepwiseEmulator(
            policy = "password > email_code",
            environment = {SECRET_SETTING, TOTP_SETUP})
    void passwordThenCode_rightPassword_continuesWithCode(SignInClient client, Seeded seeded, CodeReader mailbox) {
        NextStep.Challenge email = challenge(
                client.start(SignInFlow.CUSTOM_WITH_SRP, seeded.username(), seeded.password()),
                SignInStep.CONFIRM_SIGN_IN_WITH_EMAIL_CODE);

        assertThat(client.answer(email, mailbox.awaitCode(email, WAIT))).isInstanceOf(NextStep.Done.class);
    }
}
