package dev.stepwise.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherScriptTest {

    static final Path SCRIPT = Path.of("..", "stepwise");

    record Result(int exitCode, String out, String err) {}

    @TempDir
    Path repo;

    Path bin;

    @BeforeEach
    void fakeRepository() throws IOException {
        Files.copy(SCRIPT, repo.resolve("stepwise"));
        executable(repo.resolve("stepwise"));
        for (String pom : List.of("pom.xml", "harness/pom.xml", "functions/pom.xml")) {
            Files.createDirectories(repo.resolve(pom).getParent());
            Files.writeString(repo.resolve(pom), "<project/>");
        }
        Files.createDirectories(repo.resolve("harness/src/main/java"));
        Files.createDirectories(repo.resolve("functions/src/main/java"));
        Files.writeString(repo.resolve("harness/src/main/java/A.java"), "class A {}");
        script(
                repo.resolve("mvnw"),
                """
                #!/usr/bin/env bash
                echo "$@" >> "$(dirname "$0")/mvnw.calls"
                mkdir -p "$(dirname "$0")/harness/target"
                echo jar > "$(dirname "$0")/harness/target/stepwise-harness.jar"
                """);
        bin = Files.createDirectories(repo.resolve("bin"));
        script(
                bin.resolve("java"),
                """
                #!/usr/bin/env bash
                echo "java $*"
                """);
    }

    Result launch(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(
                List.of("bash", repo.resolve("stepwise").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("PATH", bin + ":" + env.get("PATH"));
        env.remove("STEPWISE_JAVA_OPTS");
        env.remove("STEPWISE_MAVEN_ARGS");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), out, err);
    }

    @Test
    void launch_noJar_buildsHarnessSayingSoThenRunsJarWithArguments() throws Exception {
        Result result = launch("demo", "--wrong-answers", "1");

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).contains("building the harness jar");
        assertThat(Files.readString(repo.resolve("mvnw.calls")))
                .contains("-pl harness -am package")
                .contains("-DskipTests");
        assertThat(result.out().strip())
                .endsWith("-jar " + repo.resolve("harness/target/stepwise-harness.jar") + " demo --wrong-answers 1");
    }

    @Test
    void launch_freshJar_doesNotRebuild() throws Exception {
        launch("--version");
        Files.delete(repo.resolve("mvnw.calls"));

        Result result = launch("--version");

        assertThat(result.err()).doesNotContain("building");
        assertThat(repo.resolve("mvnw.calls")).doesNotExist();
    }

    @Test
    void launch_sourceNewerThanJar_rebuilds() throws Exception {
        launch("--version");
        Files.setLastModifiedTime(
                repo.resolve("harness/target/stepwise-harness.jar"),
                FileTime.from(Instant.now().minusSeconds(60)));

        Result result = launch("--version");

        assertThat(result.err()).contains("sources changed since the last build; rebuilding");
    }

    @Test
    void launch_shortCommandVersusEmulator_choosesJvmOptions() throws Exception {
        Result demo = launch("demo");
        Result emulator = launch("emulator", "--port", "9229");

        assertThat(demo.out()).contains("-XX:TieredStopAtLevel=1");
        assertThat(emulator.out()).doesNotContain("TieredStopAtLevel").contains("emulator --port 9229");
    }

    @Test
    void launch_buildFails_exitsSeventyWithHint() throws Exception {
        script(repo.resolve("mvnw"), "#!/usr/bin/env bash\nexit 1\n");

        Result result = launch("demo");

        assertThat(result.exitCode()).isEqualTo(70);
        assertThat(result.err()).contains("the build failed");
    }

    static void script(Path file, String text) throws IOException {
        Files.writeString(file, text);
        executable(file);
    }

    static void executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
