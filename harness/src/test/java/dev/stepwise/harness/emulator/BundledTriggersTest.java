package dev.stepwise.harness.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepwise.harness.junit.StepwiseEmulator;
import dev.stepwise.harness.srp.PasswordVerifierChallenge;
import dev.stepwise.harness.srp.SrpClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;

class BundledTriggersTest {

    static String latestCode(URI endpoint, String email) throws Exception {
        String body = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(endpoint + "/_aws/ses"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        String code = null;
        for (JsonNode message : new ObjectMapper().readTree(body).path("messages")) {
            boolean toUser = false;
            for (JsonNode to : message.path("Destination").path("ToAddresses")) {
                toUser |= to.asText().equals(email);
            }
            Matcher m = Pattern.compile("\\b(\\d{6})\\b")
                    .matcher(message.path("Body").path("text_part").asText());
            if (toUser && m.find()) {
                code = m.group(1);
            }
        }
        return code;
    }

    @Test
    @StepwiseEmulator(policy = "email_code")
    void seededPool_emailCodePolicy_signsInWithCodeFromMailbox(CognitoEmulator emulator, Seeded seeded)
            throws Exception {
        try (CognitoIdentityProviderClient cognito = EmulatorFixture.client(emulator)) {

            InitiateAuthResponse challenge = cognito.initiateAuth(r -> r.clientId(seeded.clientId())
                    .authFlow(AuthFlowType.CUSTOM_AUTH)
                    .authParameters(Map.of("USERNAME", seeded.username())));
            String code = latestCode(emulator.endpoint(), seeded.email());
            RespondToAuthChallengeResponse done = cognito.respondToAuthChallenge(r -> r.clientId(seeded.clientId())
                    .challengeName(ChallengeNameType.CUSTOM_CHALLENGE)
                    .session(challenge.session())
                    .challengeResponses(Map.of("USERNAME", seeded.username(), "ANSWER", code)));

            assertThat(challenge.challengeParameters())
                    .containsEntry("step", "CONFIRM_SIGN_IN_WITH_EMAIL_CODE")
                    .containsEntry("USERNAME", seeded.username());
            assertThat(code).isNotNull();
            assertThat(done.authenticationResult().idToken()).isNotBlank();
            assertThat(emulator.mailbox().emailsTo(seeded.email())).hasSize(1);
        }
    }

    @Test
    @StepwiseEmulator(policy = "password > email_code")
    void seededPool_passwordThenEmailCode_signsInThroughSrpAndCode(CognitoEmulator emulator, Seeded seeded)
            throws Exception {
        try (CognitoIdentityProviderClient cognito = EmulatorFixture.client(emulator)) {
            SrpClient srp = SrpClient.create(seeded.userPoolId());

            InitiateAuthResponse password = cognito.initiateAuth(r -> r.clientId(seeded.clientId())
                    .authFlow(AuthFlowType.CUSTOM_AUTH)
                    .authParameters(
                            Map.of("USERNAME", seeded.username(), "CHALLENGE_NAME", "SRP_A", "SRP_A", srp.srpA())));
            Map<String, String> claim = new HashMap<>(srp.claim(
                            PasswordVerifierChallenge.fromParameters(password.challengeParameters()),
                            seeded.password(),
                            Instant.now())
                    .challengeResponses());
            claim.put("USERNAME", seeded.username());
            RespondToAuthChallengeResponse emailStep = cognito.respondToAuthChallenge(r -> r.clientId(seeded.clientId())
                    .challengeName(ChallengeNameType.PASSWORD_VERIFIER)
                    .session(password.session())
                    .challengeResponses(claim));
            String code = latestCode(emulator.endpoint(), seeded.email());
            RespondToAuthChallengeResponse done = cognito.respondToAuthChallenge(r -> r.clientId(seeded.clientId())
                    .challengeName(ChallengeNameType.CUSTOM_CHALLENGE)
                    .session(emailStep.session())
                    .challengeResponses(Map.of("USERNAME", seeded.username(), "ANSWER", code)));

            assertThat(password.challengeName()).isEqualTo(ChallengeNameType.PASSWORD_VERIFIER);
            assertThat(emailStep.challengeParameters()).containsEntry("step", "CONFIRM_SIGN_IN_WITH_EMAIL_CODE");
            assertThat(done.authenticationResult().accessToken()).isNotBlank();
        }
    }
}
