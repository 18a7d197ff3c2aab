package com.example.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClassPathTest {

    @Test
    void junit_isTheTeamsVersion_notStepwises() {
        assertThat(Test.class.getPackage().getImplementationVersion()).startsWith("5.11.");
    }

    @Test
    void slf4j_noBindingComesWithStepwise() {
        assertThat(ClassPathTest.class.getClassLoader().getResource("org/slf4j/impl/StaticLoggerBinder.class"))
                .isNull();
    }
}
