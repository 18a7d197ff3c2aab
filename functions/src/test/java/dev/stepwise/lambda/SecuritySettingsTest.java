package dev.stepwise.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepwise.core.ConfigurationException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The settings that close the ways around a strict policy: where the secret comes from, refused unlisted clients, TOTP
 * set-up during sign-in, legacy TOTP secrets.
 */
class SecuritySettingsTest {
    private static final String ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:stepwise-AbCdEf";
    private static final Map<String, String> ALICE = Map.of(
            "email", "alice@example.com",
            "email_verified", "true",
            "phone_number", "+15555550123",
            "phone_number_verified", "true");

    private static Map<String, String> environment(String... keyValues) {
        Map<String, String> environment = new HashMap<>();
        environment.put("STEPWISE_ABUSE_CONTROLS", "off");
        for (int i = 0; i < keyValues.length; i += 2) {
            environment.put(keyValues[i], keyValues[i + 1]);
        }
        return environment;
    }

    @Test
    void from_noSecretAtAll_failsNamingBothWays() {
        assertThatThrownBy(() -> FunctionConfig.from(environment()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("STEPWISE_SECRET_ARN is not set")
                .hasMessageContaining("STEPWISE_SECRET");
    }

    @Test
    void from_secretInTheEnvironmentBesideTheArn_refused() {
        assertThatThrownBy(() -> FunctionConfig.from(
                        environment("STEPWISE_SECRET_ARN", ARN, "STEPWISE_SECRET", HandlerRig.SECRET)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("remove STEPWISE_SECRET");
    }

    @Test
    void from_arnThatIsNotASecretArn_refused() {
        assertThatThrownBy(() -> FunctionConfig.from(environment("STEPWISE_SECRET_ARN", "stepwise")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("is not a Secrets Manager secret ARN");
    }

    @Test
    void from_secretsManagerUnreachable_failsClosedNamingTheArnNotAValue() {
        assertThatThrownBy(() -> FunctionConfig.from(environment(
                        "STEPWISE_SECRET_ARN", ARN,
                        "STEPWISE_AWS_ENDPOINT", "http://127.0.0.1:1",
                        "AWS_REGION", "us-east-1",
                        "AWS_ACCESS_KEY_ID", "test",
                        "AWS_SECRET_ACCESS_KEY", "test")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("STEPWISE_SECRET_ARN " + ARN + ": GetSecretValue (AWSCURRENT) failed")
                .hasMessageContaining("secretsmanager:GetSecretValue");
    }

    @Test
    void from_refusingUnlistedClientsWithoutAList_saysToListThem() {
        assertThatThrownBy(() -> FunctionConfig.from(
                        environment("STEPWISE_SECRET", HandlerRig.SECRET, "STEPWISE_UNLISTED_CLIENTS", "refuse")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("STEPWISE_CLIENT_POLICIES");
    }

    @Test
    void from_refusingLegacyTotpWithoutKms_saysKmsIsNeeded() {
        assertThatThrownBy(() -> FunctionConfig.from(
                        environment("STEPWISE_SECRET", HandlerRig.SECRET, "STEPWISE_LEGACY_TOTP_SECRETS", "refuse")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("STEPWISE_KMS_KEY_ID");
    }

    @Test
    void from_totpSetupNeitherOnNorOff_refused() {
        assertThatThrownBy(() -> FunctionConfig.from(
                        environment("STEPWISE_SECRET", HandlerRig.SECRET, "STEPWISE_TOTP_SETUP", "yes")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("STEPWISE_TOTP_SETUP is \"yes\"");
    }

    @Test
    void unlistedClientsRefused_clientNotNamed_failsWhileNamedClientSignsIn() {
        HandlerRig triggers = new HandlerRig(Map.of(
                "STEPWISE_POLICY", "email_code",
                "STEPWISE_CLIENT_POLICIES", "strict=email_code > phone_code",
                "STEPWISE_UNLISTED_CLIENTS", "refuse"));

        CognitoLoop.Result sidestep = new CognitoLoop(triggers, "alice", "other", ALICE, false)
                .signIn(false, false, c -> triggers.lastCode());
        CognitoLoop.Result named = new CognitoLoop(triggers, "alice", "strict", ALICE, false)
                .signIn(false, false, c -> triggers.lastCode());

        assertThat(sidestep.outcome()).isEqualTo("fail");
        assertThat(sidestep.challenges()).isEmpty();
        assertThat(named.outcome()).isEqualTo("tokens");
        assertThat(named.challenges()).hasSize(2);
    }

    @Test
    void unlistedClientsByDefault_clientNotNamed_getsTheDefaultPolicy() {
        HandlerRig triggers = new HandlerRig(
                Map.of("STEPWISE_POLICY", "email_code", "STEPWISE_CLIENT_POLICIES", "strict=email_code > phone_code"));

        CognitoLoop.Result other = new CognitoLoop(triggers, "alice", "other", ALICE, false)
                .signIn(false, false, c -> triggers.lastCode());

        assertThat(other.outcome()).isEqualTo("tokens");
        assertThat(other.challenges()).hasSize(1);
    }

    @Test
    void totpSetup_offByDefault_userWithoutAnAppGetsNoSetUp() {
        HandlerRig off = new HandlerRig("email_code > totp");

        CognitoLoop.Result result =
                new CognitoLoop(off, "alice", "client1", ALICE, false).signIn(false, false, c -> off.lastCode());

        assertThat(result.outcome()).isNotEqualTo("tokens");
        assertThat(result.challenges()).noneMatch(c -> c.has("otpauthUri"));
    }

    @Test
    void totpSetup_on_userWithoutAnAppIsOfferedSetUp() {
        HandlerRig on = new HandlerRig(Map.of("STEPWISE_POLICY", "email_code > totp", "STEPWISE_TOTP_SETUP", "on"));

        CognitoLoop.Result result = new CognitoLoop(on, "alice", "client1", ALICE, false)
                .signIn(false, false, c -> c.has("otpauthUri") ? "000000" : on.lastCode());

        assertThat(result.challenges()).anyMatch(c -> c.has("otpauthUri"));
    }
}
