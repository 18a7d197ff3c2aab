package dev.stepwise.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.SynthesisMessage;

record Synth(Stack stack, Template template, List<String> nagErrors, List<String> nagWarnings) {

    static Synth app(Map<String, Object> context) {
        App app = App.Builder.create().context(context).build();
        Stack stack = StepwiseApp.build(app);
        Template template = Template.fromStack(stack);
        Annotations annotations = Annotations.fromStack(stack);
        return new Synth(
                stack,
                template,
                describe(annotations.findError("*", Match.stringLikeRegexp("(AwsSolutions|Serverless)-.*"))),
                describe(annotations.findWarning("*", Match.stringLikeRegexp("(AwsSolutions|Serverless)-.*"))));
    }

    private static List<String> describe(List<SynthesisMessage> messages) {
        return messages.stream()
                .map(message -> message.getId() + ": " + message.getEntry().getData())
                .toList();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> resource(String logicalId) {
        return (Map<String, Object>) ((Map<String, Object>) template.toJSON().get("Resources")).get(logicalId);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }

    record Statement(String policyId, List<String> actions, Map<String, Object> body) {}

    @SuppressWarnings("unchecked")
    List<Statement> statements() {
        List<Statement> statements = new ArrayList<>();
        template.findResources("AWS::IAM::Policy").forEach((id, policy) -> {
            Map<String, Object> document =
                    (Map<String, Object>) properties(policy).get("PolicyDocument");
            for (Object entry : (List<Object>) document.get("Statement")) {
                Map<String, Object> statement = (Map<String, Object>) entry;
                Object action = statement.get("Action");
                List<String> actions = action instanceof List<?> list ? (List<String>) list : List.of((String) action);
                statements.add(new Statement(id, actions, statement));
            }
        });
        return statements;
    }

    String onlyLogicalId(String type, Map<String, Object> props) {
        Map<String, Map<String, Object>> found = template.findResources(type, Map.of("Properties", props));
        if (found.size() != 1) {
            throw new AssertionError("Expected one " + type + " with " + props + ", found " + found.keySet());
        }
        return found.keySet().iterator().next();
    }
}
