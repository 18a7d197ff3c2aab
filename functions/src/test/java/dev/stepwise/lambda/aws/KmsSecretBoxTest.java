package dev.stepwise.lambda.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepwise.core.AesGcmSecretBox;
import dev.stepwise.core.ChallengeMetadata;
import dev.stepwise.core.Factor;
import dev.stepwise.core.MetadataSeal;
import dev.stepwise.core.SecretBox;
import dev.stepwise.core.StateStoreException;
import dev.stepwise.core.StepwiseKeys;
import dev.stepwise.lambda.FunctionWiring;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KmsSecretBoxTest {
    private static final String KEY = "alias/stepwise";
    private static final String SECRET =
            Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    private static final byte[] TOTP_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final String ALICE = "totp|eu-west-1_AbCdEf123|alice@example.com";
    private static final String BOB = "totp|eu-west-1_AbCdEf123|bob@example.com";

    private LocalKms kms;
    private SecretBox local;

    @BeforeEach
    void start() throws IOException {
        kms = new LocalKms(KEY, "alias/other");
        local = new AesGcmSecretBox(StepwiseKeys.fromBase64(SECRET), new SecureRandom());
    }

    @AfterEach
    void stop() {
        kms.close();
    }

    private SecretBox box(String endpoint, String keyId) {
        Map<String, String> environment = new HashMap<>();
        environment.put("STEPWISE_SECRET", SECRET);
        environment.put("STEPWISE_ABUSE_CONTROLS", "off");
        environment.put("STEPWISE_KMS_KEY_ID", keyId);
        environment.put("STEPWISE_AWS_ENDPOINT", endpoint);
        environment.put("AWS_REGION", "eu-west-1");
        environment.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
        environment.put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        FunctionWiring wiring = FunctionWiring.from(environment);
        return wiring.clients().kmsSecretBox(wiring.config().kmsKeyId(), local);
    }

    private SecretBox box() {
        return box(kms.uri().toString(), KEY);
    }

    @Test
    void lazy_asksForTheClientOnlyWhenAValueGoesThroughKms() {
        AwsClients clients = AwsClients.create(AwsSettings.forFunctions(
                "eu-west-1",
                kms.uri(),
                new AwsSettings.Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null)));
        AtomicInteger asked = new AtomicInteger();
        SecretBox box = KmsSecretBox.lazy(
                () -> {
                    asked.incrementAndGet();
                    return clients.kms();
                },
                KEY,
                local);

        assertThat(box.open(local.seal(TOTP_SECRET, ALICE), ALICE)).isEqualTo(TOTP_SECRET);
        assertThat(asked).hasValue(0);
        assertThat(box.open(box.seal(TOTP_SECRET, ALICE), ALICE)).isEqualTo(TOTP_SECRET);
        assertThat(asked).hasValue(2);
    }

    @Test
    void seal_thenOpen_roundTripsThroughKms() {
        SecretBox box = box();

        String sealed = box.seal(TOTP_SECRET, ALICE);

        assertThat(sealed).startsWith(KmsSecretBox.PREFIX).doesNotContain(".", "=", "+", "/");
        assertThat(box.open(sealed, ALICE)).isEqualTo(TOTP_SECRET);
        assertThat(kms.received)
                .extracting(LocalKms.Received::target)
                .containsExactly("TrentService.Encrypt", "TrentService.Decrypt");
        assertThat(kms.received).allSatisfy(request -> {
            assertThat(request.body().path("KeyId").asText()).isEqualTo(KEY);
            assertThat(request.body()
                            .path("EncryptionContext")
                            .path(KmsSecretBox.CONTEXT_KEY)
                            .asText())
                    .isNotBlank();
        });
    }

    @Test
    void seal_encryptionContext_keepsTheUsernameOutOfKmsLogs() {
        box().seal(TOTP_SECRET, ALICE);

        assertThat(kms.received.get(0).body().toString()).doesNotContain("alice", "AbCdEf123");
    }

    @Test
    void open_otherContext_refused() {
        SecretBox box = box();
        String sealed = box.seal(TOTP_SECRET, ALICE);

        assertThatThrownBy(() -> box.open(sealed, BOB))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("InvalidCiphertextException")
                .hasMessageNotContaining(sealed.substring(KmsSecretBox.PREFIX.length()));
    }

    @Test
    void open_tamperedBlob_refused() {
        SecretBox box = box();
        byte[] blob = Base64.getUrlDecoder().decode(box.seal(TOTP_SECRET, ALICE).substring(5));
        blob[blob.length - 1] ^= 1;
        String tampered =
                KmsSecretBox.PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(blob);

        assertThatThrownBy(() -> box.open(tampered, ALICE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not open");
    }

    @Test
    void open_notBase64_refusedWithoutCallingKms() {
        assertThatThrownBy(() -> box().open(KmsSecretBox.PREFIX + "not*base64", ALICE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(kms.received).isEmpty();
    }

    @Test
    void open_sealedUnderAnotherKey_refused() {
        String sealed = box(kms.uri().toString(), "alias/other").seal(TOTP_SECRET, ALICE);

        assertThatThrownBy(() -> box().open(sealed, ALICE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("IncorrectKeyException");
    }

    @Test
    void seal_unknownKey_failsClosedNamingTheKey() {
        SecretBox box = box(kms.uri().toString(), "alias/missing");

        assertThatThrownBy(() -> box.seal(TOTP_SECRET, ALICE))
                .isInstanceOf(StateStoreException.class)
                .hasMessageContaining("alias/missing")
                .hasMessageContaining("NotFoundException");
    }

    @Test
    void sealAndOpen_endpointDown_failClosed() throws IOException {
        String sealed = box().seal(TOTP_SECRET, ALICE);
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        SecretBox down = box("http://127.0.0.1:" + port, KEY);

        assertThatThrownBy(() -> down.seal(TOTP_SECRET, ALICE))
                .isInstanceOf(StateStoreException.class)
                .hasMessageContaining("Encrypt failed");
        assertThatThrownBy(() -> down.open(sealed, ALICE))
                .isInstanceOf(StateStoreException.class)
                .hasMessageContaining("Decrypt failed");
    }

    @Test
    void open_valueSealedByTheLocalBox_opensWithoutKms() {
        String legacy = local.seal(TOTP_SECRET, ALICE);

        assertThat(box().open(legacy, ALICE)).isEqualTo(TOTP_SECRET);
        assertThat(kms.received).isEmpty();
    }

    @Test
    void open_localValueForAnotherContext_refused() {
        String legacy = local.seal(TOTP_SECRET, ALICE);

        assertThatThrownBy(() -> box().open(legacy, BOB)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void seal_blobOfKmsSize_fitsInSealedChallengeMetadata() {
        String sealed =
                KmsSecretBox.PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[256]);
        MetadataSeal seal = new MetadataSeal(StepwiseKeys.fromBase64(SECRET));
        ChallengeMetadata metadata = new ChallengeMetadata(
                Factor.TOTP, 9, 10, Instant.parse("2026-11-22T03:05:00Z"), sealed, "n".repeat(22), null, true);

        assertThat(seal.open("eu-west-1_AbCdEf123", "alice", seal.seal("eu-west-1_AbCdEf123", "alice", metadata)))
                .hasValue(metadata);
    }

    @Test
    void toString_namesTheKeyOnly() {
        assertThat(box()).hasToString("KmsSecretBox[keyId=alias/stepwise]");
    }
}
