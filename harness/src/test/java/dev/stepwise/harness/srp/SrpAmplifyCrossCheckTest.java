package dev.stepwise.harness.srp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
class SrpAmplifyCrossCheckTest {

    private static final Path NODE_DIR = Path.of("src/test/node");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    record Case(
            String poolId,
            String userId,
            String password,
            String a,
            SrpClient client,
            PasswordVerifierChallenge challenge,
            Instant now) {}

    @Test
    void claim_randomInputs_matchesAmplifyJs() throws Exception {
        List<Case> cases = new ArrayList<>();
        String[] users = {"alice", "b0b@example.com", "5f1c2d3e-aaaa-bbbb-cccc-0123456789ab", "ünïcødé"};
        String[] passwords = {"Correct-Horse-9", "pässwörd ✓", "", "x".repeat(200)};
        for (int i = 0; i < 12; i++) {
            String poolId = "eu-west-1_Pool" + i;
            String userId = users[i % users.length];
            String password = passwords[i % passwords.length];
            String a = randomHex(128);
            SrpClient client = SrpClient.withPrivateValue(poolId, a);
            SrpVerifier verifier = SrpVerifier.create(poolId, userId, password, randomHex(i % 2 == 0 ? 16 : 15));
            SrpServer server = SrpServer.create(poolId, userId, verifier, client.srpA());
            cases.add(new Case(poolId, userId, password, a, client, server.challenge(), Instant.now()));
        }

        JsonNode results = runAmplify(cases);

        assertThat(results).hasSize(cases.size());
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            PasswordClaim claim = c.client().claim(c.challenge(), c.password(), c.now());
            assertThat(results.get(i).get("srpA").asText())
                    .as("A, case %d", i)
                    .isEqualTo(c.client().srpA());
            assertThat(results.get(i).get("signature").asText())
                    .as("signature, case %d", i)
                    .isEqualTo(claim.signature());
        }
    }

    private static JsonNode runAmplify(List<Case> cases) throws IOException, InterruptedException {
        requireNode();
        List<Map<String, String>> inputs = new ArrayList<>();
        for (Case c : cases) {
            inputs.add(Map.of(
                    "userPoolName", c.poolId().substring(c.poolId().indexOf('_') + 1),
                    "a", c.a(),
                    "srpB", c.challenge().srpB(),
                    "salt", c.challenge().salt(),
                    "userIdForSrp", c.userId(),
                    "password", c.password(),
                    "secretBlock", c.challenge().secretBlock(),
                    "timestamp", SrpTimestamp.format(c.now())));
        }
        Process process = new ProcessBuilder("node", "srp-crosscheck.mjs", JSON.writeValueAsString(inputs))
                .directory(NODE_DIR.toFile())
                .redirectErrorStream(false)
                .start();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            fail("node srp-crosscheck.mjs failed: " + new String(err, StandardCharsets.UTF_8));
        }
        return JSON.readTree(out);
    }

    private static void requireNode() {
        String problem = null;
        if (!Files.isDirectory(NODE_DIR.resolve("node_modules/@aws-amplify/auth"))) {
            problem = "Amplify JS is not installed in " + NODE_DIR.toAbsolutePath()
                    + "/node_modules (the build's npm install step does it)";
        } else {
            try {
                Process probe = new ProcessBuilder("node", "--version").start();
                if (!probe.waitFor(20, TimeUnit.SECONDS) || probe.exitValue() != 0) {
                    problem = "`node --version` failed";
                }
            } catch (IOException | InterruptedException e) {
                problem = "node is not on the PATH (" + e.getMessage() + ")";
            }
        }
        if (problem != null) {
            if ("true".equals(System.getenv("CI"))) {
                fail("SRP cross-check against Amplify JS cannot run in CI: " + problem);
            }
            Assumptions.abort("Skipping the SRP cross-check against Amplify JS: " + problem);
        }
    }

    private static String randomHex(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        value[0] |= 1;
        return HexFormat.of().formatHex(value);
    }
}
