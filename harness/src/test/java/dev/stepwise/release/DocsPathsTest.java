package dev.stepwise.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.harness.cli.StepwiseCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DocsPathsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern CODE_SPAN = Pattern.compile("`([^`\\n]+)`");
    private static final Pattern REPO_PATH = Pattern.compile(
            "^(?:\\./)?((?:functions|harness|attach|infra|bench|bom|examples|scenarios|docs|web|\\.ci)/[\\w./-]*"
                    + "|stepwise|stepwise-bench|mvnw|README\\.md|SECURITY\\.md|LICENSE|NOTICE)$");
    private static final Pattern COMMAND =
            Pattern.compile("(?<![\\w/.-])(?:\\./)?stepwise ((?:[a-z][a-z-]*)(?: run| list| remove| revoke)?)"
                    + "((?: +(?:--?[\\w-]+(?:=\\S*)?|'[^']*'|\"[^\"]*\"|[^\\s|;&`]+))*)");

    record Doc(Path file, String text) {}

    static List<Doc> docs() throws IOException {
        List<Doc> docs = new ArrayList<>();
        List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> pages = Files.list(ROOT.resolve("docs"))) {
            pages.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        for (Path file : files) {
            docs.add(new Doc(file, Files.readString(file)));
        }
        return docs;
    }

    @Test
    void links_relativeTargets_exist() throws IOException {
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (Doc doc : docs()) {
            Matcher link = LINK.matcher(doc.text());
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("^[a-z]+:.*") || target.startsWith("#")) {
                    continue;
                }
                String path = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                checked++;
                if (!Files.exists(doc.file().getParent().resolve(path))) {
                    missing.add(ROOT.relativize(doc.file()) + ": " + target);
                }
            }
        }
        assertThat(checked).isGreaterThan(10);
        assertThat(missing).isEmpty();
    }

    @Test
    void code_repositoryPaths_exist() throws IOException {
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (Doc doc : docs()) {
            for (String token : codeTokens(doc.text())) {
                Matcher path = REPO_PATH.matcher(token.replaceAll("[,:;.)]+$", ""));
                if (!path.matches() || isBuildOutput(path.group(1))) {
                    continue;
                }
                checked++;
                if (!Files.exists(ROOT.resolve(path.group(1)))) {
                    missing.add(ROOT.relativize(doc.file()) + ": " + token);
                }
            }
        }
        assertThat(checked).isGreaterThan(10);
        assertThat(missing).isEmpty();
    }

    @Test
    void code_stepwiseCommandsAndTheirOptions_exist() throws IOException {
        CommandLine cli = StepwiseCommand.newCommandLine();
        List<String> unknown = new ArrayList<>();
        int checked = 0;
        for (Doc doc : docs()) {
            for (String code : codeTexts(doc.text())) {
                Matcher command = COMMAND.matcher(code);
                while (command.find()) {
                    String[] words = command.group(1).split(" ");
                    CommandLine sub = cli.getSubcommands().get(words[0]);
                    if (sub == null) {
                        unknown.add(ROOT.relativize(doc.file()) + ": stepwise " + command.group(1));
                        continue;
                    }
                    if (words.length > 1) {
                        sub = sub.getSubcommands().get(words[1]);
                        if (sub == null) {
                            unknown.add(ROOT.relativize(doc.file()) + ": stepwise " + command.group(1));
                            continue;
                        }
                    }
                    checked++;
                    Matcher option = Pattern.compile("(?<=\\s)(--[a-z][\\w-]*)").matcher(command.group(2));
                    while (option.find()) {
                        if (!sub.getCommandSpec().optionsMap().containsKey(option.group(1))) {
                            unknown.add(ROOT.relativize(doc.file()) + ": stepwise " + command.group(1) + " "
                                    + option.group(1));
                        }
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(10);
        assertThat(unknown).isEmpty();
    }

    /** What a build writes, not what a checkout holds. */
    private static boolean isBuildOutput(String path) {
        return path.contains("/target/")
                || path.endsWith("/target")
                || path.contains("node_modules")
                || path.contains("cdk.out")
                || path.startsWith("web/dist");
    }

    /** Fenced blocks' lines and inline code spans. */
    private static List<String> codeTexts(String markdown) {
        List<String> texts = new ArrayList<>();
        boolean fenced = false;
        for (String line : markdown.split("\\R")) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                texts.add(line);
            } else {
                Matcher span = CODE_SPAN.matcher(line);
                while (span.find()) {
                    texts.add(span.group(1));
                }
            }
        }
        return texts;
    }

    private static List<String> codeTokens(String markdown) {
        List<String> tokens = new ArrayList<>();
        for (String text : codeTexts(markdown)) {
            for (String token : text.split("[\\s\"'()=`]+")) {
                if (!token.isEmpty()
                        && !token.contains("<")
                        && !token.contains("*")
                        && !token.contains("{")
                        && !token.contains("...")
                        && !token.contains("$")) {
                    tokens.add(token);
                }
            }
        }
        return tokens;
    }
}
