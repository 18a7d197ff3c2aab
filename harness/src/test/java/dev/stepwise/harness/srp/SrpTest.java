package dev.stepwise.harness.srp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SrpTest {

    static final String POOL_ID = "us-east-1_Stepwise1";
    static final String USER_ID = "alice";
    static final String PASSWORD = "Correct-Horse-9";
    static final String SALT = "8f3e2a9c41d07b5e6a1f9c2d3b4e5f60";
    static final String A_PRIVATE = "7c".repeat(64) + "1d".repeat(64);
    static final String B_PRIVATE = "3a".repeat(64) + "e5".repeat(64);
    static final String SECRET_BLOCK = "c2VjcmV0LWJsb2NrLWZyb20tdGhlLXNlcnZlcg==";
    static final Instant NOW = Instant.parse("2026-11-02T03:07:09Z");

    static SrpVerifier verifier() {
        return SrpVerifier.create(POOL_ID, USER_ID, PASSWORD, SALT);
    }

    static PasswordVerifierChallenge fixedChallenge(SrpClient client) {
        SrpServer server = SrpServer.withPrivateValue(POOL_ID, USER_ID, verifier(), client.srpA(), B_PRIVATE);
        PasswordVerifierChallenge issued = server.challenge();
        return new PasswordVerifierChallenge(issued.srpB(), issued.salt(), SECRET_BLOCK, issued.userIdForSrp());
    }

    @Test
    void claim_fixedInputs_matchesRecordedVector() {
        SrpClient client = SrpClient.withPrivateValue(POOL_ID, A_PRIVATE);

        PasswordClaim claim = client.claim(fixedChallenge(client), PASSWORD, NOW);

        assertThat(claim.signature()).isEqualTo(SrpVectors.SIGNATURE);
        assertThat(claim.timestamp()).isEqualTo("Mon Nov 2 03:07:09 UTC 2026");
        assertThat(claim.secretBlock()).isEqualTo(SECRET_BLOCK);
    }

    @Test
    void srpA_fixedPrivateValue_matchesRecordedVector() {
        assertThat(SrpClient.withPrivateValue(POOL_ID, A_PRIVATE).srpA()).isEqualTo(SrpVectors.SRP_A);
    }

    @Test
    void challenge_fixedPrivateValue_matchesRecordedVector() {
        SrpClient client = SrpClient.withPrivateValue(POOL_ID, A_PRIVATE);

        assertThat(fixedChallenge(client).srpB()).isEqualTo(SrpVectors.SRP_B);
    }

    @Test
    void verify_clientWithRightPassword_accepts() {
        SrpClient client = SrpClient.create(POOL_ID);
        SrpServer server =
                SrpServer.create(POOL_ID, USER_ID, SrpVerifier.create(POOL_ID, USER_ID, PASSWORD), client.srpA());

        PasswordClaim claim = client.claim(server.challenge(), PASSWORD, Instant.now());

        assertThat(server.verify(claim)).isTrue();
    }

    @Test
    void verify_clientWithWrongPassword_rejects() {
        SrpClient client = SrpClient.create(POOL_ID);
        SrpServer server =
                SrpServer.create(POOL_ID, USER_ID, SrpVerifier.create(POOL_ID, USER_ID, PASSWORD), client.srpA());

        PasswordClaim claim = client.claim(server.challenge(), "wrong-password", Instant.now());

        assertThat(server.verify(claim)).isFalse();
    }

    @Test
    void verify_otherSecretBlock_rejects() {
        SrpClient client = SrpClient.create(POOL_ID);
        SrpServer server = SrpServer.create(POOL_ID, USER_ID, verifier(), client.srpA());
        PasswordVerifierChallenge issued = server.challenge();
        PasswordVerifierChallenge forged =
                new PasswordVerifierChallenge(issued.srpB(), issued.salt(), SECRET_BLOCK, issued.userIdForSrp());

        PasswordClaim claim = client.claim(forged, PASSWORD, NOW);

        assertThat(server.verify(claim)).isFalse();
    }

    @Test
    void verify_malformedSignature_rejects() {
        SrpClient client = SrpClient.create(POOL_ID);
        SrpServer server = SrpServer.create(POOL_ID, USER_ID, verifier(), client.srpA());

        assertThat(server.verify(server.challenge().secretBlock(), SrpTimestamp.format(NOW), "not base64!"))
                .isFalse();
    }

    @Test
    void verify_otherPoolSameName_accepts() {
        SrpClient client = SrpClient.create("eu-west-1_Stepwise1");
        SrpServer server = SrpServer.create(POOL_ID, USER_ID, verifier(), client.srpA());

        assertThat(server.verify(client.claim(server.challenge(), PASSWORD, NOW)))
                .isTrue();
    }

    @Test
    void create_srpAZeroModN_throws() {
        assertThatThrownBy(() -> SrpServer.create(POOL_ID, USER_ID, verifier(), CognitoSrpGroup.N.toString(16)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SRP_A");
    }

    @Test
    void claim_srpBZeroModN_throws() {
        SrpClient client = SrpClient.create(POOL_ID);
        PasswordVerifierChallenge challenge =
                new PasswordVerifierChallenge(CognitoSrpGroup.N.toString(16), SALT, SECRET_BLOCK, USER_ID);

        assertThatThrownBy(() -> client.claim(challenge, PASSWORD, NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SRP_B");
    }

    @Test
    void create_poolIdWithoutUnderscore_throwsWithExample() {
        assertThatThrownBy(() -> SrpClient.create("nounderscore"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("us-east-1_");
    }

    @Test
    void fromParameters_missingSalt_throwsNamingIt() {
        assertThatThrownBy(() -> PasswordVerifierChallenge.fromParameters(
                        java.util.Map.of("SRP_B", "ab", "SECRET_BLOCK", "AA==", "USER_ID_FOR_SRP", "u")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SALT");
    }

    @Test
    void toString_secretBearingValues_redacts() {
        SrpVerifier verifier = verifier();
        SrpClient client = SrpClient.withPrivateValue(POOL_ID, A_PRIVATE);
        PasswordClaim claim = client.claim(fixedChallenge(client), PASSWORD, NOW);

        assertThat(verifier.toString()).doesNotContain(verifier.verifier());
        assertThat(claim.toString()).doesNotContain(claim.signature());
        assertThat(client.toString()).doesNotContain(A_PRIVATE);
    }

    @Test
    void format_singleDigitDay_isUnpaddedAndTimeIsPadded() {
        assertThat(SrpTimestamp.format(Instant.parse("2026-01-05T09:04:03Z"))).isEqualTo("Mon Jan 5 09:04:03 UTC 2026");
    }

    @Test
    void parse_formatted_roundTrips() {
        assertThat(SrpTimestamp.parse("Sun Nov 22 03:17:06 UTC 2026")).isEqualTo(Instant.parse("2026-11-22T03:17:06Z"));
    }

    @Test
    void parse_isoText_throws() {
        assertThatThrownBy(() -> SrpTimestamp.parse("2026-11-22T03:17:06Z"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TIMESTAMP");
    }
}
