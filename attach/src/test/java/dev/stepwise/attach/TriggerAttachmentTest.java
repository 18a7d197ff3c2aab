package dev.stepwise.attach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;

class TriggerAttachmentTest {

    private static final String POOL_ID = "eu-west-1_AbCdEf123";

    private final FullReplaceCognito cognito = new FullReplaceCognito();
    private final TriggerAttachment attachment = new TriggerAttachment(cognito);

    @Test
    void attach_poolWithoutCustomAuth_setsTriggersAndKeepsEverythingElse() {
        UserPoolType before = Pools.fullyConfigured(POOL_ID, CustomAuthTriggers.none());
        cognito.put(before);

        CustomAuthTriggers previous = attachment.attach(POOL_ID, Pools.STEPWISE, CustomAuthTriggers.none(), false);

        assertThat(previous.isEmpty()).isTrue();
        assertThat(withoutDeprecatedValidity(cognito.pool(POOL_ID)))
                .isEqualTo(withoutDeprecatedValidity(Pools.fullyConfigured(POOL_ID, Pools.STEPWISE)));
    }

    @Test
    void attach_thenDetach_restoresThePoolAsItWas() {
        cognito.put(Pools.fullyConfigured(POOL_ID, CustomAuthTriggers.none()));

        CustomAuthTriggers previous = attachment.attach(POOL_ID, Pools.STEPWISE, CustomAuthTriggers.none(), false);
        TriggerAttachment.DetachOutcome outcome = attachment.detach(POOL_ID, Pools.STEPWISE, previous);

        assertThat(outcome).isEqualTo(TriggerAttachment.DetachOutcome.RESTORED);
        assertThat(withoutDeprecatedValidity(cognito.pool(POOL_ID)))
                .isEqualTo(withoutDeprecatedValidity(Pools.fullyConfigured(POOL_ID, CustomAuthTriggers.none())));
    }

