package dev.stepwise.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class WebOptionTest {

    private static final Pattern PAGE = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/sign-in/)");

    private static String await(Supplier<String> text, Pattern pattern) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            Matcher m = pattern.matcher(text.get());
            if (m.find()) {
                return m.group(1);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("never printed " + pattern + ": " + text.get());
    }

    private static String body(String url) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    @Test
    void emulatorWeb_seedsPrintsThePageAndMailboxAndServesThem() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new EmulatorCommand())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true));
        Thread running = new Thread(() -> command.execute("--port", "0", "--web"));
        running.start();
        try {
            String page = await(err::toString, PAGE);
            String mailbox = await(err::toString, Pattern.compile("Mailbox \\(development only\\): (\\S+)"));
            String config = body(page + "config.json");

            assertThat(out.toString()).contains("\"userPoolId\"");
            assertThat(config).contains("\"authFlowType\":\"CUSTOM_WITHOUT_SRP\"");
            assertThat(body(page)).contains("app.js");
            assertThat(body(mailbox)).contains("Nothing sent yet.");
        } finally {
            running.interrupt();
            running.join(10_000);
        }
        assertThat(running.isAlive()).isFalse();
    }

    @Test
    void demoWeb_printsThePageTheThrowawayPasswordAndBackupCodes() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine command = StepwiseCommand.newCommandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(new StringWriter(), true));
        Thread running =
                new Thread(() -> command.execute("demo", "--web", "--policy", "password > email_code > backup_code"));
        running.start();
        try {
            String page = await(out::toString, Pattern.compile("open (http://\\S+/sign-in/) to sign in"));
            await(out::toString, Pattern.compile("(backup codes: .*)"));

            assertThat(body(page + "config.json")).contains("\"authFlowType\":\"CUSTOM_WITH_SRP\"");
            assertThat(out.toString())
                    .containsPattern("password \\(a throwaway of this run\\): \\S+")
                    .containsPattern("backup codes: (\\w{5}-\\w{5} ){9}\\w{5}-\\w{5}")
                    .contains("user demo, policy \"password > email_code > backup_code\"");
        } finally {
            running.interrupt();
            running.join(10_000);
        }
        assertThat(running.isAlive()).isFalse();
    }
}
