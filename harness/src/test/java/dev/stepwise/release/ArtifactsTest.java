package dev.stepwise.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

class ArtifactsTest {

    private static final Path ROOT = Path.of("..");

    @Test
    void licence_apache2InFileAndParentPom() throws IOException {
        assertThat(Files.readString(ROOT.resolve("LICENSE"))).contains("Apache License", "Version 2.0, January 2004");
        assertThat(Files.readString(ROOT.resolve("NOTICE"))).contains("Apache License, Version 2.0");
        for (Document pom : List.of(pom("pom.xml"), pom("bom/pom.xml"))) {
            assertThat(text(pom.getDocumentElement(), "licenses/license/name")).isEqualTo("Apache-2.0");
        }
    }

    @Test
    void bom_noParentSameVersionsAsTheBuild() {
        Document parent = pom("pom.xml");
        Document bom = pom("bom/pom.xml");

        assertThat(child(bom.getDocumentElement(), "parent")).isNull();
        assertThat(text(bom.getDocumentElement(), "version")).isEqualTo(text(parent.getDocumentElement(), "version"));
        for (String property : List.of(
                "aws-sdk.version",
                "aws-sdk-sns.version",
                "aws-lambda-java-core.version",
                "aws-lambda-java-events.version")) {
            assertThat(text(bom.getDocumentElement(), "properties/" + property))
                    .as(property)
                    .isEqualTo(text(parent.getDocumentElement(), "properties/" + property));
        }
        assertThat(text(pom("examples/pom.xml").getDocumentElement(), "properties/stepwise.version"))
                .isEqualTo(text(parent.getDocumentElement(), "version"));
        assertThat(text(parent.getDocumentElement(), "properties/project.build.outputTimestamp"))
                .isNotBlank();
    }

    @Test
    void bom_managesEveryPublishedModule() {
        List<String> managed = new ArrayList<>();
        NodeList dependencies = pom("bom/pom.xml").getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            managed.add(text((Element) dependencies.item(i), "artifactId"));
        }
        Map<String, String> modules = Map.of(
                "functions", "stepwise-functions",
                "harness", "stepwise-harness",
                "attach", "stepwise-attach",
                "infra", "stepwise-infra");
        modules.forEach((dir, artifactId) -> {
            assertThat(text(pom(dir + "/pom.xml").getDocumentElement(), "artifactId"))
                    .isEqualTo(artifactId);
            assertThat(managed).contains(artifactId);
        });
    }

    @Test
    void harness_junitProvidedAndLoggingBindingOptional() {
        NodeList dependencies = pom("harness/pom.xml").getElementsByTagName("dependency");
        int checked = 0;
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            String artifactId = text(dependency, "artifactId");
            if (artifactId.equals("junit-jupiter-api")) {
                assertThat(text(dependency, "scope")).isEqualTo("provided");
                checked++;
            } else if (artifactId.startsWith("slf4j-")) {
                assertThat(text(dependency, "optional")).as(artifactId).isEqualTo("true");
                checked++;
            } else if (artifactId.startsWith("junit-") || artifactId.equals("assertj-core")) {
                assertThat(text(dependency, "scope")).as(artifactId).isEqualTo("test");
            }
        }
        assertThat(checked).isEqualTo(2);
    }

    private static Document pom(String path) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(ROOT.resolve(path).toFile());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }

    private static Element child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        return null;
    }

    private static String text(Element start, String path) {
        Element element = start;
        for (String name : path.split("/")) {
            element = element == null ? null : child(element, name);
        }
        return element == null ? null : element.getTextContent().strip();
    }
}
