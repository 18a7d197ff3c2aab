package dev.stepwise.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

class ExistingPoolStackTest {

    private static final String POOL_ID = "eu-west-1_AbCdEf123";
    private static final Map<String, Object> POOL_ARN = Map.of(
            "Fn::Join",
            List.of(
                    "",
                    List.of(
                            "arn:",
                            Map.of("Ref", "AWS::Partition"),
                            ":cognito-idp:eu-west-1:",
                            Map.of("Ref", "AWS::AccountId"),
                            ":userpool/" + POOL_ID)));

    private static Synth synth;

    @BeforeAll
    static void synth() {
        synth = Synth.app(Map.of(
                "mode", "existing",
                "userPoolId", POOL_ID,
                "policy", "email_code|phone_code > totp",
                "senderAddress", "no-reply@example.com",
                "sms", "true",
                "replaceExistingTriggers", "true"));
    }

    @Test
    void stack_always_attachesTheLiveAliasesThroughTheCustomResource() {
        Map<String, Map<String, Object>> aliases = synth.template().findResources("AWS::Lambda::Alias");
        Map<String, Object> properties = Synth.properties(synth.template()
                .findResources(ExistingPoolStack.RESOURCE_TYPE)
                .values()
                .iterator()
                .next());

        assertThat(properties)
                .containsEntry("UserPoolId", POOL_ID)
                .containsEntry("ReplaceExistingTriggers", "true")
                .containsKey("ServiceToken");
        assertThat(List.of(
                        properties.get("DefineAuthChallenge"),
                        properties.get("CreateAuthChallenge"),
                        properties.get("VerifyAuthChallengeResponse"),
                        properties.get("PostConfirmation")))
                .extracting(reference -> (Object) ((Map<?, ?>) reference).get("Ref"))
                .containsExactlyInAnyOrderElementsOf(aliases.keySet().stream()
                        .filter(alias -> !alias.startsWith("TriggersTokenGenerationLive"))
                        .toList());
        assertThat(aliases.keySet()).anyMatch(alias -> alias.startsWith("TriggersTokenGenerationLive"));
        assertThat(properties).doesNotContainKeys("PreTokenGeneration", "PreTokenGenerationConfig");
    }

    @Test
    void stack_always_outputsWhetherPostConfirmationWasAttached() {
        assertThat(synth.template().findOutputs(ExistingPoolStack.POST_CONFIRMATION_OUTPUT))
                .hasSize(1)
                .asString()
                .contains("PostConfirmationResult");
    }

    @Test
    void stack_always_createsNoUserPool() {
        synth.template().resourceCountIs("AWS::Cognito::UserPool", 0);
    }

    @Test
    void stack_always_letsOnlyThatPoolInvokeEachAliasWithSourceArnAndAccount() {
        synth.template().resourceCountIs("AWS::Lambda::Permission", 5);
        synth.template()
                .allResourcesProperties(
                        "AWS::Lambda::Permission",
                        Map.of(
                                "Principal",
                                "cognito-idp.amazonaws.com",
                                "SourceArn",
                                POOL_ARN,
                                "SourceAccount",
                                Map.of("Ref", "AWS::AccountId"),
                                "FunctionName",
                                Map.of("Ref", Match.stringLikeRegexp(".*Live.*"))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void stack_always_attachesOnlyAfterThePermissionsExist() {
        Map<String, Object> attachment = synth.template()
                .findResources(ExistingPoolStack.RESOURCE_TYPE)
                .values()
                .iterator()
                .next();

        assertThat((List<Object>) attachment.get("DependsOn"))
                .containsAll(synth.template()
                        .findResources("AWS::Lambda::Permission")
                        .keySet());
    }

    @Test
    void stack_always_letsTheHandlerDescribeAuditAndUpdateOnlyThatPool() {
        List<Synth.Statement> cognito = synth.statements().stream()
                .filter(statement -> statement.actions().stream().anyMatch(action -> action.startsWith("cognito-idp:")))
                .toList();

        assertThat(cognito).hasSize(1);
        assertThat(cognito.get(0).actions())
                .containsExactlyInAnyOrder(
                        "cognito-idp:DescribeUserPool",
                        "cognito-idp:UpdateUserPool",
                        "cognito-idp:ListUserPoolClients",
                        "cognito-idp:DescribeUserPoolClient");
        assertThat(cognito.get(0).body().get("Resource")).isEqualTo(POOL_ARN);
        assertThat(cognito.get(0).policyId()).startsWith("AttachRole");
    }

    @Test
    void stack_always_runsTheAttachHandlerFromItsJar() {
        synth.template()
                .hasResourceProperties(
                        "AWS::Lambda::Function",
                        Map.of("Handler", ExistingPoolStack.ATTACH_HANDLER, "Runtime", "java21", "Timeout", 60));
    }

    @Test
    void stack_withSms_letsCreatePublishSmsButNotToTopics() {
        List<Synth.Statement> publishes = synth.statements().stream()
                .filter(statement -> statement.actions().contains("sns:Publish"))
                .toList();

        assertThat(publishes).hasSize(1);
        assertThat(publishes.get(0).policyId()).contains("Create");
        assertThat(publishes.get(0).body())
                .doesNotContainKey("Resource")
                .containsEntry(
                        "NotResource",
                        Map.of(
                                "Fn::Join",
                                List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"), ":sns:*:*:*"))));
    }

    @Test
    void stack_always_checksItIsDeployedInThePoolsRegion() {
        assertThat(synth.stack().getRegion()).isEqualTo("eu-west-1");
        assertThat(synth.template().toJSON().get("Rules").toString())
                .contains("AWS::Region")
                .contains("eu-west-1");
    }

    @Test
    void stack_always_outputsPoolRegionAndTheAttachTimeAudit() {
        assertThat(synth.template().findOutputs("*").keySet())
                .containsExactlyInAnyOrder("UserPoolId", "Region", "AttachAudit", "AttachPostConfirmation");
        synth.template()
                .hasOutput(
                        "AttachAudit",
                        Map.of(
                                "Value",
                                Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("Attachment.*"), "Audit"))));
    }

    @Test
    void stack_byDefault_refusesPoolsWithBypassFlowsAndWithTheFlagAllowsThem() {
        synth.template().hasResourceProperties(ExistingPoolStack.RESOURCE_TYPE, Map.of("AllowBypassFlows", "false"));
        Synth allowed = Synth.app(Map.of(
                "mode", "existing",
                "userPoolId", "eu-west-1_AbCdEf123",
                "policy", "totp",
                "allowBypassFlows", "true"));
        allowed.template().hasResourceProperties(ExistingPoolStack.RESOURCE_TYPE, Map.of("AllowBypassFlows", "true"));
    }

    @Test
    void stack_always_createsTheStateTable() {
        synth.template().resourceCountIs("AWS::DynamoDB::Table", 1);
    }

    @Test
    void stack_underAwsSolutionsChecks_hasNoUnsuppressedFinding() {
        assertThat(synth.nagErrors()).isEmpty();
        assertThat(synth.nagWarnings()).isEmpty();
    }
}
