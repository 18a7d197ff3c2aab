package dev.stepwise.harness.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.harness.emulator.CognitoEmulator;
import dev.stepwise.harness.emulator.Seeded;
import dev.stepwise.harness.junit.StepwiseEmulator;
import dev.stepwise.harness.junit.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

class SignInClientEmulatorTest {

    static final Duration CODE_WAIT = Duration.ofSeconds(10);

    final List<AutoCloseable> resources = new ArrayList<>();
    CognitoEmulator emulator;
    Seeded seeded;
    CodeReader codes;
    SignInClient client;
    TestClock clock;

    @BeforeEach
    void bind(CognitoEmulator emulator, Seeded seeded, CodeReader codes, SignInClient client, TestClock clock) {
        this.emulator = emulator;
        this.seeded = seeded;
        this.codes = codes;
        this.client = client;
        this.clock = clock;
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    SignInClient client(String clientId, String secret) {
        SignInClient client = SignInClient.builder()
                .endpoint(emulator.endpoint())
                .region("us-east-1")
                .userPoolId(seeded.userPoolId())
                .clientId(clientId)
                .clientSecret(secret)
                .build();
        resources.add(client);
        return client;
    }

    NextStep.Challenge challenge(NextStep next) {
        assertThat(next).isInstanceOf(NextStep.Challenge.class);
        return (NextStep.Challenge) next;
    }

    NextStep answerWithMailboxCode(SignInClient client, NextStep.Challenge challenge) {
        return client.answer(challenge, codes.awaitCode(challenge, CODE_WAIT));
    }

    @Test
    @StepwiseEmulator(policy = "email_code", clock = StepwiseEmulator.NOW)
    void start_emailCodePolicyWithoutSrp_firstFactorEmailCodeThenDone() {

        NextStep.Challenge c = challenge(client.start(seeded.username()));
        NextStep done = answerWithMailboxCode(client, c);

        assertThat(c.step()).isEqualTo(SignInStep.CONFIRM_SIGN_IN_WITH_EMAIL_CODE);
        assertThat(c.status()).isEqualTo("needs_first_factor");
        assertThat(c.factor()).isEqualTo("email_code");
        assertThat(c.contractVersion()).isEqualTo(1);
        assertThat(c.delivery().deliveryMedium()).isEqualTo("EMAIL");
        assertThat(c.delivery().destination()).contains("***").doesNotContain(seeded.email());
        assertThat(c.attemptsRemaining()).isEqualTo(3);
        assertThat(c.codeLength()).isEqualTo(6);
        assertThat(c.expiresAt()).isNotNull();
        assertThat(done).isInstanceOf(NextStep.Done.class);
        assertThat(((NextStep.Done) done).tokens().idTokenClaims())
                .containsEntry("cognito:username", seeded.username());
    }

    @Test
    @StepwiseEmulator(policy = "password > email_code", clock = StepwiseEmulator.NOW)
    void start_passwordThenEmailCodeWithSrp_secondFactorThenDone() {

        NextStep.Challenge c =
                challenge(client.start(SignInFlow.CUSTOM_WITH_SRP, seeded.username(), seeded.password()));

        assertThat(c.step()).isEqualTo(SignInStep.CONFIRM_SIGN_IN_WITH_EMAIL_CODE);
        assertThat(c.status()).isEqualTo("needs_second_factor");
        assertThat(answerWithMailboxCode(client, c)).isInstanceOf(NextStep.Done.class);
    }

    @Test
    @StepwiseEmulator(policy = "phone_code", clock = StepwiseEmulator.NOW)
    void start_phoneCode_smsFromMailboxThenDone() {

        NextStep.Challenge c = challenge(client.start(seeded.username()));

        assertThat(c.step()).isEqualTo(SignInStep.CONFIRM_SIGN_IN_WITH_SMS_CODE);
        assertThat(c.delivery().deliveryMedium()).isEqualTo("SMS");
        assertThat(answerWithMailboxCode(client, c)).isInstanceOf(NextStep.Done.class);
    }

    NextStep driveToOutcome(SignInClient client, NextStep next, String preferredOption, List<SignInStep> seen) {
        while (next instanceof NextStep.Challenge c) {
            seen.add(c.step());
            next = c.options().isEmpty()
                    ? answerWithMailboxCode(client, c)
                    : client.answer(
                            c,
                            c.options().contains(preferredOption)
                                    ? preferredOption
                                    : c.options().get(0));
        }
        return next;
    }

    @Test
    @StepwiseEmulator(policy = "email_code|phone_code", clock = StepwiseEmulator.NOW)
    void start_firstFactorAlternatives_reachesDoneThroughKnownSteps() {
        List<SignInStep> seen = new ArrayList<>();

        NextStep outcome = driveToOutcome(client, client.start(seeded.username()), "phone_code", seen);

        assertThat(outcome).isInstanceOf(NextStep.Done.class);
        assertThat(seen).isNotEmpty().doesNotContain(SignInStep.UNKNOWN);
    }

    @Test
    @StepwiseEmulator(policy = "password > email_code|phone_code", clock = StepwiseEmulator.NOW)
    void start_secondFactorAlternatives_reachesDoneThroughKnownSteps() {
        List<SignInStep> seen = new ArrayList<>();

        NextStep outcome = driveToOutcome(
                client,
                client.start(SignInFlow.CUSTOM_WITH_SRP, seeded.username(), seeded.password()),
                "email_code",
                seen);

        assertThat(outcome).isInstanceOf(NextStep.Done.class);
        assertThat(seen).isNotEmpty().doesNotContain(SignInStep.UNKNOWN);
    }

    @Test
    @StepwiseEmulator(policy = "email_code", clock = StepwiseEmulator.NOW)
    void start_userSrpAuthOnAPoolThatAllowsIt_doneWithoutCustomChallenges() {
        AccountPool pool = AccountPool.create(emulator.endpoint(), "srp-only");
        resources.add(pool);
        pool.confirmedUser("srp-user");
        SignInClient srp = SignInClient.builder()
                .endpoint(emulator.endpoint())
                .region("us-east-1")
                .userPoolId(pool.poolId())
                .clientId(pool.clientId())
                .build();
        resources.add(srp);

        NextStep outcome = srp.start(SignInFlow.USER_SRP_AUTH, "srp-user", AccountPool.PASSWORD);

        assertThat(outcome).isInstanceOfSatisfying(NextStep.Done.class, done -> assertThat(
                        done.tokens().idToken())
                .isNotBlank());
    }

    @Test
    @StepwiseEmulator(policy = "email_code", clock = StepwiseEmulator.NOW)
    void start_userSrpAuthOnTheDemoPool_noTokens() {

        NextStep outcome = client.start(SignInFlow.USER_SRP_AUTH, seeded.username(), seeded.password());

        assertThat(outcome).isNotInstanceOf(NextStep.Done.class);
    }

    @Test
    @StepwiseEmulator(policy = "password > email_code", clock = StepwiseEmulator.NOW)
    void start_wrongPasswordWithSrp_failed() {

        assertThat(client.start(SignInFlow.CUSTOM_WITH_SRP, seeded.username(), seeded.password() + "x"))
                .isInstanceOf(NextStep.Failed.class);
    }

    @Test
    @StepwiseEmulator(policy = "email_code", clock = StepwiseEmulator.NOW)
    void answer_wrongCodeThreeTimes_countsDownThenFailed() {
        NextStep.Challenge c = challenge(client.start(seeded.username()));
        String wrong = codes.awaitCode(c, CODE_WAIT).equals("000000") ? "000001" : "000000";

        NextStep.Challenge second = challenge(client.answer(c, wrong));
        NextStep.Challenge third = challenge(client.answer(second, wrong));
        NextStep last = client.answer(third, wrong);

        assertThat(second.attemptsRemaining()).isEqualTo(2);
        assertThat(third.attemptsRemaining()).isEqualTo(1);
        assertThat(last).isInstanceOf(NextStep.Failed.class);
        assertThat(((NextStep.Failed) last).message()).isEqualTo("Incorrect username or password.");
    }

    @Test
    @StepwiseEmulator(policy = "email_code", clock = StepwiseEmulator.NOW)
    void answer_afterSessionLifetime_sessionExpired() {
        NextStep.Challenge c = challenge(client.start(seeded.username()));
        String code = codes.awaitCode(c, CODE_WAIT);

        clock.advance(Duration.ofMinutes(4));

        assertThat(client.answer(c, code)).isInstanceOf(NextStep.SessionExpired.class);
    }

    @Test
    @StepwiseEmulator(policy = "email_code", clock = StepwiseEmulator.NOW)
    void answer_sessionUsedTwice_sessionExpired() {
        NextStep.Challenge c = challenge(client.start(seeded.username()));
        String code = codes.awaitCode(c, CODE_WAIT);
        client.answer(c, code);

        assertThat(client.answer(c, code)).isInstanceOf(NextStep.SessionExpired.class);
    }

    @Test
    @StepwiseEmulator(policy = "email_code", clock = StepwiseEmulator.NOW)
    void answer_savedAndResumedInAnotherClient_done() {
        SignInClient first = client;
        String saved = challenge(first.start(seeded.username())).session().save();
        SignInClient second = client(seeded.clientId(), null);

        NextStep.Challenge resumed = SignInClient.resume(saved);

        assertThat(resumed.step()).isEqualTo(SignInStep.CONFIRM_SIGN_IN_WITH_EMAIL_CODE);
        assertThat(answerWithMailboxCode(second, resumed)).isInstanceOf(NextStep.Done.class);
    }

    @Test
    @StepwiseEmulator(policy = "email_code", clock = StepwiseEmulator.NOW)
    void clear_afterSignIn_emulatorMailboxIsEmpty() {
        answerWithMailboxCode(client, challenge(client.start(seeded.username())));
        HttpMailbox mailbox = HttpMailbox.at(emulator.endpoint(), "us-east-1");

        mailbox.clear();

        assertThat(mailbox.messages()).isEmpty();
        assertThat(emulator.mailbox().emails()).isEmpty();
    }

    @Test
    @StepwiseEmulator(policy = "email_code", clock = StepwiseEmulator.NOW)
    void start_unknownClientId_serviceErrorResourceNotFound() {
        SignInClient wrong = client("nosuchclient0000000000000", null);

        NextStep next = wrong.start(seeded.username());

        assertThat(next).isInstanceOf(NextStep.ServiceError.class);
        assertThat(((NextStep.ServiceError) next).errorCode()).isEqualTo("ResourceNotFoundException");
    }

    @Test
    @StepwiseEmulator(policy = "email_code", clock = StepwiseEmulator.NOW)
    void start_clientWithSecret_secretHashAcceptedAndMissingSecretRejected() {
        UserPoolClientType appClient = createClientWithSecret();
        SignInClient withSecret = client(appClient.clientId(), appClient.clientSecret());
        SignInClient withoutSecret = client(appClient.clientId(), null);

        NextStep.Challenge c = challenge(withSecret.start(seeded.username()));
        NextStep rejected = withoutSecret.start(seeded.username());

        assertThat(answerWithMailboxCode(withSecret, c)).isInstanceOf(NextStep.Done.class);
        assertThat(rejected).isInstanceOf(NextStep.ServiceError.class);
    }

    UserPoolClientType createClientWithSecret() {
        try (CognitoIdentityProviderClient admin = CognitoIdentityProviderClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            return admin.createUserPoolClient(b -> b.userPoolId(seeded.userPoolId())
                            .clientName("with-secret")
                            .generateSecret(true)
                            .explicitAuthFlows(
                                    ExplicitAuthFlowsType.ALLOW_CUSTOM_AUTH,
                                    ExplicitAuthFlowsType.ALLOW_USER_SRP_AUTH,
                                    ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                    .userPoolClient();
        }
    }
}
