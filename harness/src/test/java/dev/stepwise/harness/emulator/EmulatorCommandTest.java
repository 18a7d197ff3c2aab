package dev.stepwise.harness.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepwise.harness.cli.EmulatorCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;

class EmulatorCommandTest {

    @Test
    void emulatorCommand_seedWithEnvFile_printsIdsServesSignInAndStopsOnInterrupt(@TempDir Path dir) throws Exception {
        Path envFile = dir.resolve("stepwise.env");
        Files.writeString(
                envFile,
                "# bundled triggers\nSTEPWISE_POLICY=phone_code\n\nSTEPWISE_CODE_LENGTH=6\n"
                        + "stepwise-create-auth-challenge:STEPWISE_EMAIL_FROM=codes@example.com\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new EmulatorCommand())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true));
        Thread running = new Thread(() -> command.execute(
                "--port", "0", "--seed", "--env-file", envFile.toString(), "--env", "STEPWISE_POLICY=email_code"));
        running.start();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!out.toString().contains("\n") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        JsonNode seeded = new ObjectMapper().readTree(out.toString().strip());
        Matcher listening = Pattern.compile("listening on (http://\\S+)").matcher(err.toString());
        assertThat(listening.find()).isTrue();
        URI endpoint = URI.create(listening.group(1));
        java.util.List<String> sources;

        try (CognitoIdentityProviderClient cognito = CognitoIdentityProviderClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            String clientId = seeded.path("clientId").asText();
            var challenge = cognito.initiateAuth(r -> r.clientId(clientId)
                    .authFlow(AuthFlowType.CUSTOM_AUTH)
                    .authParameters(Map.of("USERNAME", seeded.path("username").asText())));
            String code = BundledTriggersTest.latestCode(
                    endpoint, seeded.path("email").asText());
            var done = cognito.respondToAuthChallenge(r -> r.clientId(clientId)
                    .challengeName(ChallengeNameType.CUSTOM_CHALLENGE)
                    .session(challenge.session())
                    .challengeResponses(Map.of("USERNAME", "demo", "ANSWER", code)));
            assertThat(done.authenticationResult().idToken()).isNotBlank();
            assertThat(err.toString())
                    .contains("[stepwise-define-auth-challenge] ")
                    .contains("[stepwise-create-auth-challenge] ");
            sources = new ObjectMapper()
                    .readTree(java.net.http.HttpClient.newHttpClient()
                            .send(
                                    java.net.http.HttpRequest.newBuilder(URI.create(endpoint + "/_aws/ses"))
                                            .build(),
                                    java.net.http.HttpResponse.BodyHandlers.ofString())
                            .body())
                    .findValuesAsText("Source");
        }
        running.interrupt();
        running.join(10_000);

        assertThat(seeded.fieldNames())
                .toIterable()
                .containsExactly("userPoolId", "clientId", "username", "email", "phoneNumber");
        assertThat(out.toString()).doesNotContain("password");
        assertThat(running.isAlive()).isFalse();
        assertThat(sources).containsOnly("codes@example.com");
        assertThat(connects(endpoint)).isFalse();
    }

    @Test
    @Tag("slow")
    void emulatorCommand_childJvmRunner_runsTheTriggersInLambdaRuntimeJvmsAndPrintsTheirLines() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new EmulatorCommand())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true));
        Thread running = new Thread(() -> command.execute("--port", "0", "--seed", "--trigger-runner", "CHILD_JVM"));
        running.start();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!out.toString().contains("\n") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        JsonNode seeded = new ObjectMapper().readTree(out.toString().strip());
        Matcher listening = Pattern.compile("listening on (http://\\S+)").matcher(err.toString());
        assertThat(listening.find()).isTrue();
        URI endpoint = URI.create(listening.group(1));
        try (CognitoIdentityProviderClient cognito = CognitoIdentityProviderClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            var challenge = cognito.initiateAuth(r -> r.clientId(
                            seeded.path("clientId").asText())
                    .authFlow(AuthFlowType.CUSTOM_AUTH)
                    .authParameters(Map.of("USERNAME", seeded.path("username").asText())));

            assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.CUSTOM_CHALLENGE);
        } finally {
            running.interrupt();
            running.join(15_000);
        }
        assertThat(err.toString())
                .contains("[stepwise-define-auth-challenge] START RequestId: ")
                .contains("[stepwise-create-auth-challenge] INIT_REPORT Init Duration: ");
        assertThat(running.isAlive()).isFalse();
    }

    @Test
    void emulatorCommand_fault_startsWithTheFaultsListedAtTheControlEndpoint() throws Exception {
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new EmulatorCommand())
                .setOut(new PrintWriter(new StringWriter(), true))
                .setErr(new PrintWriter(err, true));
        Thread running = new Thread(() -> command.execute(
                "--port", "0", "--fault", "ses:throttle:2", "--fault", "sns:delay=6000:1", "--fault", "sns:error"));
        running.start();
        long deadline = System.nanoTime() + 20_000_000_000L;
        Matcher listening = Pattern.compile("listening on (http://\\S+)").matcher("");
        while (!listening.reset(err.toString()).find() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        String faults = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(URI.create(listening.group(1) + "/_stepwise/faults"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString())
                .body();
        running.interrupt();
        running.join(10_000);

        assertThat(faults)
                .isEqualTo("{\"faults\":[{\"service\":\"ses\",\"mode\":\"throttle\",\"count\":2},"
                        + "{\"service\":\"sns\",\"mode\":\"delay\",\"count\":1,\"delayMillis\":6000},"
                        + "{\"service\":\"sns\",\"mode\":\"error\",\"count\":null}]}");
    }

    @Test
    void emulatorCommand_malformedFault_exitsWithUsageErrorAndAnExample() {
        for (String fault : java.util.List.of(
                "ses",
                "s3:throttle",
                "ses:explode",
                "ses:delay:1",
                "ses:throttle:0",
                "ses:throttle:x",
                "ses:delay=0")) {
            StringWriter err = new StringWriter();
            int exit = new CommandLine(new EmulatorCommand())
                    .setOut(new PrintWriter(new StringWriter(), true))
                    .setErr(new PrintWriter(err, true))
                    .execute("--port", "0", "--fault", fault);
            assertThat(exit).as(fault).isEqualTo(2);
            assertThat(err.toString()).as(fault).contains("--fault " + fault, "e.g. ses:throttle:2");
        }
    }

    private static boolean connects(URI endpoint) {
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            return true;
        } catch (ConnectException e) {
            return false;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
