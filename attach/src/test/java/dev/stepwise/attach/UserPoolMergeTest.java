package dev.stepwise.attach;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LambdaConfigType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UpdateUserPoolRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;

class UserPoolMergeTest {

    private static final String POOL_ID = "eu-west-1_AbCdEf123";
    private static final Map<String, String> POOL_FIELD_OF_MEMBER = Map.of("UserPoolId", "Id", "PoolName", "Name");

    static Stream<String> updateRequest_fullyConfiguredPool_copiesMemberUnchanged() {
        return UserPoolMerge.UPDATE_MEMBERS.stream()
                .filter(member -> !member.equals("LambdaConfig") && !member.equals("AdminCreateUserConfig"));
    }

    @Test
    void updateMembers_always_matchTheSdksUpdateUserPoolRequest() {
        assertThat(UpdateUserPoolRequest.builder().build().sdkFields().stream().map(SdkField::memberName))
                .containsExactlyInAnyOrderElementsOf(UserPoolMerge.UPDATE_MEMBERS);
    }

    @Test
    void updateRequest_fullyConfiguredPool_setsEveryMember() {
        UpdateUserPoolRequest request =
                UserPoolMerge.updateRequest(Pools.fullyConfigured(POOL_ID, Pools.FOREIGN), Pools.STEPWISE);

        for (String member : UserPoolMerge.UPDATE_MEMBERS) {
            assertThat(request.getValueForField(member, Object.class))
                    .as(member)
                    .isPresent();
        }
    }

    @ParameterizedTest
    @MethodSource
    void updateRequest_fullyConfiguredPool_copiesMemberUnchanged(String member) {
        UserPoolType pool = Pools.fullyConfigured(POOL_ID, Pools.FOREIGN);

        UpdateUserPoolRequest request = UserPoolMerge.updateRequest(pool, Pools.STEPWISE);

        String poolField = POOL_FIELD_OF_MEMBER.getOrDefault(member, member);
        assertThat(request.getValueForField(member, Object.class))
                .as(member)
                .isPresent()
                .isEqualTo(pool.getValueForField(poolField, Object.class));
    }

    @Test
    void updateRequest_withTriggers_changesOnlyTheThreeCustomAuthTriggers() {
        UpdateUserPoolRequest request =
                UserPoolMerge.updateRequest(Pools.fullyConfigured(POOL_ID, Pools.FOREIGN), Pools.STEPWISE);

        assertThat(CustomAuthTriggers.of(request.lambdaConfig())).isEqualTo(Pools.STEPWISE);
        assertThat(CustomAuthTriggers.none().applyTo(request.lambdaConfig())).isEqualTo(Pools.otherTriggers());
    }

    @Test
    void updateRequest_withNone_removesOnlyTheCustomAuthTriggers() {
        UpdateUserPoolRequest request =
                UserPoolMerge.updateRequest(Pools.fullyConfigured(POOL_ID, Pools.STEPWISE), CustomAuthTriggers.none());

        assertThat(request.lambdaConfig()).isEqualTo(Pools.otherTriggers());
    }

    @Test
    void updateRequest_poolWithoutOtherTriggers_sendsNoLambdaConfigWhenRemoving() {
        UserPoolType pool = UserPoolType.builder()
                .id(POOL_ID)
                .lambdaConfig(Pools.STEPWISE.applyTo(null))
                .build();

        assertThat(UserPoolMerge.updateRequest(pool, CustomAuthTriggers.none()).lambdaConfig())
                .isNull();
    }

    @Test
    void updateRequest_withTemporaryPasswordValidity_dropsDeprecatedUnusedAccountValidity() {
        UserPoolType pool = Pools.fullyConfigured(POOL_ID, Pools.FOREIGN);

        UpdateUserPoolRequest request = UserPoolMerge.updateRequest(pool, Pools.STEPWISE);

        assertThat(request.adminCreateUserConfig().unusedAccountValidityDays()).isNull();
        assertThat(request.adminCreateUserConfig().toBuilder()
                        .unusedAccountValidityDays(3)
                        .build())
                .isEqualTo(pool.adminCreateUserConfig());
    }

    @Test
    void updateRequest_withoutTemporaryPasswordValidity_keepsUnusedAccountValidity() {
        UserPoolType full = Pools.fullyConfigured(POOL_ID, Pools.FOREIGN);
        UserPoolType pool = full.toBuilder()
                .policies(full.policies().toBuilder()
                        .passwordPolicy(full.policies().passwordPolicy().toBuilder()
                                .temporaryPasswordValidityDays(null)
                                .build())
                        .build())
                .build();

        assertThat(UserPoolMerge.updateRequest(pool, Pools.STEPWISE).adminCreateUserConfig())
                .isEqualTo(pool.adminCreateUserConfig());
    }

    @Test
    void updateRequest_poolWithoutListsAndTags_sendsNone() {
        UpdateUserPoolRequest request =
                UserPoolMerge.updateRequest(UserPoolType.builder().id(POOL_ID).build(), Pools.STEPWISE);

        assertThat(request.hasAutoVerifiedAttributes()).isFalse();
        assertThat(request.hasUserPoolTags()).isFalse();
        assertThat(request.lambdaConfig())
                .isEqualTo(LambdaConfigType.builder()
                        .defineAuthChallenge(Pools.STEPWISE.define())
                        .createAuthChallenge(Pools.STEPWISE.create())
                        .verifyAuthChallengeResponse(Pools.STEPWISE.verify())
                        .build());
    }
}
