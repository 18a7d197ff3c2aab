package dev.stepwise.attach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepwise.harness.emulator.CognitoEmulator;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CreateUserPoolRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;

class TriggerAttachmentEmulatorTest {

    private static CognitoEmulator emulator;
    private static CognitoIdentityProviderClient cognito;

    @BeforeAll
    static void start() {
        emulator = CognitoEmulator.builder().start();
        cognito = CognitoIdentityProviderClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    static void stop() {
        cognito.close();
        emulator.close();
    }

    @Test
    void attachThenDetach_fullyConfiguredPool_keepsEveryOtherSettingAndRestoresThePool() {
        String poolId = createPool(CustomAuthTriggers.none());
        UserPoolType before = describe(poolId);
        TriggerAttachment attachment = new TriggerAttachment(cognito);

        CustomAuthTriggers previous = attachment.attach(poolId, Pools.STEPWISE, CustomAuthTriggers.none(), false);
        UserPoolType attached = describe(poolId);
        TriggerAttachment.DetachOutcome outcome = attachment.detach(poolId, Pools.STEPWISE, previous);
        UserPoolType detached = describe(poolId);

        assertThat(CustomAuthTriggers.of(attached.lambdaConfig())).isEqualTo(Pools.STEPWISE);
        assertThat(settings(attached, CustomAuthTriggers.none()))
                .isEqualTo(settings(before, CustomAuthTriggers.none()));
        assertThat(outcome).isEqualTo(TriggerAttachment.DetachOutcome.RESTORED);
        assertThat(settings(detached, null)).isEqualTo(settings(before, null));
    }

    @Test
    void createUserPool_fullyConfigured_describesEverySettingTheAttachmentMustKeep() {
        UserPoolType expected = Pools.fullyConfigured("ignored", Pools.FOREIGN);

        UserPoolType described = describe(createPool(Pools.FOREIGN));

        for (String member : UserPoolMerge.UPDATE_MEMBERS) {
            String field = member.equals("PoolName") ? "Name" : member;
            if (member.equals("UserPoolId")
                    || member.equals("KeyConfiguration")
                    || member.equals("IssuerConfiguration")) {
                continue;
            }
            if (member.equals("AdminCreateUserConfig")) {
                assertThat(described.adminCreateUserConfig().toBuilder()
                                .unusedAccountValidityDays(null)
                                .build())
                        .isEqualTo(expected.adminCreateUserConfig().toBuilder()
                                .unusedAccountValidityDays(null)
                                .build());
                continue;
            }
            assertThat(described.getValueForField(field, Object.class))
                    .as(field)
                    .isEqualTo(expected.getValueForField(field, Object.class));
        }
    }

    @Test
    void handler_createAndDeleteOverPoolWithOtherTriggers_replacesThenRestoresThem() {
        String poolId = createPool(Pools.FOREIGN);
        UserPoolType before = describe(poolId);
        AttachHandler handler = new AttachHandler(new TriggerAttachment(cognito));
        Map<String, Object> properties = new HashMap<>();
        properties.put(AttachHandler.USER_POOL_ID, poolId);
        properties.put(AttachHandler.DEFINE, Pools.STEPWISE.define());
        properties.put(AttachHandler.CREATE, Pools.STEPWISE.create());
        properties.put(AttachHandler.VERIFY, Pools.STEPWISE.verify());
        properties.put(AttachHandler.REPLACE_EXISTING, "true");

        String physicalId =
                (String) handler.handleRequest(Map.of("RequestType", "Create", "ResourceProperties", properties), null)
                        .get("PhysicalResourceId");
        UserPoolType attached = describe(poolId);
        handler.handleRequest(
                Map.of("RequestType", "Delete", "ResourceProperties", properties, "PhysicalResourceId", physicalId),
                null);

        assertThat(CustomAuthTriggers.of(attached.lambdaConfig())).isEqualTo(Pools.STEPWISE);
        assertThat(settings(describe(poolId), null)).isEqualTo(settings(before, null));
    }

    @Test
    void attach_poolWithOtherTriggersWithoutOptIn_refusesAndChangesNothing() {
        String poolId = createPool(Pools.FOREIGN);
        UserPoolType before = describe(poolId);

        assertThatThrownBy(() ->
                        new TriggerAttachment(cognito).attach(poolId, Pools.STEPWISE, CustomAuthTriggers.none(), false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("replaceExistingTriggers=true");
        assertThat(describe(poolId)).isEqualTo(before);
    }

    @Test
    void handler_poolWithAnSrpClient_refusesUnlessBypassFlowsAreAllowedThenWarns() {
        String poolId = createPool(CustomAuthTriggers.none());
        cognito.createUserPoolClient(b -> b.userPoolId(poolId)
                .clientName("legacy-web")
                .explicitAuthFlowsWithStrings("ALLOW_CUSTOM_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"));
        UserPoolType before = describe(poolId);
        AttachHandler handler = new AttachHandler(new TriggerAttachment(cognito));
        Map<String, Object> properties = new HashMap<>();
        properties.put(AttachHandler.USER_POOL_ID, poolId);
        properties.put(AttachHandler.DEFINE, Pools.STEPWISE.define());
        properties.put(AttachHandler.CREATE, Pools.STEPWISE.create());
        properties.put(AttachHandler.VERIFY, Pools.STEPWISE.verify());
        properties.put(AttachHandler.POLICY, "password > email_code");

        assertThatThrownBy(() ->
                        handler.handleRequest(Map.of("RequestType", "Create", "ResourceProperties", properties), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("allows ALLOW_USER_SRP_AUTH")
                .hasMessageContaining("-c allowBypassFlows=true");
        assertThat(describe(poolId)).isEqualTo(before);

        properties.put(AttachHandler.ALLOW_BYPASS, "true");
        Map<String, Object> response =
                handler.handleRequest(Map.of("RequestType", "Create", "ResourceProperties", properties), null);

        assertThat(CustomAuthTriggers.of(describe(poolId).lambdaConfig())).isEqualTo(Pools.STEPWISE);
        assertThat((String) ((Map<?, ?>) response.get("Data")).get(AttachHandler.AUDIT))
                .startsWith("WARNING, attached with allowBypassFlows=true")
                .contains("BYPASS client-password-flow [client legacy-web");
    }

    private static final String STEPWISE_POST_CONFIRMATION = Pools.ACCOUNT_ARN + "stepwise-post-confirmation:live";

    private static Map<String, Object> stepwiseProperties(String poolId) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(AttachHandler.USER_POOL_ID, poolId);
        properties.put(AttachHandler.DEFINE, Pools.STEPWISE.define());
        properties.put(AttachHandler.CREATE, Pools.STEPWISE.create());
        properties.put(AttachHandler.VERIFY, Pools.STEPWISE.verify());
        properties.put(AttachHandler.POST_CONFIRMATION, STEPWISE_POST_CONFIRMATION);
        return properties;
    }

    private static Map<String, Object> create(AttachHandler handler, Map<String, Object> properties) {
        return handler.handleRequest(Map.of("RequestType", "Create", "ResourceProperties", properties), null);
    }

    private static void delete(AttachHandler handler, Map<String, Object> properties, Map<String, Object> created) {
        handler.handleRequest(
                Map.of(
                        "RequestType",
                        "Delete",
                        "ResourceProperties",
                        properties,
                        "PhysicalResourceId",
                        created.get("PhysicalResourceId")),
                null);
    }

    private static String postConfirmationOf(String poolId) {
        return describe(poolId).lambdaConfig().postConfirmation();
    }

    @Test
    void handler_poolWithoutPostConfirmation_attachesOursThenRemovesItOnDelete() {
        String poolId = createPool(CustomAuthTriggers.none(), false);
        UserPoolType before = describe(poolId);
        AttachHandler handler = new AttachHandler(new TriggerAttachment(cognito));
        Map<String, Object> properties = stepwiseProperties(poolId);

        Map<String, Object> created = create(handler, properties);
        String attached = postConfirmationOf(poolId);
        delete(handler, properties, created);

        assertThat(attached).isEqualTo(STEPWISE_POST_CONFIRMATION);
        assertThat(((Map<?, ?>) created.get("Data")).get(AttachHandler.POST_CONFIRMATION_RESULT))
                .isEqualTo("attached");
        assertThat(settings(describe(poolId), null)).isEqualTo(settings(before, null));
    }

    @Test
    void handler_poolWithItsOwnPostConfirmation_keepsItAndReportsIt() {
        String poolId = createPool(CustomAuthTriggers.none());
        String own = postConfirmationOf(poolId);
        AttachHandler handler = new AttachHandler(new TriggerAttachment(cognito));
        Map<String, Object> properties = stepwiseProperties(poolId);

        Map<String, Object> created = create(handler, properties);
        delete(handler, properties, created);

        assertThat(own).isEqualTo(Pools.ACCOUNT_ARN + "post-confirmation");
        assertThat(CustomAuthTriggers.of(describe(poolId).lambdaConfig())).isEqualTo(CustomAuthTriggers.none());
        assertThat((String) ((Map<?, ?>) created.get("Data")).get(AttachHandler.POST_CONFIRMATION_RESULT))
                .startsWith("NOT attached")
                .contains("TrustedDevices.revokeAll");
        assertThat(postConfirmationOf(poolId)).isEqualTo(own);
    }

    @Test
    void handler_updateWithANewPostConfirmationArn_replacesOurEarlierOne() {
        String poolId = createPool(CustomAuthTriggers.none(), false);
        AttachHandler handler = new AttachHandler(new TriggerAttachment(cognito));
        Map<String, Object> old = stepwiseProperties(poolId);
        String physicalId =
                (String) handler.handleRequest(Map.of("RequestType", "Create", "ResourceProperties", old), null)
                        .get("PhysicalResourceId");
        Map<String, Object> updated = stepwiseProperties(poolId);
        updated.put(AttachHandler.POST_CONFIRMATION, Pools.ACCOUNT_ARN + "stepwise-post-confirmation:v2");

        Map<String, Object> response = handler.handleRequest(
                Map.of(
                        "RequestType",
                        "Update",
                        "ResourceProperties",
                        updated,
                        "OldResourceProperties",
                        old,
                        "PhysicalResourceId",
                        physicalId),
                null);

        assertThat(postConfirmationOf(poolId)).isEqualTo(Pools.ACCOUNT_ARN + "stepwise-post-confirmation:v2");
        assertThat(((Map<?, ?>) response.get("Data")).get(AttachHandler.POST_CONFIRMATION_RESULT))
                .isEqualTo("attached");
    }

    @Test
    void detachPostConfirmation_someoneElseReplacedIt_leavesTheirs() {
        String poolId = createPool(CustomAuthTriggers.none(), false);
        TriggerAttachment attachment = new TriggerAttachment(cognito);
        attachment.attachPostConfirmation(poolId, STEPWISE_POST_CONFIRMATION, null);
        UserPoolType attached = describe(poolId);
        cognito.updateUserPool(UserPoolMerge.updateRequest(
                attached.toBuilder()
                        .lambdaConfig(attached.lambdaConfig().toBuilder()
                                .postConfirmation(Pools.ACCOUNT_ARN + "team-post-confirmation")
                                .build())
                        .build(),
                CustomAuthTriggers.none()));

        boolean changed = attachment.detachPostConfirmation(poolId, STEPWISE_POST_CONFIRMATION);

        assertThat(changed).isFalse();
        assertThat(postConfirmationOf(poolId)).isEqualTo(Pools.ACCOUNT_ARN + "team-post-confirmation");
    }

    private static String createPool(CustomAuthTriggers customAuth) {
        return createPool(customAuth, true);
    }

    private static String createPool(CustomAuthTriggers customAuth, boolean withOwnPostConfirmation) {
        UserPoolType configured = Pools.fullyConfigured("ignored", customAuth);
        UserPoolType pool = withOwnPostConfirmation
                ? configured
                : configured.toBuilder()
                        .lambdaConfig(configured.lambdaConfig().toBuilder()
                                .postConfirmation(null)
                                .build())
                        .build();
        CreateUserPoolRequest request = CreateUserPoolRequest.builder()
                .poolName(pool.name())
                .policies(pool.policies())
                .deletionProtection(pool.deletionProtectionAsString())
                .lambdaConfig(pool.lambdaConfig())
                .autoVerifiedAttributesWithStrings(pool.autoVerifiedAttributesAsStrings())
                .smsVerificationMessage(pool.smsVerificationMessage())
                .emailVerificationMessage(pool.emailVerificationMessage())
                .emailVerificationSubject(pool.emailVerificationSubject())
                .verificationMessageTemplate(pool.verificationMessageTemplate())
                .smsAuthenticationMessage(pool.smsAuthenticationMessage())
                .userAttributeUpdateSettings(pool.userAttributeUpdateSettings())
                .mfaConfiguration(pool.mfaConfigurationAsString())
                .deviceConfiguration(pool.deviceConfiguration())
                .emailConfiguration(pool.emailConfiguration())
                .smsConfiguration(pool.smsConfiguration())
                .userPoolTags(pool.userPoolTags())
                .adminCreateUserConfig(pool.adminCreateUserConfig().toBuilder()
                        .unusedAccountValidityDays(null)
                        .build())
                .userPoolAddOns(pool.userPoolAddOns())
                .accountRecoverySetting(pool.accountRecoverySetting())
                .userPoolTier(pool.userPoolTierAsString())
                .build();
        return cognito.createUserPool(request).userPool().id();
    }

    private static UserPoolType describe(String poolId) {
        return cognito.describeUserPool(b -> b.userPoolId(poolId)).userPool();
    }

    private static UserPoolType settings(UserPoolType pool, CustomAuthTriggers customAuth) {
        UserPoolType.Builder settings = pool.toBuilder().lastModifiedDate(null);
        if (customAuth != null) {
            settings.lambdaConfig(customAuth.applyTo(pool.lambdaConfig()));
        }
        return settings.build();
    }
}
