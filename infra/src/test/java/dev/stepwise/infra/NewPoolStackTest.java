package dev.stepwise.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

class NewPoolStackTest {

    private static Synth synth;

    @BeforeAll
    static void synth() {
        synth = Synth.app(Map.of(
                "mode", "new",
                "policy", "password > email_code",
                "senderAddress", "no-reply@mail.example.com",
                "authSessionMinutes", "5"));
    }

    @Test
    void stack_always_pointsTheFiveTriggersAtTheLiveAliases() {
        Map<String, Map<String, Object>> aliases = synth.template().findResources("AWS::Lambda::Alias");
        Map<String, Object> pool = Synth.properties(synth.template()
                .findResources("AWS::Cognito::UserPool")
                .values()
                .iterator()
                .next());

        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> lambdaConfig = (Map<String, Map<String, Object>>) pool.get("LambdaConfig");
        assertThat(lambdaConfig)
                .containsOnlyKeys(
                        "DefineAuthChallenge",
                        "CreateAuthChallenge",
                        "VerifyAuthChallengeResponse",
                        "PostConfirmation",
                        "PreTokenGenerationConfig");
        Map<String, Object> tokenGeneration = lambdaConfig.get("PreTokenGenerationConfig");
        assertThat(tokenGeneration).containsEntry("LambdaVersion", "V2_0");
        assertThat(List.of(
                        lambdaConfig.get("DefineAuthChallenge"),
                        lambdaConfig.get("CreateAuthChallenge"),
                        lambdaConfig.get("VerifyAuthChallengeResponse"),
                        lambdaConfig.get("PostConfirmation"),
                        tokenGeneration.get("LambdaArn")))
                .extracting(reference -> (Object) ((Map<?, ?>) reference).get("Ref"))
                .containsExactlyInAnyOrderElementsOf(List.copyOf(aliases.keySet()));
        assertThat(pool).containsEntry("UserPoolTier", "ESSENTIALS");
    }

    @Test
    void stack_always_letsOnlyThisPoolInvokeEachAlias() {
        String poolId = synth.template()
                .findResources("AWS::Cognito::UserPool")
                .keySet()
                .iterator()
                .next();
        synth.template().resourceCountIs("AWS::Lambda::Permission", 5);
        synth.template()
                .allResourcesProperties(
                        "AWS::Lambda::Permission",
                        Map.of(
                                "Principal", "cognito-idp.amazonaws.com",
                                "SourceArn", Map.of("Fn::GetAtt", List.of(poolId, "Arn")),
                                "FunctionName", Map.of("Ref", Match.stringLikeRegexp(".*Live.*"))));
    }

    @Test
    void stack_always_createsAClientForCustomAuthAndRefreshOnlyWithoutUserExistenceErrors() {
        synth.template().resourceCountIs("AWS::Cognito::UserPoolClient", 1);
        synth.template()
                .hasResourceProperties(
                        "AWS::Cognito::UserPoolClient",
                        Map.of(
                                "ExplicitAuthFlows",
                                Match.arrayEquals(List.of("ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")),
                                "PreventUserExistenceErrors",
                                "ENABLED",
                                "AuthSessionValidity",
                                5,
                                "GenerateSecret",
                                false));
    }

    @Test
    void stack_always_disablesOAuthSoNoManagedLoginPageSignsIn() {
        Map<String, Object> client = Synth.properties(synth.template()
                .findResources("AWS::Cognito::UserPoolClient")
                .values()
                .iterator()
                .next());

        assertThat(client.get("AllowedOAuthFlowsUserPoolClient")).isEqualTo(false);
        assertThat(client).doesNotContainKeys("AllowedOAuthFlows", "CallbackURLs", "AllowedOAuthScopes");
    }

    @Test
    void stack_always_keepsEmailAndPhoneOutOfTheClientsWriteAttributes() {
        synth.template()
                .hasResourceProperties(
                        "AWS::Cognito::UserPoolClient",
                        Map.of("WriteAttributes", Match.arrayEquals(List.of("locale", "name", "zoneinfo"))));
    }

    @Test
    void stack_always_keepsTheOriginalEmailUntilTheNewOneIsVerifiedAndIgnoresUsernameCase() {
        synth.template()
                .hasResourceProperties(
                        "AWS::Cognito::UserPool",
                        Map.of(
                                "UserAttributeUpdateSettings",
                                Map.of("AttributesRequireVerificationBeforeUpdate", List.of("email")),
                                "UsernameConfiguration",
                                Map.of("CaseSensitive", false)));
    }

    @Test
    void stack_withEmailFactor_leavesRecoveryToAnAdministrator() {
        synth.template()
                .hasResourceProperties(
                        "AWS::Cognito::UserPool",
                        Map.of(
                                "AccountRecoverySetting",
                                Map.of("RecoveryMechanisms", List.of(Map.of("Name", "admin_only", "Priority", 1)))));
    }

    @Test
    void stack_withoutEmailFactor_recoversByEmail() {
        Synth totp = Synth.app(Map.of("mode", "new", "policy", "password > totp"));

        totp.template()
                .hasResourceProperties(
                        "AWS::Cognito::UserPool",
                        Map.of(
                                "AccountRecoverySetting",
                                Map.of(
                                        "RecoveryMechanisms",
                                        List.of(Map.of("Name", "verified_email", "Priority", 1)))));
    }

