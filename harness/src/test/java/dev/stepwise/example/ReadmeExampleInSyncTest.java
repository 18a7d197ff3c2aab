package dev.stepwise.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReadmeExampleInSyncTest {

    @Test
    void testingYourAppPage_junitSection_showsReadmeExampleTestAsItIs() throws Exception {
        String test = Files.readString(Path.of("src/test/java/dev/stepwise/example/ReadmeExampleTest.java"));
        String body = test.substring(test.indexOf("import "));
        String readme = Files.readString(Path.of("..", "docs", "testing-your-app.md"));

        assertThat(readme).contains("```java\n" + body + "```");
    }
}
