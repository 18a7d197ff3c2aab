package dev.stepwise.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HandlerNamesTest {

    static Stream<String> handlers() {
        return Stream.of(
                StepwiseTriggers.DEFINE_HANDLER,
                StepwiseTriggers.CREATE_HANDLER,
                StepwiseTriggers.VERIFY_HANDLER,
                StepwiseTriggers.TOKEN_GENERATION_HANDLER,
                StepwiseTriggers.POST_CONFIRMATION_HANDLER);
    }

    @ParameterizedTest
    @MethodSource("handlers")
    void handler_inTheDeployedJar_namesAPublicHandlerWithANoArgumentConstructor(String handler) throws Exception {
        String[] parts = handler.split("::");
        try (URLClassLoader jar = new URLClassLoader(
                new URL[] {StepwiseSettings.DEFAULT_FUNCTIONS_JAR.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> type = Class.forName(parts[0], false, jar);

            assertThat(Modifier.isPublic(type.getModifiers())).isTrue();
            assertThat(type.getConstructor()).isNotNull();
            if (parts.length == 1) {
                // A class alone: Lambda's runtime serves it through its handler interface, the stream one first.
                assertThat(Stream.of(type.getInterfaces()).map(Class::getName))
                        .contains("com.amazonaws.services.lambda.runtime.RequestStreamHandler");
            } else {
                assertThat(parts).hasSize(2);
                assertThat(Stream.of(type.getMethods()).map(Method::getName)).contains(parts[1]);
            }
        }
    }
}
