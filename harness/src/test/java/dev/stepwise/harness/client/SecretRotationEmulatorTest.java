package dev.stepwise.harness.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.core.Totp;
import dev.stepwise.harness.emulator.CognitoEmulator;
import dev.stepwise.harness.emulator.Seeded;
import dev.stepwise.harness.emulator.SentEmail;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
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
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The functions read the Stepwise secret from the emulator's Secrets Manager at init, and a rotation (a new version
 * staged current, then new containers) keeps sign-ins in flight and enrolled authenticator apps working; only a second
 * rotation retires what the first secret made.
 */
class SecretRotationEmulatorTest {
    private static final String ARN = "arn:aws:secretsmanager:us-east-1:000000000000:secret:stepwise";
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
    private static final Pattern SECRET = Pattern.compile("[?&]secret=([A-Z2-7]+)");

    private final List<AutoCloseable> resources = new ArrayList<>();
    private CognitoEmulator emulator;
    private Seeded seeded;
    private SignInClient client;
    private SecretsManagerClient secrets;

    @AfterEach
    void tearDown() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    // Built by hand: the secret is in the emulator's Secrets Manager (STEPWISE_SECRET_ARN), which the extension's own
    // STEPWISE_SECRET would shadow.
    private void start(String policy) {
        emulator = CognitoEmulator.builder()
                .bundledTriggers(Map.of(
                        "STEPWISE_POLICY", policy,
                        "STEPWISE_SECRET_ARN", ARN,
                        "STEPWISE_KMS_KEY_ID", "",
                        "STEPWISE_TOTP_SETUP", "on",
                        "STEPWISE_SEND_COOLDOWN_SECONDS", "0"))
                .functionLog(line -> {})
                .start();
        resources.add(emulator);
        seeded = emulator.seed();
        client = SignInClient.builder()
                .endpoint(emulator.endpoint())
                .region("us-east-1")
                .userPoolId(seeded.userPoolId())
                .clientId(seeded.clientId())
                .build();
        resources.add(client);
        secrets = SecretsManagerClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
        resources.add(secrets);
        secrets.createSecret(r -> r.name("stepwise").secretString(newSecret()));
    }

    private void rotate() {
        secrets.putSecretValue(r -> r.secretId(ARN).secretString(newSecret()));
        emulator.recycleFunctions();
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private String lastCode() {
        List<SentEmail> emails = emulator.mailbox().emailsTo(seeded.email());
        Matcher matcher = CODE.matcher(emails.get(emails.size() - 1).textBody());
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    private static NextStep.Challenge challenge(NextStep next) {
        assertThat(next).isInstanceOf(NextStep.Challenge.class);
        return (NextStep.Challenge) next;
    }

    @Test
    void signIn_secretFromSecretsManager_getsTokens() {
        start("email_code");

        NextStep.Challenge code = challenge(client.start(seeded.username()));

        assertThat(client.answer(code, lastCode())).isInstanceOf(NextStep.Done.class);
    }

    @Test
    void rotation_signInStartedBefore_finishesAfterwardsAndNewSignInsWork() {
        start("email_code");
        NextStep.Challenge inFlight = challenge(client.start(seeded.username()));
        String code = lastCode();

        rotate();

        assertThat(client.answer(inFlight, code)).isInstanceOf(NextStep.Done.class);
        NextStep.Challenge fresh = challenge(client.start(seeded.username()));
        assertThat(client.answer(fresh, lastCode())).isInstanceOf(NextStep.Done.class);
    }

    @Test
    void rotation_authenticatorEnrolledBefore_stillSignsIn() {
        start("email_code > totp");
        NextStep.Challenge first = challenge(client.start(seeded.username()));
        NextStep.Challenge setup = challenge(client.answer(first, lastCode()));
        Matcher matcher = SECRET.matcher(setup.otpauthUri());
        assertThat(matcher.find()).isTrue();
        byte[] secret = dev.stepwise.core.Base32.decode(matcher.group(1));
        assertThat(client.answer(setup, Totp.code(secret, Instant.now()))).isInstanceOf(NextStep.Done.class);
        assertThat(emulator.mailbox().emailsTo(seeded.email()).get(1).subject())
                .as("the owner is told of the new authenticator app")
                .contains("authenticator app");

        rotate();

        NextStep.Challenge again = challenge(client.start(seeded.username()));
        NextStep.Challenge totp = challenge(client.answer(again, lastCode()));
        String totpCode = Totp.code(secret, Instant.now().plusSeconds(30));
        assertThat(client.answer(totp, totpCode)).isInstanceOf(NextStep.Done.class);
    }

    @Test
    void secondRotation_signInStartedUnderTheFirstSecret_refused() {
        start("email_code");
        NextStep.Challenge inFlight = challenge(client.start(seeded.username()));
        String code = lastCode();

        rotate();
        rotate();

        assertThat(client.answer(inFlight, code)).isNotInstanceOf(NextStep.Done.class);
    }
}
