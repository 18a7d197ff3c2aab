package dev.stepwise.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
    private static final List<String> FORBIDDEN = List.of("com/amazonaws", "software/amazon");
    private static final Pattern LAMBDA_PACKAGE_CLASS = Pattern.compile("dev/stepwise/lambda/[A-Z]");

    @Test
    void coreClasses_constantPools_referenceNoAwsType() {
        List<Path> classes = classFiles("dev/stepwise/core");

        assertThat(classes).hasSizeGreaterThan(15);
        assertThat(classes).filteredOn(ArchitectureTest::referencesAws).isEmpty();
    }

    @Test
    void coreClasses_constantPools_nameNoSetting() {
        List<Path> classes = classFiles("dev/stepwise/core");

        assertThat(classes).hasSizeGreaterThan(15);
        assertThat(classes).filteredOn(c -> constants(c).contains("STEPWISE_")).isEmpty();
    }

    @Test
    void lambdaClasses_constantPools_referenceAwsTypes() {
        List<Path> classes = classFiles("dev/stepwise/lambda");

        assertThat(classes).filteredOn(ArchitectureTest::referencesAws).isNotEmpty();
    }

    @Test
    void awsAdapterClasses_constantPools_referenceNoClassOfTheLambdaPackage() {
        List<Path> adapters = classFiles("dev/stepwise/lambda/aws");

        assertThat(adapters).hasSizeGreaterThan(5);
        assertThat(adapters)
                .filteredOn(classFile ->
                        LAMBDA_PACKAGE_CLASS.matcher(constants(classFile)).find())
                .isEmpty();
    }

    @Test
    void lambdaClasses_constantPools_onlyTheWiringBuildsAwsClients() {
        List<Path> lambda = classFiles("dev/stepwise/lambda").stream()
                .filter(p -> !p.getParent().endsWith("aws"))
                .toList();

        assertThat(lambda).hasSizeGreaterThan(5);
        assertThat(lambda)
                .filteredOn(classFile -> constants(classFile).contains("software/amazon/awssdk"))
                .isEmpty();
        assertThat(lambda)
                .filteredOn(classFile -> constants(classFile).contains("dev/stepwise/lambda/aws/AwsClients"))
                .extracting(classFile -> classFile.getFileName().toString())
                .containsExactly("FunctionWiring.class");
    }

    private static boolean referencesAws(Path classFile) {
        String constants = constants(classFile);
        return FORBIDDEN.stream().anyMatch(constants::contains);
    }

    private static String constants(Path classFile) {
        try {
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> classFiles(String packageDirectory) {
        try {
            Path root = Path.of(Decider.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            try (Stream<Path> files = Files.walk(root.resolve(packageDirectory))) {
                return files.filter(p -> p.toString().endsWith(".class")).toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
