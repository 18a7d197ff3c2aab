package dev.stepwise.attach;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DescribeUserPoolClientRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DescribeUserPoolClientResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DescribeUserPoolRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DescribeUserPoolResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUserPoolClientsRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUserPoolClientsResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UpdateUserPoolRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UpdateUserPoolResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientDescription;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;

final class FullReplaceCognito implements CognitoIdentityProviderClient {

    private final Map<String, UserPoolType> pools = new HashMap<>();
    private final Map<String, List<UserPoolClientType>> clients = new HashMap<>();
    final List<UpdateUserPoolRequest> updates = new ArrayList<>();
    Consumer<String> afterUpdate = poolId -> {};

    void put(UserPoolType pool) {
        pools.put(pool.id(), pool);
    }

    void putClient(String poolId, UserPoolClientType client) {
        clients.computeIfAbsent(poolId, id -> new ArrayList<>())
                .add(client.toBuilder().userPoolId(poolId).build());
    }

    @Override
    public ListUserPoolClientsResponse listUserPoolClients(ListUserPoolClientsRequest request) {
        return ListUserPoolClientsResponse.builder()
                .userPoolClients(clients.getOrDefault(request.userPoolId(), List.of()).stream()
                        .map(c -> UserPoolClientDescription.builder()
                                .clientId(c.clientId())
                                .clientName(c.clientName())
                                .userPoolId(c.userPoolId())
                                .build())
                        .toList())
                .build();
    }

    @Override
    public DescribeUserPoolClientResponse describeUserPoolClient(DescribeUserPoolClientRequest request) {
        return DescribeUserPoolClientResponse.builder()
                .userPoolClient(clients.getOrDefault(request.userPoolId(), List.of()).stream()
                        .filter(c -> c.clientId().equals(request.clientId()))
                        .findFirst()
                        .orElseThrow())
                .build();
    }

    UserPoolType pool(String id) {
        return pools.get(id);
    }

    @Override
    public DescribeUserPoolResponse describeUserPool(DescribeUserPoolRequest request) {
        UserPoolType pool = pools.get(request.userPoolId());
        if (pool == null) {
            throw ResourceNotFoundException.builder()
                    .message("User pool " + request.userPoolId() + " does not exist.")
                    .build();
        }
        return DescribeUserPoolResponse.builder().userPool(pool).build();
    }

    @Override
    public UpdateUserPoolResponse updateUserPool(UpdateUserPoolRequest request) {
        UserPoolType old = pools.get(request.userPoolId());
        if (old == null) {
            throw ResourceNotFoundException.builder().message("no pool").build();
        }
        if (request.adminCreateUserConfig() != null
                && request.adminCreateUserConfig().unusedAccountValidityDays() != null
                && request.policies() != null
                && request.policies().passwordPolicy() != null
                && request.policies().passwordPolicy().temporaryPasswordValidityDays() != null) {
            throw new IllegalArgumentException(
                    "Please use TemporaryPasswordValidityDays in PasswordPolicy instead of UnusedAccountValidityDays");
        }
        updates.add(request);
        UserPoolType.Builder replaced = UserPoolType.builder()
                .id(old.id())
                .arn(old.arn())
                .name(request.poolName() == null ? old.name() : request.poolName())
                .policies(request.policies())
                .deletionProtection(request.deletionProtectionAsString())
                .lambdaConfig(request.lambdaConfig())
                .smsVerificationMessage(request.smsVerificationMessage())
                .emailVerificationMessage(request.emailVerificationMessage())
                .emailVerificationSubject(request.emailVerificationSubject())
                .verificationMessageTemplate(request.verificationMessageTemplate())
                .smsAuthenticationMessage(request.smsAuthenticationMessage())
                .userAttributeUpdateSettings(request.userAttributeUpdateSettings())
                .mfaConfiguration(request.mfaConfigurationAsString())
                .deviceConfiguration(request.deviceConfiguration())
                .emailConfiguration(request.emailConfiguration())
                .smsConfiguration(request.smsConfiguration())
                .adminCreateUserConfig(request.adminCreateUserConfig())
                .userPoolAddOns(request.userPoolAddOns())
                .accountRecoverySetting(request.accountRecoverySetting())
                .userPoolTier(request.userPoolTierAsString())
                .keyConfiguration(request.keyConfiguration())
                .issuerConfiguration(request.issuerConfiguration());
        if (request.hasAutoVerifiedAttributes()) {
            replaced.autoVerifiedAttributesWithStrings(request.autoVerifiedAttributesAsStrings());
        }
        if (request.hasUserPoolTags()) {
            replaced.userPoolTags(request.userPoolTags());
        }
        pools.put(old.id(), replaced.build());
        afterUpdate.accept(old.id());
        return UpdateUserPoolResponse.builder().build();
    }

    @Override
    public String serviceName() {
        return "cognito-idp";
    }

    @Override
    public void close() {}
}
