package dev.stepwise.harness.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.stepwise.harness.client.Tokens;
import dev.stepwise.harness.scenario.EmulatorTarget;
import dev.stepwise.harness.scenario.Scenario;
import dev.stepwise.harness.scenario.ScenarioLoader;
import dev.stepwise.harness.scenario.ScenarioResult;
import dev.stepwise.harness.scenario.ScenarioRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
class FactorClaimsEmulatorTest {

    private static final Path SCENARIOS = Path.of("..", "scenarios");

    @Test
    void shippedScenarios_tokensVerifiedWithAwsJwtVerify_carryTheScenariosAmr() throws Exception {
        RealClientsTest.requireTool("node");
        List<Scenario> signingIn = ScenarioLoader.load(List.of(SCENARIOS)).stream()
                .filter(s -> s.outcome().amr() != null)
                .toList();
        Map<Scenario, Tokens> tokens = new LinkedHashMap<>();
        List<ScenarioResult> results;
        try (EmulatorTarget target = EmulatorTarget.create()) {
            results = ScenarioRunner.create(Duration.ofSeconds(10))
                    .onSignedIn(tokens::put)
                    .runAll(signingIn, target);
            for (Map.Entry<Scenario, Tokens> signedIn : tokens.entrySet()) {
                JsonNode payloads = verify(signedIn.getValue());
                String expected = signedIn.getKey().outcome().amr();

                assertThat(payloads.path("id").path("stepwise:amr").asText())
                        .as(signedIn.getKey().name())
                        .isEqualTo(expected);
                assertThat(payloads.path("access").path("stepwise:amr").asText())
                        .as(signedIn.getKey().name())
                        .isEqualTo(expected);
                assertThat(payloads.path("access").path("stepwise:last_step_at").asLong())
                        .isPositive();
            }
        }

        assertThat(signingIn).hasSizeGreaterThanOrEqualTo(15);
        assertThat(results).allSatisfy(r -> assertThat(r.status())
                .as(r.scenario().name() + ": " + r.differences())
                .isEqualTo(ScenarioResult.Status.PASSED));
        assertThat(tokens.keySet()).containsExactlyElementsOf(signingIn);
    }

    private static JsonNode verify(Tokens tokens) throws Exception {
        JWTClaimsSet access = SignedJWT.parse(tokens.accessToken()).getJWTClaimsSet();
        String issuer = access.getIssuer();
        String poolId = issuer.substring(issuer.lastIndexOf('/') + 1);
        RealClientsTest.Result verified = RealClientsTest.run(
                List.of("node", "verify-tokens.mjs"),
                Map.of(
                        "ENDPOINT", issuer.substring(0, issuer.lastIndexOf('/')),
                        "POOL_ID", poolId,
                        "CLIENT_ID", access.getStringClaim("client_id"),
                        "ID_TOKEN", tokens.idToken(),
                        "ACCESS_TOKEN", tokens.accessToken()),
                RealClientsTest.NODE_DIR);
        assertThat(verified.exitCode()).as(verified.stderr()).isZero();
        return new ObjectMapper().readTree(verified.stdout().strip());
    }
}
