package dev.stepwise.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UserProfileTest {
    static Stream<Arguments> fromAttributes_attributes_usableDestinations() {
        return Stream.of(
                arguments(Map.of("email", "a@b.c", "email_verified", "true"), "a@b.c", null),
                arguments(Map.of("email", "a@b.c", "email_verified", "false"), null, null),
                arguments(Map.of("email", "a@b.c"), null, null),
                arguments(Map.of("email", "not-an-email", "email_verified", "true"), null, null),
                arguments(
                        Map.of("phone_number", "+15555550123", "phone_number_verified", "true"), null, "+15555550123"),
                arguments(Map.of("phone_number", "+15555550123", "phone_number_verified", "false"), null, null),
                arguments(Map.of("phone_number", "555-0123", "phone_number_verified", "true"), null, null),
                arguments(Map.of(), null, null));
    }

    @ParameterizedTest
    @MethodSource
    void fromAttributes_attributes_usableDestinations(Map<String, String> attributes, String email, String phone) {
        UserProfile profile = UserProfile.fromAttributes(attributes);

        assertThat(profile.email()).isEqualTo(email);
        assertThat(profile.phoneNumber()).isEqualTo(phone);
        assertThat(profile.canUse(Factor.EMAIL_CODE)).isEqualTo(email != null);
        assertThat(profile.canUse(Factor.PHONE_CODE)).isEqualTo(phone != null);
    }

    @Test
    void fromAttributes_null_hasNothingButPassword() {
        UserProfile profile = UserProfile.fromAttributes(null);

        assertThat(profile.canUse(Factor.PASSWORD)).isTrue();
        assertThat(profile.canUse(Factor.EMAIL_CODE)).isFalse();
        assertThat(profile.canUse(Factor.TOTP)).isFalse();
    }

    @Test
    void toString_withDestinations_showsNone() {
        assertThat(Fixtures.BOTH.toString()).doesNotContain(Fixtures.EMAIL).doesNotContain(Fixtures.PHONE);
    }
}
