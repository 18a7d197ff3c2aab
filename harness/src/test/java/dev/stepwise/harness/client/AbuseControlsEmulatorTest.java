package dev.stepwise.harness.client;

import static dev.stepwise.harness.emulator.SenderFault.Service.SES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.harness.emulator.CognitoEmulator;
import dev.stepwise.harness.emulator.Seeded;
import dev.stepwise.harness.emulator.SenderFault;
import dev.stepwise.harness.emulator.SentEmail;
import dev.stepwise.harness.emulator.SentSms;
import dev.stepwise.harness.junit.StepwiseEmulator;
import dev.stepwise.harness.junit.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

class AbuseControlsEmulatorTest {

    /** An hour's start, so the hourly send limit's window is the clock's hour. */
    private static final String HOUR = "2026-11-22T03:00:00Z";

    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
    private static final String LOCKED =
            cognito("DefineAuthChallenge", "Too many failed sign-in attempts. Try again in 15 minutes.");
    private static final String SENDER_UNAVAILABLE =
            cognito("CreateAuthChallenge", "We could not send your code just now. Try again in a minute.");
    private static final String UNDELIVERABLE =
            cognito("CreateAuthChallenge", "We could not send a code to this address.");

    private CognitoEmulator emulator;
    private Seeded seeded;
    private SignInClient client;
    private TestClock clock;

    @BeforeEach
    void bind(CognitoEmulator emulator, Seeded seeded, SignInClient client, TestClock clock) {
        this.emulator = emulator;
        this.seeded = seeded;
        this.client = client;
        this.clock = clock;
    }

    /**
     * The message Cognito (and the emulator) answers for a trigger that threw {@code message}: it appends a full stop
     * even to a message that ends with one, so the contract's messages reach the user with two.
     */
    private static String cognito(String trigger, String message) {
        return trigger + " failed with error " + message + ".";
    }

