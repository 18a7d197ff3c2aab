package dev.stepwise.harness.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepwise.core.AesGcmSecretBox;
import dev.stepwise.core.StepwiseKeys;
import dev.stepwise.core.passkey.PasskeyCheck;
import dev.stepwise.core.passkey.PasskeyOptions;
import dev.stepwise.core.passkey.PasskeySettings;
import dev.stepwise.core.passkey.PasskeyStore;
import dev.stepwise.core.passkey.PasskeyVerifier;
import dev.stepwise.harness.emulator.CognitoEmulator;
import dev.stepwise.harness.emulator.Mailbox;
import dev.stepwise.harness.emulator.Seeded;
import dev.stepwise.harness.emulator.SentEmail;
import dev.stepwise.harness.junit.StepwiseEmulator;
import dev.stepwise.lambda.aws.DynamoDbStateStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@StepwiseEmulator(
        policy = "email_code > passkey",
        environment = {"STEPWISE_PASSKEY_SETUP=on"})
class PasskeyEmulatorTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void passkey_setUpThenUsed_signsInAndRefusesReplaysAndStrangers(
            SignInClient client, Seeded seeded, CodeReader codes, SoftwareAuthenticator passkeys, Mailbox mailbox) {
        NextStep.Challenge setup =
                afterEmailCode(client, seeded, codes, SignInStep.CONTINUE_SIGN_IN_WITH_PASSKEY_SETUP);
        JsonNode creation = JSON.readTree(setup.parameters().get(SignInClient.PUBLIC_KEY_OPTIONS));

        NextStep registered = client.answerWithPasskey(setup, passkeys);
        List<SentEmail> notices = mailbox.emailsTo(seeded.email());

        assertThat(registered).isInstanceOf(NextStep.Done.class);
        assertThat(creation.at("/rp/id").asString()).isEqualTo("localhost");
        assertThat(creation.at("/authenticatorSelection/residentKey").asString())
                .isEqualTo("required");
        assertThat(notices).extracting(SentEmail::subject).contains("A passkey was added to your account");
        assertThat(passkeys.credentialIds()).hasSize(1);

        NextStep.Challenge step = afterEmailCode(client, seeded, codes, SignInStep.CONFIRM_SIGN_IN_WITH_PASSKEY);
        JsonNode request = JSON.readTree(step.parameters().get(SignInClient.PUBLIC_KEY_OPTIONS));
        String answer = passkeys.authenticate(step.parameters().get(SignInClient.PUBLIC_KEY_OPTIONS));
        NextStep signedIn = client.answer(step, answer);

        assertThat(signedIn).isInstanceOf(NextStep.Done.class);
        assertThat(request.get("rpId").asString()).isEqualTo("localhost");
        assertThat(request.get("userVerification").asString()).isEqualTo("required");
        assertThat(ids(request)).containsExactlyElementsOf(passkeys.credentialIds());
        assertThat(step.parameters()).containsEntry("factor", "passkey");

        NextStep.Challenge next = afterEmailCode(client, seeded, codes, SignInStep.CONFIRM_SIGN_IN_WITH_PASSKEY);
        NextStep replayed = client.answer(next, answer);

        assertThat(replayed).isInstanceOfSatisfying(NextStep.Challenge.class, again -> {
            assertThat(again.step()).isEqualTo(SignInStep.CONFIRM_SIGN_IN_WITH_PASSKEY);
            assertThat(again.parameters()).containsEntry("attemptsRemaining", "2");
            assertThat(again.parameters().get(SignInClient.PUBLIC_KEY_OPTIONS))
                    .isNotEqualTo(next.parameters().get(SignInClient.PUBLIC_KEY_OPTIONS));
        });
        NextStep.Challenge third = (NextStep.Challenge) replayed;
        SoftwareAuthenticator stranger =
                SoftwareAuthenticator.builder().origin("http://localhost").build();
        assertThatThrownBy(() -> client.answerWithPasskey(third, stranger)).isInstanceOf(IllegalStateException.class);
        NextStep wrongOrigin = client.answer(
                third, rewriteOrigin(passkeys.authenticate(third.parameters().get(SignInClient.PUBLIC_KEY_OPTIONS))));
        assertThat(wrongOrigin).isInstanceOfSatisfying(NextStep.Challenge.class, again -> assertThat(again.parameters())
                .containsEntry("attemptsRemaining", "1"));
        assertThat(client.answerWithPasskey((NextStep.Challenge) wrongOrigin, passkeys))
                .isInstanceOf(NextStep.Done.class);
    }

    @Test
    void passkey_unknownUser_getsOptionsShapedLikeARealUsers() {
        String secret = Base64.getEncoder().encodeToString(new byte[32]);
        try (CognitoEmulator emulator = CognitoEmulator.builder()
                .bundledTriggers(Map.of(
                        "STEPWISE_POLICY", "passkey",
                        "STEPWISE_SECRET", secret,
                        "STEPWISE_WEBAUTHN_RP_ID", "localhost",
                        "STEPWISE_WEBAUTHN_ORIGINS", "http://localhost"))
                .functionLog(line -> {})
                .start()) {
            Seeded seeded = emulator.seed();
            String id = registerDirectly(emulator, seeded, secret);
            try (SignInClient client = SignInClient.builder()
                    .endpoint(emulator.endpoint())
                    .region("us-east-1")
                    .userPoolId(seeded.userPoolId())
                    .clientId(seeded.clientId())
                    .build()) {
                NextStep.Challenge real = (NextStep.Challenge) client.start(seeded.username());
                NextStep.Challenge unknown = (NextStep.Challenge) client.start("nobody-here");
                NextStep.Challenge unknownAgain = (NextStep.Challenge) client.start("nobody-here");

                JsonNode realOptions = options(real);
                JsonNode decoyOptions = options(unknown);
                assertThat(unknown.parameters().keySet())
                        .containsExactlyInAnyOrderElementsOf(real.parameters().keySet());
                assertThat(unknown.step()).isEqualTo(SignInStep.CONFIRM_SIGN_IN_WITH_PASSKEY);
                assertThat(fieldNames(decoyOptions)).isEqualTo(fieldNames(realOptions));
                assertThat(ids(realOptions)).containsExactly(id);
                assertThat(ids(decoyOptions)).isNotEmpty().isEqualTo(ids(options(unknownAgain)));
                assertThat(ids(decoyOptions))
                        .allSatisfy(decoy -> assertThat(Base64.getUrlDecoder().decode(decoy).length)
                                .isIn(16, 20, 32));
                assertThat(client.answer(unknown, "{}")).isInstanceOf(NextStep.Challenge.class);
            }
        }
    }

    private static String registerDirectly(CognitoEmulator emulator, Seeded seeded, String secret) {
        try (DynamoDbClient dynamo = DynamoDbClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build()) {
            SecureRandom random = new SecureRandom();
            PasskeyStore store = new PasskeyStore(
                    new DynamoDbStateStore(dynamo, "stepwise-state"),
                    new AesGcmSecretBox(StepwiseKeys.fromBase64(secret), random),
                    random);
            PasskeySettings settings = PasskeySettings.of("localhost", "Stepwise", List.of("http://localhost"));
            byte[] challenge = new byte[32];
            random.nextBytes(challenge);
            Instant now = Instant.now();
            byte[] handle = store.userHandle(seeded.userPoolId(), seeded.username(), now);
            String answer = SoftwareAuthenticator.builder()
                    .origin("http://localhost")
                    .build()
                    .register(PasskeyOptions.creation(challenge, handle, seeded.username(), List.of(), settings));
            PasskeyCheck check = new PasskeyVerifier(settings)
                    .register(
                            store,
                            seeded.userPoolId(),
                            seeded.username(),
                            challenge,
                            handle,
                            now.plusSeconds(60),
                            answer,
                            now);
            assertThat(check.passed()).as(check.reason()).isTrue();
            return check.credential().id();
        }
    }

    private static JsonNode options(NextStep.Challenge challenge) {
        return JSON.readTree(challenge.parameters().get(SignInClient.PUBLIC_KEY_OPTIONS));
    }

    private static NextStep.Challenge afterEmailCode(
            SignInClient client, Seeded seeded, CodeReader codes, SignInStep expected) {
        NextStep first = client.start(seeded.username());
        assertThat(first).isInstanceOf(NextStep.Challenge.class);
        NextStep.Challenge email = (NextStep.Challenge) first;
        NextStep next = client.answer(email, codes.awaitCode(email, WAIT));
        assertThat(next).isInstanceOfSatisfying(NextStep.Challenge.class, c -> assertThat(c.step())
                .isEqualTo(expected));
        return (NextStep.Challenge) next;
    }

    private static String rewriteOrigin(String answer) {
        JsonNode credential = JSON.readTree(answer);
        String clientData = new String(
                Base64.getUrlDecoder()
                        .decode(credential.at("/response/clientDataJSON").asString()),
                java.nio.charset.StandardCharsets.UTF_8);
        String forged = clientData.replace("\"http://localhost\"", "\"http://localhost:8080\"");
        return answer.replace(
                credential.at("/response/clientDataJSON").asString(),
                Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(forged.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static List<String> ids(JsonNode options) {
        List<String> ids = new ArrayList<>();
        options.path("allowCredentials").forEach(d -> ids.add(d.get("id").asString()));
        return ids;
    }

    private static List<String> fieldNames(JsonNode node) {
        return StreamSupport.stream(node.propertyNames().spliterator(), false).toList();
    }
}
