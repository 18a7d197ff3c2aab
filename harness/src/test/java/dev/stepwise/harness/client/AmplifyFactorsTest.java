package dev.stepwise.harness.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepwise.harness.emulator.CognitoEmulator;
import dev.stepwise.harness.emulator.Seeded;
import dev.stepwise.harness.junit.StepwiseEmulator;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
class AmplifyFactorsTest {
    private static final Path NODE_DIR = Path.of("src/test/node");

    private static void requireAmplify() {
        boolean node = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            node |= Files.isExecutable(Path.of(dir, "node"));
        }
        if (!node || !Files.isDirectory(NODE_DIR.resolve("node_modules/aws-amplify"))) {
            String message = "node or harness/src/test/node/node_modules is missing: the Amplify run cannot start";
            if ("true".equals(System.getenv("CI"))) {
                fail(message + "; CI=true requires it");
            }
            Assumptions.abort(message + "; skipped outside CI");
        }
    }

    @Test
    @StepwiseEmulator(policy = "email_code|phone_code > totp", environment = "STEPWISE_TOTP_SETUP=on")
    void amplify_choiceThenTotpSetUp_signsIn(CognitoEmulator emulator, Seeded seeded) throws Exception {
        requireAmplify();
        ProcessBuilder builder =
                new ProcessBuilder(List.of("node", "emulator-amplify-factors.mjs")).directory(NODE_DIR.toFile());
        builder.environment()
                .putAll(Map.of(
                        "ENDPOINT", emulator.endpoint().toString(),
                        "POOL_ID", seeded.userPoolId(),
                        "CLIENT_ID", seeded.clientId(),
                        "USERNAME", seeded.username(),
                        "EMAIL", seeded.email()));
        Path out = Files.createTempFile("amplify", ".out");
        Path err = Files.createTempFile("amplify", ".err");
        try {
            Process process = builder.redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("node did not finish within 90 s");
            }
            assertThat(process.exitValue())
                    .as(Files.readString(err, StandardCharsets.UTF_8))
                    .isZero();
            JsonNode result = new ObjectMapper().readTree(Files.readString(out, StandardCharsets.UTF_8));

            assertThat(result.path("signedIn").asBoolean()).isTrue();
            assertThat(result.path("options").asText()).isEqualTo("email_code,phone_code");
            assertThat(result.path("codeFactor").asText()).isEqualTo("email_code");
            assertThat(result.path("otpauthUriPrefix").asText()).isEqualTo("otpauth://totp/Stepwise:demo");
            assertThat(result.path("username").asText()).isEqualTo("demo");
            assertThat(result.path("steps").findValuesAsText("step"))
                    .containsExactly(
                            "CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION",
                            "CONFIRM_SIGN_IN_WITH_EMAIL_CODE",
                            "CONTINUE_SIGN_IN_WITH_TOTP_SETUP",
                            "null");
            assertThat(result.path("steps").findValuesAsText("signInStep"))
                    .containsExactly(
                            "CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE",
                            "CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE",
                            "CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE",
                            "DONE");
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
