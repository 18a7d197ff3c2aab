package dev.stepwise.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyTest {
    static Stream<Arguments> parse_validText_stepsInOrder() {
        return Stream.of(
                arguments("email_code", List.of(List.of(Factor.EMAIL_CODE))),
                arguments(" password >email_code ", List.of(List.of(Factor.PASSWORD), List.of(Factor.EMAIL_CODE))),
                arguments("email_code | phone_code", List.of(List.of(Factor.EMAIL_CODE, Factor.PHONE_CODE))),
                arguments(
                        "password|email_code > phone_code",
                        List.of(List.of(Factor.PASSWORD, Factor.EMAIL_CODE), List.of(Factor.PHONE_CODE))),
                arguments("password", List.of(List.of(Factor.PASSWORD))));
    }

    @ParameterizedTest
    @MethodSource
    void parse_validText_stepsInOrder(String text, List<List<Factor>> expected) {
        Policy policy = Policy.parse("STEPWISE_POLICY", text, Limits.DEFAULT);

        assertThat(policy.steps()).extracting(Policy.Step::factors).isEqualTo(expected);
    }

    static Stream<Arguments> parse_invalidText_throwsActionableMessage() {
        return Stream.of(
                arguments(null, "is empty: set it to a chain such as"),
                arguments("  ", "is empty: set it to a chain such as"),
                arguments("email_code >", "step 2 is empty: remove the extra '>'"),
                arguments("> email_code", "step 1 is empty"),
                arguments("email_code || phone_code", "step 1 has an empty alternative: remove the extra '|'"),
                arguments("sms", "unknown factor 'sms' in step 1: use one of password, email_code, phone_code,"),
                arguments("email_code > password", "move 'password' to the first step"),
                arguments("email_code > email_code", "factor 'email_code' appears more than once"),
                arguments("email_code|email_code", "factor 'email_code' appears more than once"));
    }

    @ParameterizedTest
    @MethodSource
    void parse_invalidText_throwsActionableMessage(String text, String message) {
        assertThatThrownBy(() -> Policy.parse("STEPWISE_POLICY", text, Limits.DEFAULT))
                .isInstanceOf(ConfigurationException.class)
                .isInstanceOf(StepwiseException.class)
                .hasMessageStartingWith("STEPWISE_POLICY \"")
                .hasMessageContaining(message);
    }

    @Test
    void toString_parsedPolicy_isCanonicalText() {
        assertThat(Policy.parse("p", " password|email_code>phone_code ", Limits.DEFAULT))
                .hasToString("password|email_code > phone_code");
    }

    static Stream<Arguments> limits_outOfRange_namesTheComponentAndRange() {
        return Stream.of(
                arguments(0, 6, 300, "maxAttempts", "maxAttempts is 0: it must be from 1 to 10"),
                arguments(11, 6, 300, "maxAttempts", "maxAttempts is 11: it must be from 1 to 10"),
                arguments(3, 3, 300, "codeLength", "codeLength is 3: it must be from 4 to 10"),
                arguments(3, 11, 300, "codeLength", "codeLength is 11: it must be from 4 to 10"),
                arguments(3, 6, 29, "codeTtl", "codeTtl is 29: it must be from 30 to 3600"),
                arguments(3, 6, 3601, "codeTtl", "codeTtl is 3601: it must be from 30 to 3600"));
    }

    @ParameterizedTest
    @MethodSource
    void limits_outOfRange_namesTheComponentAndRange(
            int attempts, int length, int ttlSeconds, String subject, String message) {
        assertThatThrownBy(() -> new Limits(attempts, length, Duration.ofSeconds(ttlSeconds)))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.subject())
                        .isEqualTo(subject))
                .hasMessage(message)
                .hasMessageNotContaining("STEPWISE_");
    }

    @Test
    void policySet_clientWithOwnPolicy_getsIt() {
        PolicySet set = PolicySet.parse("email_code", "web=password > email_code; mobile = phone_code", Limits.DEFAULT);

        assertThat(set.forClient("web")).hasToString("password > email_code");
        assertThat(set.forClient("mobile")).hasToString("phone_code");
        assertThat(set.forClient("other")).hasToString("email_code");
        assertThat(set.forClient(null)).hasToString("email_code");
        assertThat(set.uses(Factor.PHONE_CODE)).isTrue();
        assertThat(set.uses(Factor.EMAIL_LINK)).isFalse();
    }

    static Stream<Arguments> policySet_invalidClientPolicies_throwsActionableMessage() {
        return Stream.of(
                arguments("web", "the client policies entry \"web\" has no '='"),
                arguments("=email_code", "does not start with an app client id"),
                arguments("we b=email_code", "does not start with an app client id"),
                arguments("web=email_code;web=phone_code", "names client web twice"),
                arguments("web=sms", "the client policies for client web \"sms\": unknown factor 'sms'"));
    }

    @ParameterizedTest
    @MethodSource
    void policySet_invalidClientPolicies_throwsActionableMessage(String text, String message) {
        assertThatThrownBy(() -> PolicySet.parse("email_code", text, Limits.DEFAULT))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(message);
    }
}