    @Test
    void stack_always_givesTheMfaSuppressionAReasonNamingTheClientFlowsAndThePolicy() {
        Map<String, Object> pool = synth.template()
                .findResources("AWS::Cognito::UserPool")
                .values()
                .iterator()
                .next();

        assertThat(pool.toString())
                .contains("AwsSolutions-COG2")
                .contains("ALLOW_CUSTOM_AUTH and refresh only")
                .contains("stepwise audit reports any client that does")
                .contains("'password > email_code'")
                .doesNotContain("Multi-factor sign-in is what the Stepwise triggers do");
    }

    @Test
    void stack_withRetainByDefault_protectsThePoolAndTable() {
        synth.template()
                .hasResource(
                        "AWS::Cognito::UserPool",
                        Map.of(
                                "DeletionPolicy",
                                "Retain",
                                "Properties",
                                Match.objectLike(Map.of("DeletionProtection", "ACTIVE"))));
        synth.template()
                .hasResource(
                        "AWS::DynamoDB::Table",
                        Map.of(
                                "DeletionPolicy",
                                "Retain",
                                "Properties",
                                Match.objectLike(Map.of("DeletionProtectionEnabled", true))));
    }

    @Test
    void stack_always_createsAnOnDemandEncryptedStateTableWithTtlAndRecovery() {
        synth.template()
                .hasResourceProperties(
                        "AWS::DynamoDB::Table",
                        Map.of(
                                "BillingMode", "PAY_PER_REQUEST",
                                "KeySchema",
                                        List.of(
                                                Map.of("AttributeName", "pk", "KeyType", "HASH"),
                                                Map.of("AttributeName", "sk", "KeyType", "RANGE")),
                                "TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true),
                                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                                "SSESpecification", Map.of("SSEEnabled", true)));
    }

    @Test
    void stack_always_givesTheFunctionsTheTableNameAndTheSecretArnButNoKeyMaterial() {
        String tableId = synth.template()
                .findResources("AWS::DynamoDB::Table")
                .keySet()
                .iterator()
                .next();
        String secretId = synth.template()
                .findResources("AWS::SecretsManager::Secret")
                .keySet()
                .iterator()
                .next();
        synth.template()
                .allResourcesProperties(
                        "AWS::Lambda::Function",
                        Map.of(
                                "Environment",
                                Map.of(
                                        "Variables",
                                        Match.objectLike(Map.of(
                                                "STEPWISE_POLICY",
                                                "password > email_code",
                                                "STEPWISE_EMAIL_FROM",
                                                "no-reply@mail.example.com",
                                                "STEPWISE_STATE_TABLE",
                                                Map.of("Ref", tableId),
                                                "STEPWISE_SECRET_ARN",
                                                Map.of("Ref", secretId))))));
        synth.template().findResources("AWS::Lambda::Function").values().forEach(function -> assertThat(
                        Synth.properties(function).get("Environment").toString())
                .doesNotContain("STEPWISE_SECRET=")
                .doesNotContain("resolve:secretsmanager"));
    }

    @Test
    void stack_withSender_letsOnlyCreateSendAndOnlyFromTheSender() {
        List<Synth.Statement> sends = synth.statements().stream()
                .filter(statement -> statement.actions().contains("ses:SendEmail"))
                .toList();

        assertThat(sends).hasSize(1);
        assertThat(sends.get(0).policyId()).contains("Create");
        assertThat(sends.get(0).actions()).containsExactly("ses:SendEmail");
        assertThat(sends.get(0).body().get("Condition"))
                .isEqualTo(Map.of("StringEquals", Map.of("ses:FromAddress", "no-reply@mail.example.com")));
        assertThat(sends.get(0).body().get("Resource").toString())
                .contains(":identity/no-reply@mail.example.com")
                .contains(":identity/mail.example.com");
    }

    @Test
    void stack_withSmsOff_grantsNoSnsAndNoWildcardResource() {
        assertThat(synth.statements())
                .allSatisfy(statement -> assertThat(statement.actions()).noneMatch(action -> action.startsWith("sns:")))
                .allSatisfy(statement ->
                        assertThat(statement.body().get("Resource")).isNotEqualTo("*"));
    }

    @Test
    void stack_always_scopesTableAccessToTheStateTable() {
        String tableId = synth.template()
                .findResources("AWS::DynamoDB::Table")
                .keySet()
                .iterator()
                .next();
        List<Synth.Statement> tableStatements = synth.statements().stream()
                .filter(statement -> statement.actions().stream().anyMatch(action -> action.startsWith("dynamodb:")))
                .toList();

        assertThat(tableStatements)
                .extracting(statement -> statement.body().get("Resource"))
                .containsOnly(Map.of("Fn::GetAtt", List.of(tableId, "Arn")));
        assertThat(tableStatements)
                .extracting(Synth.Statement::policyId)
                .anyMatch(id -> id.contains("Define"))
                .anyMatch(id -> id.contains("Create"))
                .anyMatch(id -> id.contains("Verify"));
    }

    @Test
    void stack_always_outputsPoolClientAndRegion() {
        assertThat(synth.template().findOutputs("*").keySet())
                .containsExactlyInAnyOrder("UserPoolId", "UserPoolClientId", "Region");
    }

    @Test
    void stack_underAwsSolutionsChecks_hasNoUnsuppressedFinding() {
        assertThat(synth.nagErrors()).isEmpty();
        assertThat(synth.nagWarnings()).isEmpty();
    }
}
