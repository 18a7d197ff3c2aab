package dev.stepwise.attach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

class AttachHandlerTest {

    private static final String POOL_ID = "eu-west-1_AbCdEf123";
    private static final String OTHER_POOL_ID = "eu-west-1_Other456";

    private final FullReplaceCognito cognito = new FullReplaceCognito();
    private final AttachHandler handler = new AttachHandler(new TriggerAttachment(cognito));

    @Test
    void handleRequest_create_attachesAndKeepsPreviousTriggersInThePhysicalId() {
        cognito.put(Pools.fullyConfigured(POOL_ID, Pools.FOREIGN));

        Map<String, Object> response = handler.handleRequest(event("Create", properties(POOL_ID, "true"), null), null);

        AttachmentId id = AttachmentId.parse((String) response.get("PhysicalResourceId"));
        assertThat(id).isEqualTo(new AttachmentId(POOL_ID, Pools.FOREIGN));
        assertThat(response.get("Data"))
                .isEqualTo(Map.of(
                        "UserPoolId",
                        POOL_ID,
                        "Audit",
                        "3 finding(s); LOW recovery-channel [pool]; LOW threat-protection [pool]; LOW"
                                + " username-case-sensitive [pool]",
                        "PostConfirmationResult",
                        "not requested"));
        assertThat(CustomAuthTriggers.of(cognito.pool(POOL_ID).lambdaConfig())).isEqualTo(Pools.STEPWISE);
    }

