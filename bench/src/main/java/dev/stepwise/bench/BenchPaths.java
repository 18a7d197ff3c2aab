package dev.stepwise.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Where the built jars are, under the repository root. */
record BenchPaths(Path repo) {
    private static final String BUILD = ": build with ./mvnw -pl bench -am package -DskipTests";

    Path functionsJar() throws IOException {
        return single(repo.resolve("functions/target"), "stepwise-functions-", "-lambda.jar");
    }

    Path floorJar() throws IOException {
        return single(repo.resolve("bench/target"), "stepwise-bench-", "-floor.jar");
    }

    Path scenarios() {
        return repo.resolve("scenarios");
    }

    List<Path> runtimeClasspath() throws IOException {
        List<Path> classpath = new ArrayList<>();
        classpath.add(single(repo.resolve("bench/target"), "stepwise-bench-", "-runtime.jar"));
        classpath.add(repo.resolve("bench/target/lambda-runtime/aws-lambda-java-core.jar"));
        classpath.add(repo.resolve("bench/target/lambda-runtime/aws-lambda-java-serialization.jar"));
        for (Path path : classpath) {
            if (!Files.isRegularFile(path)) {
                throw new IOException(path + " is missing" + BUILD);
            }
        }
        return classpath;
    }

    private static Path single(Path directory, String prefix, String suffix) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IOException(directory + " is missing" + BUILD);
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)
                            && p.getFileName().toString().endsWith(suffix))
                    .findFirst()
                    .orElseThrow(() -> new IOException("no " + prefix + "*" + suffix + " in " + directory + BUILD));
        }
    }
}
