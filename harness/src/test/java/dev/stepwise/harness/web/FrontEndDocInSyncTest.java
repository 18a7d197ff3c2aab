package dev.stepwise.harness.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FrontEndDocInSyncTest {

    private static final Pattern SNIPPET =
            Pattern.compile("(?m)^([ \\t]*)// snippet: (\\S+)\\n(.*?)^[ \\t]*// end snippet$", Pattern.DOTALL);
    private static final Pattern QUOTED =
            Pattern.compile("<!-- from web/src/main\\.js: (\\S+) -->\\n```js\\n(.*?)```", Pattern.DOTALL);

    static Map<String, String> snippets(String source) {
        Map<String, String> found = new LinkedHashMap<>();
        Matcher m = SNIPPET.matcher(source);
        while (m.find()) {
            String indent = m.group(1);
            found.put(
                    m.group(2),
                    m.group(3)
                            .lines()
                            .map(line -> line.startsWith(indent) ? line.substring(indent.length()) : line)
                            .collect(Collectors.joining("\n", "", "\n")));
        }
        return found;
    }

    @Test
    void frontEndDoc_quotesEverySnippetOfThePageExactly() throws Exception {
        Map<String, String> page = snippets(Files.readString(Path.of("..", "web", "src", "main.js")));
        Map<String, String> quoted = new LinkedHashMap<>();
        Matcher m = QUOTED.matcher(Files.readString(Path.of("..", "docs", "front-end.md")));
        while (m.find()) {
            quoted.put(m.group(1), m.group(2));
        }

        assertThat(page).hasSizeGreaterThanOrEqualTo(8);
        assertThat(quoted).isEqualTo(page);
    }
}