    @Test
    void handleRequest_createOnPoolWithOtherTriggers_failsWithoutOptIn() {
        cognito.put(Pools.fullyConfigured(POOL_ID, Pools.FOREIGN));

        assertThatThrownBy(() -> handler.handleRequest(event("Create", properties(POOL_ID, "false"), null), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("replaceExistingTriggers");
    }

    @Test
    void handleRequest_delete_restoresThePreviousTriggers() {
        cognito.put(Pools.fullyConfigured(POOL_ID, Pools.FOREIGN));
        String physicalId = (String) handler.handleRequest(event("Create", properties(POOL_ID, "true"), null), null)
                .get("PhysicalResourceId");

        Map<String, Object> response =
                handler.handleRequest(event("Delete", properties(POOL_ID, "true"), physicalId), null);

        assertThat(response.get("PhysicalResourceId")).isEqualTo(physicalId);
        assertThat(CustomAuthTriggers.of(cognito.pool(POOL_ID).lambdaConfig())).isEqualTo(Pools.FOREIGN);
    }

    @Test
    void handleRequest_deleteOfAFailedCreate_doesNothing() {
        String marker = "AWSCDK::CustomResourceProviderFramework::CREATE_FAILED";

        Map<String, Object> response =
                handler.handleRequest(event("Delete", properties(POOL_ID, "false"), marker), null);

        assertThat(response.get("PhysicalResourceId")).isEqualTo(marker);
        assertThat(cognito.updates).isEmpty();
    }

    @Test
    void handleRequest_updateOnTheSamePool_keepsThePhysicalIdAndItsPreviousTriggers() {
        cognito.put(Pools.fullyConfigured(POOL_ID, Pools.FOREIGN));
        String physicalId = (String) handler.handleRequest(event("Create", properties(POOL_ID, "true"), null), null)
                .get("PhysicalResourceId");
        Map<String, Object> newProperties = properties(POOL_ID, "false");
        newProperties.put(AttachHandler.DEFINE, Pools.ACCOUNT_ARN + "stepwise-define-v2:live");
        Map<String, Object> update = event("Update", newProperties, physicalId);
        update.put("OldResourceProperties", properties(POOL_ID, "true"));

        Map<String, Object> response = handler.handleRequest(update, null);

        assertThat(response.get("PhysicalResourceId")).isEqualTo(physicalId);
        assertThat(cognito.pool(POOL_ID).lambdaConfig().defineAuthChallenge())
                .isEqualTo(Pools.ACCOUNT_ARN + "stepwise-define-v2:live");
    }

    @Test
    void handleRequest_updateToAnotherPool_attachesThereUnderANewPhysicalId() {
        cognito.put(Pools.fullyConfigured(POOL_ID, CustomAuthTriggers.none()));
        cognito.put(Pools.fullyConfigured(OTHER_POOL_ID, CustomAuthTriggers.none()));
        String physicalId = (String) handler.handleRequest(event("Create", properties(POOL_ID, "false"), null), null)
                .get("PhysicalResourceId");
        Map<String, Object> update = event("Update", properties(OTHER_POOL_ID, "false"), physicalId);
        update.put("OldResourceProperties", properties(POOL_ID, "false"));

        Map<String, Object> response = handler.handleRequest(update, null);

        assertThat(AttachmentId.parse((String) response.get("PhysicalResourceId"))
                        .userPoolId())
                .isEqualTo(OTHER_POOL_ID);
        assertThat(CustomAuthTriggers.of(cognito.pool(OTHER_POOL_ID).lambdaConfig()))
                .isEqualTo(Pools.STEPWISE);
    }

    @Test
    void handleRequest_withoutPoolId_failsNamingTheProperty() {
        Map<String, Object> properties = properties(POOL_ID, "false");
        properties.remove(AttachHandler.USER_POOL_ID);

        assertThatThrownBy(() -> handler.handleRequest(event("Create", properties, null), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("UserPoolId");
    }

    @Test
    void handleRequest_createWhosePhysicalIdWouldBeTooLong_failsBeforeWritingThePool() {
        String longName = "f".repeat(64) + ":" + "a".repeat(128);
        cognito.put(Pools.fullyConfigured(
                POOL_ID,
                new CustomAuthTriggers(
                        Pools.ACCOUNT_ARN + longName + "1",
                        Pools.ACCOUNT_ARN + longName + "2",
                        Pools.ACCOUNT_ARN + longName + "3" + "x".repeat(300))));

        assertThatThrownBy(() -> handler.handleRequest(event("Create", properties(POOL_ID, "true"), null), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("too long");
        assertThat(cognito.updates).isEmpty();
    }

    @Test
    void handleRequest_createWithMalformedArn_failsBeforeWritingThePool() {
        cognito.put(Pools.fullyConfigured(POOL_ID, CustomAuthTriggers.none()));
        Map<String, Object> properties = properties(POOL_ID, "false");
        properties.put(AttachHandler.VERIFY, "stepwise-verify");

        assertThatThrownBy(() -> handler.handleRequest(event("Create", properties, null), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Not Lambda function ARNs: [stepwise-verify]");
        assertThat(cognito.updates).isEmpty();
    }

    @Test
    void handleRequest_createOnPoolWithABypassClient_refusesNamingTheFlagAndWritesNothing() {
        cognito.put(Pools.fullyConfigured(POOL_ID, CustomAuthTriggers.none()));
        cognito.putClient(POOL_ID, passwordClient());

        assertThatThrownBy(() -> handler.handleRequest(event("Create", properties(POOL_ID, "false"), null), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("BYPASS client-password-flow [client legacy-web (legacyweb123)]")
                .hasMessageContaining("allowBypassFlows=true");
        assertThat(cognito.updates).isEmpty();
    }

    @Test
    void handleRequest_createOnPoolWithABypassClientAndTheFlag_attachesAndWarnsInTheData() {
        cognito.put(Pools.fullyConfigured(POOL_ID, CustomAuthTriggers.none()));
        cognito.putClient(POOL_ID, passwordClient());
        Map<String, Object> properties = properties(POOL_ID, "false");
        properties.put(AttachHandler.ALLOW_BYPASS, "true");

        Map<String, Object> response = handler.handleRequest(event("Create", properties, null), null);

        assertThat(CustomAuthTriggers.of(cognito.pool(POOL_ID).lambdaConfig())).isEqualTo(Pools.STEPWISE);
        assertThat((String) ((Map<?, ?>) response.get("Data")).get("Audit"))
                .startsWith("WARNING, attached with allowBypassFlows=true: ")
                .contains("BYPASS client-password-flow [client legacy-web (legacyweb123)]");
    }

    @Test
    void handleRequest_createWhileSomeoneElseUpdatesThePool_reportsTheConcurrentChange() {
        cognito.put(Pools.fullyConfigured(POOL_ID, CustomAuthTriggers.none()));
        cognito.afterUpdate = poolId -> cognito.put(cognito.pool(poolId).toBuilder()
                .lambdaConfig(
                        CustomAuthTriggers.none().applyTo(cognito.pool(poolId).lambdaConfig()))
                .build());

        assertThatThrownBy(() -> handler.handleRequest(event("Create", properties(POOL_ID, "false"), null), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("changed while the triggers were being attached");
    }

    @Test
    void handleRequest_deleteAfterOneTriggerWasChanged_restoresTheOtherTwoAndKeepsThatOne() {
        cognito.put(Pools.fullyConfigured(POOL_ID, Pools.FOREIGN));
        String physicalId = (String) handler.handleRequest(event("Create", properties(POOL_ID, "true"), null), null)
                .get("PhysicalResourceId");
        String theirs = Pools.ACCOUNT_ARN + "someone-elses-define";
        cognito.put(cognito.pool(POOL_ID).toBuilder()
                .lambdaConfig(new CustomAuthTriggers(theirs, Pools.STEPWISE.create(), Pools.STEPWISE.verify())
                        .applyTo(cognito.pool(POOL_ID).lambdaConfig()))
                .build());

        handler.handleRequest(event("Delete", properties(POOL_ID, "true"), physicalId), null);

        assertThat(CustomAuthTriggers.of(cognito.pool(POOL_ID).lambdaConfig()))
                .isEqualTo(new CustomAuthTriggers(theirs, Pools.FOREIGN.create(), Pools.FOREIGN.verify()));
    }

    private static UserPoolClientType passwordClient() {
        return UserPoolClientType.builder()
                .clientId("legacyweb123")
                .clientName("legacy-web")
                .explicitAuthFlowsWithStrings("ALLOW_CUSTOM_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")
                .writeAttributes("name")
                .build();
    }

    private static Map<String, Object> properties(String poolId, String replace) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("ServiceToken", "arn:aws:lambda:eu-west-1:111122223333:function:provider");
        properties.put(AttachHandler.USER_POOL_ID, poolId);
        properties.put(AttachHandler.DEFINE, Pools.STEPWISE.define());
        properties.put(AttachHandler.CREATE, Pools.STEPWISE.create());
        properties.put(AttachHandler.VERIFY, Pools.STEPWISE.verify());
        properties.put(AttachHandler.REPLACE_EXISTING, replace);
        return properties;
    }

    private static Map<String, Object> event(String type, Map<String, Object> properties, String physicalId) {
        Map<String, Object> event = new HashMap<>();
        event.put("RequestType", type);
        event.put("ResourceProperties", properties);
        if (physicalId != null) {
            event.put("PhysicalResourceId", physicalId);
        }
        return event;
    }
}
