package dev.stepwise.harness.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.core.TrustedDevices;
import dev.stepwise.harness.emulator.CognitoEmulator;
import dev.stepwise.harness.emulator.Seeded;
import dev.stepwise.harness.emulator.SentEmail;
import dev.stepwise.harness.emulator.SentSms;
import dev.stepwise.harness.junit.TestClock;
import dev.stepwise.lambda.aws.DynamoDbStateStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class DevicesEmulatorTest {
    private static final Duration CODE_WAIT = Duration.ofSeconds(10);

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final TestClock clock = TestClock.atSystemTime();
    private CognitoEmulator emulator;
    private Seeded seeded;
    private CodeReader codes;

    @BeforeEach
    void start() {
        emulator = CognitoEmulator.builder()
                .bundledTriggers(Map.of(
                        "STEPWISE_POLICY", "email_code > phone_code @new_device",
                        "STEPWISE_SEND_COOLDOWN_SECONDS", "0",
                        "STEPWISE_DEVICE_TRUST_DAYS", "1"))
                .clock(clock)
                .functionLog(line -> {})
                .start();
        resources.add(emulator);
        seeded = emulator.seed();
        codes = CodeReader.of(HttpMailbox.at(emulator.endpoint(), "us-east-1"));
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    private SignInClient client(DeviceKeychain keychain, boolean trust) {
        SignInClient client = SignInClient.builder()
                .endpoint(emulator.endpoint())
                .userPoolId(seeded.userPoolId())
                .clientId(seeded.clientId())
                .devices(keychain)
                .trustThisDevice(trust)
                .build();
        resources.add(client);
        return client;
    }

    /** Signs in, answering every challenge from the mailbox; returns the steps asked, in order. */
    private List<String> signIn(SignInClient client, String username) {
        List<String> steps = new ArrayList<>();
        NextStep next = client.start(username);
        while (next instanceof NextStep.Challenge challenge) {
            steps.add(challenge.stepName() + "/" + challenge.status());
            next = client.answer(challenge, codes.awaitCode(challenge, CODE_WAIT));
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(next).as(steps.toString()).isInstanceOf(NextStep.Done.class);
        return steps;
    }

    private static final List<String> BOTH = List.of(
            "CONFIRM_SIGN_IN_WITH_EMAIL_CODE/needs_first_factor", "CONFIRM_SIGN_IN_WITH_SMS_CODE/needs_client_trust");
    private static final List<String> EMAIL_ONLY = List.of("CONFIRM_SIGN_IN_WITH_EMAIL_CODE/needs_first_factor");

    private TrustedDevices devices(DynamoDbClient client) {
        return new TrustedDevices(new DynamoDbStateStore(client, "stepwise-state"), Duration.ofDays(1));
    }

    private DynamoDbClient table() {
        return onTheEmulator(DynamoDbClient.builder());
    }

    /** An SDK client of the emulator's endpoint, closed after the test. */
    private <
                    B extends
                            software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>
                                    & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, C>,
                    C extends software.amazon.awssdk.core.SdkClient>
            C onTheEmulator(B builder) {
        C client = builder.endpointOverride(emulator.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        resources.add(client);
        return client;
    }

    @Test
    void signIn_trustedDevice_skipsTheMarkedStepOtherDevicesDoNot() {
        DeviceKeychain phone = new DeviceKeychain();

        List<String> first = signIn(client(phone, true), seeded.username());
        List<String> again = signIn(client(phone, false), seeded.username());
        List<String> laptop = signIn(client(new DeviceKeychain(), false), seeded.username());

        assertThat(first).isEqualTo(BOTH);
        assertThat(phone.secret(seeded.username())).isNotNull();
        assertThat(again).isEqualTo(EMAIL_ONLY);
        assertThat(laptop).isEqualTo(BOTH);
    }

    @Test
    void signIn_withoutTrustThisDevice_trustsNothing() {
        DeviceKeychain phone = new DeviceKeychain();

        signIn(client(phone, false), seeded.username());

        assertThat(phone.secret(seeded.username())).isNull();
        assertThat(signIn(client(phone, false), seeded.username())).isEqualTo(BOTH);
    }

    @Test
    void signIn_anotherSecret_notTrusted() {
        DeviceKeychain phone = new DeviceKeychain();
        signIn(client(phone, true), seeded.username());
        assertThat(phone.secret(seeded.username())).isNotNull();
        DeviceKeychain thief = new DeviceKeychain();
        thief.put(seeded.username(), TrustedDevices.newSecret(new SecureRandom()));

        assertThat(signIn(client(thief, false), seeded.username())).isEqualTo(BOTH);
        assertThat(signIn(client(phone, false), seeded.username())).isEqualTo(EMAIL_ONLY);
    }

    @Test
    void signIn_afterRevocation_asksTheMarkedStepAgain() {
        DeviceKeychain phone = new DeviceKeychain();
        signIn(client(phone, true), seeded.username());

        int revoked = devices(table()).revokeAll(seeded.userPoolId(), seeded.username(), clock.instant());

        assertThat(revoked).isEqualTo(1);
        assertThat(signIn(client(phone, false), seeded.username())).isEqualTo(BOTH);
    }

    @Test
    void signIn_afterPasswordReset_asksTheMarkedStepAgain() {
        DeviceKeychain phone = new DeviceKeychain();
        signIn(client(phone, true), seeded.username());
        assertThat(signIn(client(phone, false), seeded.username())).isEqualTo(EMAIL_ONLY);
        SignInClient account = client(new DeviceKeychain(), false);

        assertThat(account.resetPassword(seeded.username())).isInstanceOf(AccountStep.CodeSent.class);
        AccountStep reset = account.confirmResetPassword(seeded.username(), resetCode(), "N3w-Passw0rd!long");

        assertThat(reset).isEqualTo(new AccountStep.Done(true));
        assertThat(signIn(client(phone, false), seeded.username())).isEqualTo(BOTH);
    }

    @Test
    void signIn_resetStartedButNotConfirmed_deviceStaysTrusted() {
        DeviceKeychain phone = new DeviceKeychain();
        signIn(client(phone, true), seeded.username());

        client(new DeviceKeychain(), false).resetPassword(seeded.username());

        assertThat(signIn(client(phone, false), seeded.username())).isEqualTo(EMAIL_ONLY);
    }

    private String resetCode() {
        return latestCode(emulator.mailbox().smsTo(seeded.phoneNumber()).stream()
                .map(SentSms::message)
                .toList());
    }

    @Test
    void signIn_afterExpiry_asksTheMarkedStepAgain() {
        DeviceKeychain phone = new DeviceKeychain();
        signIn(client(phone, true), seeded.username());

        clock.advance(Duration.ofDays(1).plusSeconds(1));

        assertThat(signIn(client(phone, false), seeded.username())).isEqualTo(BOTH);
    }

    @Test
    void signIn_afterLockout_asksTheMarkedStepAgain() {
        DeviceKeychain phone = new DeviceKeychain();
        signIn(client(phone, true), seeded.username());
        SignInClient attacker = client(new DeviceKeychain(), false);
        for (int i = 0; i < 5; i++) {
            NextStep next = attacker.start(seeded.username());
            while (next instanceof NextStep.Challenge challenge) {
                next = attacker.answer(challenge, "000000");
            }
        }

        clock.advance(Duration.ofMinutes(16));

        assertThat(signIn(client(phone, false), seeded.username())).isEqualTo(BOTH);
    }

    private CognitoIdentityProviderClient cognito() {
        return onTheEmulator(CognitoIdentityProviderClient.builder());
    }

    private String latestCode(List<String> messages) {
        Matcher code = Pattern.compile("\\b(\\d{6})\\b").matcher(messages.get(messages.size() - 1));
        assertThat(code.find()).isTrue();
        return code.group(1);
    }

    /** Signs in with the SDK, answering the silent round with {@code deviceAnswer}; returns the steps asked after it. */
    private List<String> stepsAfterDeviceAnswer(String deviceAnswer) {
        CognitoIdentityProviderClient cognito = cognito();
        InitiateAuthResponse started = cognito.initiateAuth(r -> r.clientId(seeded.clientId())
                .authFlow(AuthFlowType.CUSTOM_AUTH)
                .authParameters(Map.of("USERNAME", seeded.username())));
        assertThat(started.challengeParameters()).containsEntry("step", "CONFIRM_SIGN_IN_WITH_DEVICE");
        List<String> steps = new ArrayList<>();
        String session = started.session();
        String answer = deviceAnswer;
        while (true) {
            String current = session;
            String given = answer;
            RespondToAuthChallengeResponse next = cognito.respondToAuthChallenge(r -> r.clientId(seeded.clientId())
                    .challengeName(ChallengeNameType.CUSTOM_CHALLENGE)
                    .session(current)
                    .challengeResponses(Map.of("USERNAME", seeded.username(), "ANSWER", given)));
            if (next.authenticationResult() != null) {
                return steps;
            }
            String step = next.challengeParameters().get("step");
            steps.add(step + "/" + next.challengeParameters().get("status"));
            session = next.session();
            answer = step.equals("CONFIRM_SIGN_IN_WITH_EMAIL_CODE")
                    ? latestCode(emulator.mailbox().emailsTo(seeded.email()).stream()
                            .map(SentEmail::textBody)
                            .toList())
                    : latestCode(emulator.mailbox().smsTo(seeded.phoneNumber()).stream()
                            .map(SentSms::message)
                            .toList());
            clock.advance(Duration.ofSeconds(1));
        }
    }

    @Test
    void signIn_stolenDeviceIdWithoutItsSecret_notTrusted() {
        DeviceKeychain phone = new DeviceKeychain();
        signIn(client(phone, true), seeded.username());
        String deviceId = devices(table())
                .list(seeded.userPoolId(), seeded.username(), clock.instant())
                .get(0)
                .id();

        List<String> withTheId = stepsAfterDeviceAnswer("present:" + deviceId);
        List<String> withTheSecret = stepsAfterDeviceAnswer("present:" + phone.secret(seeded.username()));

        assertThat(withTheId).isEqualTo(BOTH);
        assertThat(withTheSecret).isEqualTo(EMAIL_ONLY);
    }

    @Test
    void initiateAuth_unknownUser_getsTheSameSilentRound() {
        CognitoIdentityProviderClient cognito = cognito();

        InitiateAuthResponse known = cognito.initiateAuth(r -> r.clientId(seeded.clientId())
                .authFlow(AuthFlowType.CUSTOM_AUTH)
                .authParameters(Map.of("USERNAME", seeded.username())));
        InitiateAuthResponse unknown = cognito.initiateAuth(r -> r.clientId(seeded.clientId())
                .authFlow(AuthFlowType.CUSTOM_AUTH)
                .authParameters(Map.of("USERNAME", "nobody-" + System.nanoTime())));

        assertThat(known.challengeParameters()).containsEntry("step", "CONFIRM_SIGN_IN_WITH_DEVICE");
        assertThat(unknown.challengeName()).isEqualTo(known.challengeName());
        Map<String, String> knownParameters = new java.util.HashMap<>(known.challengeParameters());
        Map<String, String> unknownParameters = new java.util.HashMap<>(unknown.challengeParameters());
        knownParameters.remove("USERNAME");
        unknownParameters.remove("USERNAME");
        assertThat(unknownParameters).isEqualTo(knownParameters);
    }

    @Test
    void signIn_unknownUser_sameSilentRoundAndSameFirstStep() {
        SignInClient client = client(new DeviceKeychain(), true);

        NextStep known = client.start(seeded.username());
        NextStep unknown = client.start("nobody-" + System.nanoTime());

        assertThat(known).isInstanceOf(NextStep.Challenge.class);
        assertThat(unknown).isInstanceOf(NextStep.Challenge.class);
        NextStep.Challenge a = (NextStep.Challenge) known;
        NextStep.Challenge b = (NextStep.Challenge) unknown;
        assertThat(b.stepName()).isEqualTo(a.stepName());
        assertThat(b.status()).isEqualTo(a.status());
        assertThat(b.parameters().keySet()).isEqualTo(a.parameters().keySet());
    }
}
