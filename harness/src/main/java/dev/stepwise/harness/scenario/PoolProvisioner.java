package dev.stepwise.harness.scenario;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PreTokenGenerationLambdaVersionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PreventUserExistenceErrorTypes;

/** Creates a scenario's pool, app client and user through Cognito's management API (any endpoint). */
final class PoolProvisioner {

    private final CognitoIdentityProviderClient cognito;

    PoolProvisioner(CognitoIdentityProviderClient cognito) {
        this.cognito = cognito;
    }

    /** A pool whose custom-auth triggers are these function ARNs. */
    String pool(String name, String defineArn, String createArn, String verifyArn) {
        return pool(name, defineArn, createArn, verifyArn, null);
    }

    /**
     * A pool whose custom-auth triggers are these function ARNs and, unless {@code tokenGenerationArn} is null, whose
     * pre token generation (event version 2) is that function, as the CDK app deploys it.
     */
    String pool(String name, String defineArn, String createArn, String verifyArn, String tokenGenerationArn) {
        return cognito.createUserPool(r -> r.poolName(name).lambdaConfig(l -> {
                    l.defineAuthChallenge(defineArn)
                            .createAuthChallenge(createArn)
                            .verifyAuthChallengeResponse(verifyArn);
                    if (tokenGenerationArn != null) {
                        l.preTokenGenerationConfig(c -> c.lambdaArn(tokenGenerationArn)
                                .lambdaVersion(PreTokenGenerationLambdaVersionType.V2_0));
                    }
                }))
                .userPool()
                .id();
    }

    /** A client without a secret that allows custom auth, SRP and refresh. */
    String client(String poolId, boolean preventUserExistenceErrors) {
        return cognito.createUserPoolClient(r -> r.userPoolId(poolId)
                        .clientName("stepwise-scenarios")
                        .explicitAuthFlows(
                                ExplicitAuthFlowsType.ALLOW_CUSTOM_AUTH,
                                ExplicitAuthFlowsType.ALLOW_USER_SRP_AUTH,
                                ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)
                        .preventUserExistenceErrors(
                                preventUserExistenceErrors
                                        ? PreventUserExistenceErrorTypes.ENABLED
                                        : PreventUserExistenceErrorTypes.LEGACY))
                .userPoolClient()
                .clientId();
    }

    /** Creates the scenario's user (confirmed, with a permanent password), unless it must not exist. */
    void user(String poolId, ScenarioUser user) {
        if (!user.exists()) {
            return;
        }
        List<AttributeType> attributes = new ArrayList<>();
        if (user.email() != null) {
            attributes.add(attribute("email", user.email()));
            attributes.add(attribute("email_verified", Boolean.toString(user.emailVerified())));
        }
        if (user.phoneNumber() != null) {
            attributes.add(attribute("phone_number", user.phoneNumber()));
            attributes.add(attribute("phone_number_verified", Boolean.toString(user.phoneNumberVerified())));
        }
        cognito.adminCreateUser(r -> r.userPoolId(poolId)
                .username(user.username())
                .messageAction(MessageActionType.SUPPRESS)
                .userAttributes(attributes));
        cognito.adminSetUserPassword(r -> r.userPoolId(poolId)
                .username(user.username())
                .password(user.password())
                .permanent(true));
        if (!user.enabled()) {
            cognito.adminDisableUser(r -> r.userPoolId(poolId).username(user.username()));
        }
    }

    private static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }
}
