package dev.stepwise.harness.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepwise.harness.junit.StepwiseEmulator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.EncryptResponse;
import software.amazon.awssdk.services.kms.model.IncorrectKeyException;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.NotFoundException;

@StepwiseEmulator
class KmsEndpointTest {
    private static final SdkBytes PLAINTEXT = SdkBytes.fromString("12345678901234567890", StandardCharsets.US_ASCII);
    private static final Map<String, String> ALICE = Map.of("stepwise:context-sha256", "alice", "pool", "p1");
    private static KmsClient kms;

    @BeforeAll
    static void start(URI endpoint) {
        kms = KmsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    @AfterAll
    static void stop() {
        kms.close();
    }

    private static EncryptResponse encrypt(String keyId, Map<String, String> context) {
        return kms.encrypt(r -> r.keyId(keyId).plaintext(PLAINTEXT).encryptionContext(context));
    }

    @Test
    void decrypt_sameContextWithOrWithoutKeyId_returnsPlaintext() {
        EncryptResponse sealed = encrypt("alias/round-trip", ALICE);

        DecryptResponse named = kms.decrypt(r -> r.keyId("alias/round-trip")
                .ciphertextBlob(sealed.ciphertextBlob())
                .encryptionContext(Map.of("pool", "p1", "stepwise:context-sha256", "alice")));
        DecryptResponse unnamed =
                kms.decrypt(r -> r.ciphertextBlob(sealed.ciphertextBlob()).encryptionContext(ALICE));

        assertThat(sealed.keyId()).matches("arn:aws:kms:eu-west-1:000000000000:key/[0-9a-f-]{36}");
        assertThat(named.plaintext()).isEqualTo(PLAINTEXT);
        assertThat(unnamed.plaintext()).isEqualTo(PLAINTEXT);
        assertThat(named.keyId()).isEqualTo(sealed.keyId());
    }

    @Test
    void encrypt_samePlaintextTwice_differentBlobs() {
        assertThat(encrypt("alias/nonce", ALICE).ciphertextBlob())
                .isNotEqualTo(encrypt("alias/nonce", ALICE).ciphertextBlob());
    }

    @Test
    void decrypt_otherContext_invalidCiphertext() {
        SdkBytes blob = encrypt("alias/context", ALICE).ciphertextBlob();

        assertThatThrownBy(() -> kms.decrypt(r -> r.ciphertextBlob(blob).encryptionContext(Map.of("pool", "p1"))))
                .isInstanceOf(InvalidCiphertextException.class);
        assertThatThrownBy(() -> kms.decrypt(r -> r.ciphertextBlob(blob)))
                .isInstanceOf(InvalidCiphertextException.class);
    }

    @Test
    void decrypt_tamperedBlob_invalidCiphertext() {
        byte[] blob = encrypt("alias/tamper", ALICE).ciphertextBlob().asByteArray();
        blob[blob.length - 1] ^= 1;

        assertThatThrownBy(() -> kms.decrypt(
                        r -> r.ciphertextBlob(SdkBytes.fromByteArray(blob)).encryptionContext(ALICE)))
                .isInstanceOf(InvalidCiphertextException.class);
        assertThatThrownBy(() -> kms.decrypt(r -> r.ciphertextBlob(SdkBytes.fromByteArray(new byte[] {1, 2, 3}))))
                .isInstanceOf(InvalidCiphertextException.class);
    }

    @Test
    void decrypt_keyIdOfAnotherKey_incorrectKey() {
        SdkBytes blob = encrypt("alias/first", ALICE).ciphertextBlob();
        encrypt("alias/second", ALICE);

        assertThatThrownBy(() -> kms.decrypt(
                        r -> r.keyId("alias/second").ciphertextBlob(blob).encryptionContext(ALICE)))
                .isInstanceOf(IncorrectKeyException.class);
    }

    @Test
    void encryptAndDescribe_keyIdAndArnOfAnAlias_sameKey() {
        String arn = encrypt("alias/named", ALICE).keyId();
        String id = arn.substring(arn.indexOf("key/") + 4);

        assertThat(encrypt(id, ALICE).keyId()).isEqualTo(arn);
        assertThat(encrypt("arn:aws:kms:eu-west-1:000000000000:alias/named", ALICE)
                        .keyId())
                .isEqualTo(arn);
        assertThat(kms.describeKey(r -> r.keyId(arn)).keyMetadata())
                .satisfies(key -> assertThat(key.keyId()).isEqualTo(id))
                .satisfies(key -> assertThat(key.keyState()).isEqualTo(KeyState.ENABLED))
                .satisfies(key -> assertThat(key.enabled()).isTrue());
    }

    @Test
    void encrypt_aliasNotYetUsed_createsItsKeyUnlikeKms() {
        assertThatThrownBy(() -> kms.describeKey(r -> r.keyId("alias/first-use")))
                .isInstanceOf(NotFoundException.class);

        encrypt("alias/first-use", ALICE);

        assertThat(kms.describeKey(r -> r.keyId("alias/first-use"))
                        .keyMetadata()
                        .enabled())
                .isTrue();
    }

    @Test
    void encryptOrDescribe_unknownKey_notFound() {
        assertThatThrownBy(() -> encrypt("1234abcd-12ab-34cd-56ef-1234567890ab", ALICE))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> encrypt("not-a-key", ALICE)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> kms.describeKey(r -> r.keyId("alias/never-used")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void otherOperation_unsupportedNamingIt() {
        assertThatThrownBy(
                        () -> kms.generateDataKey(r -> r.keyId("alias/stepwise").numberOfBytes(32)))
                .isInstanceOf(KmsException.class)
                .hasMessageContaining("GenerateDataKey")
                .satisfies(e -> assertThat(((KmsException) e).awsErrorDetails().errorCode())
                        .isEqualTo("UnsupportedOperationException"));
    }
}
