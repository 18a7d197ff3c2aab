package dev.stepwise.harness.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.stepwise.harness.junit.StepwiseEmulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;

@Tag("slow")
class ConcurrencyTest {

    @Test
    @StepwiseEmulator
    void signIn_200InParallelThroughBundledTriggers_noCrossTalkBetweenSessionsOrMailboxes(
            CognitoEmulator emulator, Seeded seeded) throws Exception {
        int users = 200;
        try (CognitoIdentityProviderClient cognito = EmulatorFixture.client(emulator)) {
            for (int i = 0; i < users; i++) {
                String name = "user" + i;
                cognito.adminCreateUser(r -> r.userPoolId(seeded.userPoolId())
                        .username(name)
                        .userAttributes(a -> a.name("email").value(name + "@example.com"), a -> a.name("email_verified")
                                .value("true")));
            }
            ExecutorService pool = Executors.newFixedThreadPool(64);
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < users; i++) {
                String name = "user" + i;
                results.add(pool.submit(() -> {
                    var challenge = cognito.initiateAuth(r -> r.clientId(seeded.clientId())
                            .authFlow(AuthFlowType.CUSTOM_AUTH)
                            .authParameters(Map.of("USERNAME", name)));
                    var emails = emulator.mailbox().emailsTo(name + "@example.com");
                    String code = emails.get(emails.size() - 1).textBody().replaceAll("(?s).*?\\b(\\d{6})\\b.*", "$1");
                    var done = cognito.respondToAuthChallenge(r -> r.clientId(seeded.clientId())
                            .challengeName(ChallengeNameType.CUSTOM_CHALLENGE)
                            .session(challenge.session())
                            .challengeResponses(Map.of("USERNAME", name, "ANSWER", code)));
                    return (String) SignedJWT.parse(done.authenticationResult().idToken())
                            .getJWTClaimsSet()
                            .getClaim("cognito:username");
                }));
            }
            List<String> signedIn = new ArrayList<>();
            for (Future<String> result : results) {
                signedIn.add(result.get(60, TimeUnit.SECONDS));
            }
            pool.shutdown();

            for (int i = 0; i < users; i++) {
                assertThat(signedIn.get(i)).isEqualTo("user" + i);
                assertThat(emulator.mailbox().emailsTo("user" + i + "@example.com"))
                        .hasSize(1);
            }
            assertThat(emulator.mailbox().emails()).hasSize(users);
        }
    }
}