    @Test
    void attach_poolWithOtherCustomAuthTriggers_refusesNamingThemAndTheOptIn() {
        cognito.put(Pools.fullyConfigured(POOL_ID, Pools.FOREIGN));

        assertThatThrownBy(() -> attachment.attach(POOL_ID, Pools.STEPWISE, CustomAuthTriggers.none(), false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(POOL_ID)
                .hasMessageContaining(Pools.FOREIGN.define())
                .hasMessageContaining("replaceExistingTriggers=true");
        assertThat(cognito.updates).isEmpty();
    }

    @Test
    void attach_poolWithOneOtherTrigger_refuses() {
        cognito.put(Pools.fullyConfigured(POOL_ID, new CustomAuthTriggers(Pools.FOREIGN.define(), null, null)));

        assertThatThrownBy(() -> attachment.attach(POOL_ID, Pools.STEPWISE, CustomAuthTriggers.none(), false))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void attach_replacingOtherTriggers_returnsThemAndDetachRestoresThem() {
        cognito.put(Pools.fullyConfigured(POOL_ID, Pools.FOREIGN));

        CustomAuthTriggers previous = attachment.attach(POOL_ID, Pools.STEPWISE, CustomAuthTriggers.none(), true);
        assertThat(CustomAuthTriggers.of(cognito.pool(POOL_ID).lambdaConfig())).isEqualTo(Pools.STEPWISE);
        attachment.detach(POOL_ID, Pools.STEPWISE, previous);

        assertThat(previous).isEqualTo(Pools.FOREIGN);
        assertThat(withoutDeprecatedValidity(cognito.pool(POOL_ID)))
                .isEqualTo(withoutDeprecatedValidity(Pools.fullyConfigured(POOL_ID, Pools.FOREIGN)));
    }

    @Test
    void attach_overAnEarlierVersionOfItself_replacesWithoutOptIn() {
        CustomAuthTriggers earlier = new CustomAuthTriggers(
                Pools.ACCOUNT_ARN + "old-define", Pools.ACCOUNT_ARN + "old-create", Pools.ACCOUNT_ARN + "old-verify");
        cognito.put(Pools.fullyConfigured(POOL_ID, earlier));

        attachment.attach(POOL_ID, Pools.STEPWISE, earlier, false);

        assertThat(CustomAuthTriggers.of(cognito.pool(POOL_ID).lambdaConfig())).isEqualTo(Pools.STEPWISE);
    }

    @Test
    void attach_whenAlreadyAttached_sendsNoUpdate() {
        cognito.put(Pools.fullyConfigured(POOL_ID, Pools.STEPWISE));

        CustomAuthTriggers previous = attachment.attach(POOL_ID, Pools.STEPWISE, CustomAuthTriggers.none(), false);

        assertThat(previous.isEmpty()).isTrue();
        assertThat(cognito.updates).isEmpty();
    }

    @Test
    void attach_withIncompleteTriggers_isRejected() {
        cognito.put(Pools.fullyConfigured(POOL_ID, CustomAuthTriggers.none()));

        assertThatThrownBy(() -> attachment.attach(
                        POOL_ID,
                        new CustomAuthTriggers(Pools.STEPWISE.define(), null, null),
                        CustomAuthTriggers.none(),
                        false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void detach_afterSomeoneElseChangedTheTriggers_leavesThem() {
        cognito.put(Pools.fullyConfigured(POOL_ID, Pools.FOREIGN));

        TriggerAttachment.DetachOutcome outcome = attachment.detach(POOL_ID, Pools.STEPWISE, CustomAuthTriggers.none());

        assertThat(outcome).isEqualTo(TriggerAttachment.DetachOutcome.CHANGED_SINCE);
        assertThat(cognito.updates).isEmpty();
    }

    @Test
    void detach_afterOneTriggerWasChanged_restoresTheOthersAndReportsPartly() {
        cognito.put(Pools.fullyConfigured(
                POOL_ID,
                new CustomAuthTriggers(Pools.STEPWISE.define(), Pools.FOREIGN.create(), Pools.STEPWISE.verify())));

        TriggerAttachment.DetachOutcome outcome = attachment.detach(POOL_ID, Pools.STEPWISE, CustomAuthTriggers.none());

        assertThat(outcome).isEqualTo(TriggerAttachment.DetachOutcome.PARTLY_RESTORED);
        assertThat(CustomAuthTriggers.of(cognito.pool(POOL_ID).lambdaConfig()))
                .isEqualTo(new CustomAuthTriggers(null, Pools.FOREIGN.create(), null));
    }

    @Test
    void detach_whilePoolChangesAgain_reportsTheConcurrentChange() {
        cognito.put(Pools.fullyConfigured(POOL_ID, Pools.STEPWISE));
        cognito.afterUpdate = poolId -> cognito.put(cognito.pool(poolId).toBuilder()
                .lambdaConfig(Pools.FOREIGN.applyTo(cognito.pool(poolId).lambdaConfig()))
                .build());

        assertThat(attachment.detach(POOL_ID, Pools.STEPWISE, CustomAuthTriggers.none()))
                .isEqualTo(TriggerAttachment.DetachOutcome.CONCURRENT_CHANGE);
    }

    @Test
    void plan_always_writesNothing() {
        cognito.put(Pools.fullyConfigured(POOL_ID, Pools.FOREIGN));

        TriggerAttachment.Plan plan = attachment.plan(POOL_ID, Pools.STEPWISE, CustomAuthTriggers.none(), true);

        assertThat(plan.previous()).isEqualTo(Pools.FOREIGN);
        assertThat(plan.changesPool()).isTrue();
        assertThat(cognito.updates).isEmpty();
    }

    @Test
    void detach_deletedPool_reportsPoolGone() {
        assertThat(attachment.detach(POOL_ID, Pools.STEPWISE, CustomAuthTriggers.none()))
                .isEqualTo(TriggerAttachment.DetachOutcome.POOL_GONE);
    }

    private static UserPoolType withoutDeprecatedValidity(UserPoolType pool) {
        return pool.toBuilder()
                .adminCreateUserConfig(pool.adminCreateUserConfig().toBuilder()
                        .unusedAccountValidityDays(null)
                        .build())
                .build();
    }
}
