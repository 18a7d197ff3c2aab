package dev.stepwise.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.stepwise.core.CheckContext;
import dev.stepwise.core.ConfigurationException;
import dev.stepwise.core.EnrolmentContext;
import dev.stepwise.core.Factor;
import dev.stepwise.core.FactorHandler;
import dev.stepwise.core.InMemoryStateStore;
import dev.stepwise.core.IssuedChallenge;
import dev.stepwise.core.PresentContext;
import dev.stepwise.core.Presentation;
import dev.stepwise.core.SignInContext;
import dev.stepwise.core.UserProfile;
import dev.stepwise.core.VerifyResult;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CustomFactorsTest {
    private static final String PREFIX = CustomFactorsTest.class.getName() + "$";

    public static class Word implements FactorHandler {
        public Word() {}

        @Override
        public String id() {
            return "word";
        }

        @Override
        public String stepName() {
            return "CONFIRM_SIGN_IN_WITH_WORD";
        }

        @Override
        public boolean needsState() {
            return true;
        }

        @Override
        public boolean usable(EnrolmentContext context) {
            return true;
        }

        @Override
        public Presentation present(PresentContext context) {
            return Presentation.of(Map.of(), "");
        }

        @Override
        public VerifyResult check(CheckContext context) {
            return VerifyResult.wrong("never");
        }
    }

    public static class EmailCodeAgain extends Word {
        @Override
        public String id() {
            return "email_code";
        }
    }

    public static class NeedsArgument extends Word {
        public NeedsArgument(String unused) {}
    }

    public static class NotAFactor {}

    public static class Failing extends Word {
        public Failing() {
            throw new IllegalStateException("no settings");
        }
    }

    private static Map<String, String> environment(String... keyValues) {
        Map<String, String> environment = new HashMap<>();
        environment.put("STEPWISE_SECRET", HandlerRig.SECRET);
        environment.put("STEPWISE_ABUSE_CONTROLS", "off");
        for (int i = 0; i < keyValues.length; i += 2) {
            environment.put(keyValues[i], keyValues[i + 1]);
        }
        return environment;
    }

    @Test
    void from_customFactorNamed_itsIdWorksInPoliciesAndTheFlow() {
        FunctionConfig config = FunctionConfig.from(environment(
                "STEPWISE_CUSTOM_FACTORS", " " + PREFIX + "Word , ",
                "STEPWISE_POLICY", "word",
                "STEPWISE_STATE_TABLE", "stepwise-state"));

        assertThat(config.customFactors()).singleElement().isInstanceOf(Word.class);
        assertThat(config.policies().uses(Factor.of("word"))).isTrue();
        IssuedChallenge challenge = config.flow(Map.of(), new InMemoryStateStore(), config.localSecrets())
                .create(
                        new SignInContext("us-east-1_X", "alice", "c1", UserProfile.NONE, List.of(), false),
                        Instant.now());
        assertThat(challenge.publicParameters())
                .containsEntry("factor", "word")
                .containsEntry("step", "CONFIRM_SIGN_IN_WITH_WORD");
    }

    @Test
    void from_customStatefulFactorWithoutTable_saysWhatToSet() {
        assertThatThrownBy(() -> FunctionConfig.from(
                        environment("STEPWISE_CUSTOM_FACTORS", PREFIX + "Word", "STEPWISE_POLICY", "word")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("STEPWISE_STATE_TABLE is not set");
    }

    @Test
    void from_policyUsesCustomIdWithoutTheSetting_unknownFactor() {
        assertThatThrownBy(() -> FunctionConfig.from(environment("STEPWISE_POLICY", "word")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("STEPWISE_POLICY \"word\": unknown factor 'word'");
    }

    static Stream<Arguments> from_invalidCustomFactor_actionableMessage() {
        return Stream.of(
                arguments(
                        "com.example.Missing", "names com.example.Missing, which is not on the function's class path"),
                arguments(PREFIX + "NotAFactor", "which is not a factor: it must be a concrete class implementing"),
                arguments(PREFIX + "NeedsArgument", "which has no public no-arg constructor"),
                arguments(PREFIX + "Failing", "whose constructor failed"),
                arguments(PREFIX + "EmailCodeAgain", "has id \"email_code\", which a built-in factor has"),
                arguments(PREFIX + "Word," + PREFIX + "Word", "which another registered factor has"));
    }

    @ParameterizedTest
    @MethodSource
    void from_invalidCustomFactor_actionableMessage(String classNames, String message) {
        assertThatThrownBy(() -> FunctionConfig.from(environment("STEPWISE_CUSTOM_FACTORS", classNames)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(message);
    }
}