    private String lastCode(String email) {
        List<SentEmail> emails = emulator.mailbox().emailsTo(email);
        assertThat(emails).as("emails to " + email).isNotEmpty();
        Matcher m = CODE.matcher(emails.get(emails.size() - 1).textBody());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static NextStep.Challenge challenge(NextStep next) {
        assertThat(next).isInstanceOf(NextStep.Challenge.class);
        return (NextStep.Challenge) next;
    }

    private NextStep wrongAnswers(NextStep next, int count) {
        for (int i = 0; i < count; i++) {
            next = client.answer(challenge(next), "000000".equals(lastCodeOrNull()) ? "111111" : "000000");
        }
        return next;
    }

    private String lastCodeOrNull() {
        List<SentEmail> emails = emulator.mailbox().emailsTo(seeded.email());
        if (emails.isEmpty()) {
            return null;
        }
        Matcher m = CODE.matcher(emails.get(emails.size() - 1).textBody());
        return m.find() ? m.group(1) : null;
    }

    private void createUser(String username, String email, String phone) {
        try (CognitoIdentityProviderClient cognito = CognitoIdentityProviderClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("t", "t")))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            cognito.adminCreateUser(r -> r.userPoolId(seeded.userPoolId())
                    .username(username)
                    .messageAction("SUPPRESS")
                    .userAttributes(
                            a -> a.name("email").value(email),
                            a -> a.name("email_verified").value("true"),
                            a -> a.name("phone_number").value(phone),
                            a -> a.name("phone_number_verified").value("true")));
        }
    }

    @Test
    @StepwiseEmulator(clock = HOUR)
    void signIn_senderThrottlesTwiceThenWorks_oneMessageAndSignedIn() {
        emulator.senderFaults().add(SenderFault.throttle(SES).times(2));

        NextStep.Challenge c = challenge(client.start(seeded.username()));
        NextStep done = client.answer(c, lastCode(seeded.email()));

        assertThat(emulator.senderFaults().applied(SES)).isEqualTo(2);
        assertThat(emulator.mailbox().emailsTo(seeded.email())).hasSize(1);
        assertThat(done).isInstanceOf(NextStep.Done.class);
    }

    @Test
    @StepwiseEmulator(policy = "phone_code", clock = HOUR)
    void signIn_smsSenderThrottlesTwiceThenWorks_oneTextAndSignedIn() {
        emulator.senderFaults()
                .add(SenderFault.throttle(SenderFault.Service.SNS).times(2));

        NextStep.Challenge c = challenge(client.start(seeded.username()));
        List<SentSms> texts = emulator.mailbox().smsTo(seeded.phoneNumber());
        Matcher code = CODE.matcher(texts.get(0).message());

        assertThat(texts).hasSize(1);
        assertThat(code.find()).isTrue();
        assertThat(client.answer(c, code.group(1))).isInstanceOf(NextStep.Done.class);
        assertThat(emulator.senderFaults().applied(SenderFault.Service.SNS)).isEqualTo(2);
    }

    @Test
    @StepwiseEmulator(clock = HOUR)
    void signIn_senderKeepsThrottling_refusedAsSenderUnavailableWithoutTokens() {
        emulator.senderFaults().add(SenderFault.throttle(SES));

        NextStep next = client.start(seeded.username());

        assertThat(next)
                .isEqualTo(new NextStep.Refused(
                        NextStep.Refused.Reason.SENDER_UNAVAILABLE,
                        Duration.ofMinutes(1),
                        "UserLambdaValidationException",
                        SENDER_UNAVAILABLE));
        assertThat(emulator.senderFaults().applied(SES)).isBetween(2, 3);
        assertThat(emulator.mailbox().emails()).isEmpty();
    }

    @Test
    @StepwiseEmulator(clock = HOUR)
    void signIn_senderKeepsFailingWith5xx_refusedAsSenderUnavailable() {
        emulator.senderFaults().add(SenderFault.error(SES));

        NextStep next = client.start(seeded.username());

        assertThat(next).isInstanceOf(NextStep.Refused.class);
        assertThat(((NextStep.Refused) next).message()).isEqualTo(SENDER_UNAVAILABLE);
        assertThat(emulator.mailbox().emails()).isEmpty();
    }

    @Test
    @StepwiseEmulator(clock = HOUR)
    void signIn_senderRejectsTheAddress_refusedAsUndeliverableAfterOneTry() {
        emulator.senderFaults().add(SenderFault.reject(SES));

        NextStep next = client.start(seeded.username());

        assertThat(next).isInstanceOf(NextStep.Refused.class);
        assertThat(((NextStep.Refused) next).reason()).isEqualTo(NextStep.Refused.Reason.UNDELIVERABLE);
        assertThat(((NextStep.Refused) next).message()).isEqualTo(UNDELIVERABLE);
        assertThat(emulator.senderFaults().applied(SES)).isEqualTo(1);
    }

    @Test
    @Tag("slow")
    @StepwiseEmulator(clock = HOUR, triggerTimeoutMillis = 700)
    void signIn_sendOutlastsCognitosTimeout_createIsRetriedAndSendsOnceAndTheCodeWorks() {
        emulator.senderFaults()
                .add(SenderFault.delay(SES, Duration.ofMillis(900)).times(1));

        long begin = System.nanoTime();
        NextStep next = client.start(seeded.username());
        Duration took = Duration.ofNanos(System.nanoTime() - begin);

        NextStep.Challenge c = challenge(next);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(700));
        assertThat(emulator.mailbox().emailsTo(seeded.email())).hasSize(1);
        assertThat(client.answer(c, lastCode(seeded.email()))).isInstanceOf(NextStep.Done.class);
        assertThat(emulator.mailbox().emailsTo(seeded.email())).hasSize(1);
    }

    @Test
    @Tag("slow")
    @StepwiseEmulator(clock = HOUR)
    void signIn_senderAcceptsButAnswersSlowerThanOneAttempt_isRefusedAlthoughEveryAttemptDeliveredTheCode() {
        emulator.senderFaults().add(SenderFault.delay(SES, Duration.ofMillis(1500)));

        NextStep next = client.start(seeded.username());

        assertThat(next).isInstanceOf(NextStep.Refused.class);
        assertThat(((NextStep.Refused) next).reason()).isEqualTo(NextStep.Refused.Reason.SENDER_UNAVAILABLE);
        assertThat(emulator.mailbox().emailsTo(seeded.email()).size()).isBetween(1, 3);
        assertThat(emulator.mailbox().emailsTo(seeded.email()).stream()
                        .map(SentEmail::textBody)
                        .distinct())
                .hasSize(1);
    }

    @Test
    @StepwiseEmulator(clock = HOUR)
    void lockout_fiveWrongAnswersAcrossSignIns_refusesAtOnceWithNothingSentUntilTheWindowPasses() {

        NextStep first = wrongAnswers(client.start(seeded.username()), 3);
        clock.advance(Duration.ofSeconds(31));
        NextStep fifth = wrongAnswers(client.start(seeded.username()), 2);
        int sent = emulator.mailbox().emailsTo(seeded.email()).size();
        NextStep refused = client.start(seeded.username());
        clock.advance(Duration.ofSeconds(14 * 60));
        NextStep stillRefused = client.start(seeded.username());
        clock.advance(Duration.ofSeconds(60));
        NextStep.Challenge again = challenge(client.start(seeded.username()));
        NextStep done = client.answer(again, lastCode(seeded.email()));

        assertThat(first).isInstanceOf(NextStep.Failed.class);
        assertThat(fifth).isInstanceOf(NextStep.Refused.class);
        assertThat(((NextStep.Refused) fifth).message()).isEqualTo(LOCKED);
        assertThat(refused)
                .isEqualTo(new NextStep.Refused(
                        NextStep.Refused.Reason.LOCKED_OUT,
                        Duration.ofMinutes(15),
                        "UserLambdaValidationException",
                        LOCKED));
        assertThat(stillRefused).isInstanceOf(NextStep.Refused.class);
        assertThat(sent).isEqualTo(2);
        assertThat(done).isInstanceOf(NextStep.Done.class);
    }

    @Test
    @StepwiseEmulator(clock = HOUR)
    void lockout_successfulSignIn_resetsTheCount() {

        wrongAnswers(client.start(seeded.username()), 3);
        clock.advance(Duration.ofSeconds(31));
        NextStep oneWrong = wrongAnswers(client.start(seeded.username()), 1);
        NextStep done = client.answer(challenge(oneWrong), lastCode(seeded.email()));
        clock.advance(Duration.ofSeconds(31));
        wrongAnswers(client.start(seeded.username()), 3);
        clock.advance(Duration.ofSeconds(31));
        NextStep fourthSinceSuccess = wrongAnswers(client.start(seeded.username()), 1);

        assertThat(done).isInstanceOf(NextStep.Done.class);
        assertThat(fourthSinceSuccess).isInstanceOf(NextStep.Challenge.class);
        assertThat(client.answer(challenge(fourthSinceSuccess), lastCode(seeded.email())))
                .isInstanceOf(NextStep.Done.class);
    }

    @Test
    @StepwiseEmulator(clock = HOUR)
    void sendCooldown_newSignInWithinThirtySeconds_isRefusedWithNothingSent() {

        challenge(client.start(seeded.username()));
        clock.advance(Duration.ofSeconds(25));
        NextStep refused = client.start(seeded.username());
        clock.advance(Duration.ofSeconds(5));
        NextStep allowed = client.start(seeded.username());

        assertThat(refused)
                .isEqualTo(new NextStep.Refused(
                        NextStep.Refused.Reason.CODE_SENT_RECENTLY,
                        Duration.ofSeconds(5),
                        "UserLambdaValidationException",
                        cognito(
                                "CreateAuthChallenge",
                                "A code was sent moments ago. Wait 5 seconds before asking for another.")));
        assertThat(allowed).isInstanceOf(NextStep.Challenge.class);
        assertThat(emulator.mailbox().emailsTo(seeded.email())).hasSize(2);
    }

    @Test
    @StepwiseEmulator(clock = HOUR)
    void initiateAuthAgainWithinTwentySeconds_isTakenForCognitosRetryOfCreate_sameCodeAndNothingSent() {

        challenge(client.start(seeded.username()));
        clock.advance(Duration.ofSeconds(10));
        NextStep.Challenge second = challenge(client.start(seeded.username()));

        assertThat(emulator.mailbox().emailsTo(seeded.email())).hasSize(1);
        assertThat(client.answer(second, lastCode(seeded.email()))).isInstanceOf(NextStep.Done.class);
    }

    @Test
    @StepwiseEmulator(environment = "STEPWISE_MAX_OPEN_SIGN_INS=100", clock = HOUR)
    void sendsPerHour_eleventhCodeInTheHour_isRefusedUntilTheNextHour() {

        for (int i = 0; i < 10; i++) {
            challenge(client.start(seeded.username()));
            clock.advance(Duration.ofSeconds(31));
        }
        NextStep refused = client.start(seeded.username());
        clock.advance(Duration.ofMinutes(55));
        NextStep nextHour = client.start(seeded.username());

        assertThat(refused).isInstanceOf(NextStep.Refused.class);
        assertThat(((NextStep.Refused) refused).reason()).isEqualTo(NextStep.Refused.Reason.TOO_MANY_CODES);
        assertThat(((NextStep.Refused) refused).message())
                .isEqualTo(cognito("CreateAuthChallenge", "Too many codes were requested. Try again in 55 minutes."));
        assertThat(nextHour).isInstanceOf(NextStep.Challenge.class);
        assertThat(emulator.mailbox().emailsTo(seeded.email())).hasSize(11);
    }

    @Test
    @StepwiseEmulator(policy = "phone_code", environment = "STEPWISE_SMS_PER_HOUR=2", clock = HOUR)
    void smsCap_perPool_refusesTheNextUsersSmsWithNothingSent() {
        createUser("ada", "ada@example.com", "+15555550101");
        createUser("bob", "bob@example.com", "+15555550102");

        challenge(client.start(seeded.username()));
        challenge(client.start("ada"));
        NextStep refused = client.start("bob");

        assertThat(refused).isInstanceOf(NextStep.Refused.class);
        assertThat(((NextStep.Refused) refused).reason()).isEqualTo(NextStep.Refused.Reason.SMS_UNAVAILABLE);
        assertThat(((NextStep.Refused) refused).retryAfter()).isNull();
        assertThat(emulator.mailbox().smsMessages()).hasSize(2);
        assertThat(emulator.mailbox().smsTo("+15555550102")).isEmpty();
    }

    @Test
    @StepwiseEmulator(clock = HOUR)
    void unknownUser_sameSequenceAsAKnownUser_getsTheSameAnswersAndShapesAndNothingIsSent() {

        List<String> known = refusalSequence(seeded.username());
        int sentToKnown = emulator.mailbox().emails().size();
        List<String> unknown = refusalSequence("nobody-" + System.nanoTime());

        assertThat(unknown).isEqualTo(known);
        assertThat(known).hasSize(9);
        assertThat(emulator.mailbox().emails()).hasSize(sentToKnown);
    }

    @Test
    @StepwiseEmulator(clock = HOUR)
    void whileTheSenderIsThrottled_unknownUsersAreRefusedAsKnownUsersAre() {
        emulator.senderFaults().add(SenderFault.throttle(SES));

        NextStep known = client.start(seeded.username());
        NextStep unknown = client.start("nobody-" + System.nanoTime());

        assertThat(known).isInstanceOf(NextStep.Refused.class);
        assertThat(unknown).isInstanceOf(NextStep.Refused.class);
        assertThat(((NextStep.Refused) unknown).reason()).isEqualTo(((NextStep.Refused) known).reason());
        assertThat(((NextStep.Refused) unknown).message()).isEqualTo(((NextStep.Refused) known).message());
    }

    private List<String> refusalSequence(String username) {
        List<String> seen = new ArrayList<>();
        NextStep next = client.start(username);
        seen.add(shape(next));
        for (int i = 0; i < 3; i++) {
            next = client.answer(challenge(next), "000000");
            seen.add(shape(next));
        }
        seen.add(shape(client.start(username)));
        clock.advance(Duration.ofSeconds(31));
        next = client.start(username);
        seen.add(shape(next));
        next = client.answer(challenge(next), "000000");
        next = client.answer(challenge(next), "000000");
        seen.add(shape(next));
        seen.add(shape(client.start(username)));
        clock.advance(Duration.ofMinutes(16));
        seen.add(shape(client.start(username)));
        clock.advance(Duration.ofMinutes(16));
        return seen;
    }

    private static String shape(NextStep next) {
        if (next instanceof NextStep.Challenge c) {
            return "challenge " + c.stepName() + " "
                    + new TreeSet<>(c.parameters().keySet()) + " attempts "
                    + c.attemptsRemaining() + " length " + c.codeLength() + " medium "
                    + (c.delivery() == null ? null : c.delivery().deliveryMedium());
        }
        return next.toString();
    }
}
