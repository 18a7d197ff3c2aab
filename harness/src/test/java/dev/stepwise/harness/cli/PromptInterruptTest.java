package dev.stepwise.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
class PromptInterruptTest {

    @Test
    void signin_interruptedAtPrompt_endsLineAndExitsEight() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(
                        java.toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        StepwiseCommand.class.getName(),
                        "signin",
                        "--endpoint",
                        "http://127.0.0.1:9",
                        "--region",
                        "us-east-1",
                        "--client-id",
                        "client"))
                .start();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread reader = copy(process.getErrorStream(), err);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!err.toString(StandardCharsets.UTF_8).contains("username: ") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("username: ");

        Process ctrlC = new ProcessBuilder("kill", interruptSignal(), Long.toString(process.pid())).start();
        assertThat(ctrlC.waitFor(10, TimeUnit.SECONDS)).isTrue();

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        reader.join(5_000);
        assertThat(process.exitValue()).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitStatus.ABORTED.code);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("username: \nstepwise: interrupted at the prompt 'username:'; sign-in abandoned");
    }

    /**
     * Ctrl-C's SIGINT, unless this test runs where SIGINT is ignored, as in a background job of a non-interactive
     * shell: the child inherits that, and a JVM that starts with SIGINT ignored leaves it ignored, as a terminal user
     * never sees. Then SIGTERM, which the prompt handles the same way.
     */
    private static String interruptSignal() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return "-INT";
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                long ignored = Long.parseUnsignedLong(
                        line.substring("SigIgn:".length()).strip(), 16);
                return (ignored & (1L << (2 - 1))) != 0 ? "-TERM" : "-INT";
            }
        }
        return "-INT";
    }

    private static Thread copy(InputStream in, ByteArrayOutputStream to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[1024];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    synchronized (to) {
                        to.write(buffer, 0, n);
                    }
                }
            } catch (IOException ignored) {
                // The process ended.
            }
        });
        thread.start();
        return thread;
    }
}
