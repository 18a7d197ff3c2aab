package dev.stepwise.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolCreateAuthChallengeEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.core.CodeMessage;
import dev.stepwise.core.DeliveryException;
import dev.stepwise.core.SignInRefusedException;
import dev.stepwise.lambda.FuzzArbitraries.Fault;
import dev.stepwise.lambda.FuzzEvents.Identity;
import dev.stepwise.lambda.HandlerRig.Invocation;
import dev.stepwise.lambda.HandlerRig.Trigger;
import dev.stepwise.lambda.SignInCases.Case;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

@Tag("slow")
class CreateAuthChallengeFuzzTest {
    private static final GenuineSignIns GENUINE = new GenuineSignIns();
    private static final HandlerRig GUARDED =
            HandlerRig.create(GenuineSignIns.SETTINGS_WITH_ABUSE_CONTROLS, GENUINE.rig.state);
    private static final Pattern SECRET_IN_MESSAGE = Pattern.compile("\\b([0-9]{6,10})\\b|token=([A-Za-z0-9_.-]+)");

    @Property(tries = 12_000)
    void handleRequest_anyEvent_documentedExceptionsOnlyAndNothingSentToUnknownUsers(
            @ForAll("events") Case fuzz,
            @ForAll @IntRange(min = 0, max = 600) int secondsLater,
            @ForAll("faults") Fault fault,
            @ForAll boolean abuseControls) {
        HandlerRig rig = abuseControls ? GUARDED : GENUINE.rig;
        rig.now = GENUINE.end.plusSeconds(secondsLater);
        rig.memory().failing(fault == Fault.STATE_TABLE_DOWN);
        rig.sendFailure = fault == Fault.NONE || fault == Fault.STATE_TABLE_DOWN
                ? null
                : () -> new DeliveryException("SES v2 SendEmail failed (test)", fault == Fault.SENDER_THROTTLED);
        rig.logLines.clear();
        rig.messages.clear();
        Invocation invocation;
        try {
            invocation = rig.invoke(Trigger.CREATE, fuzz.json());
        } finally {
            rig.memory().failing(false);
            rig.sendFailure = null;
        }
        if (invocation.event() == null) {
            Statistics.label("outcome").collect("refused as unreadable");
            Statistics.label("input").collect(fuzz.label());
        }
        Assume.that(invocation.event() != null);
        CognitoUserPoolCreateAuthChallengeEvent event = (CognitoUserPoolCreateAuthChallengeEvent) invocation.event();
        FuzzChecks.assertOneLogLine(invocation);
        List<CodeMessage> sent = new ArrayList<>(rig.messages);
        assertThat(sent).as("messages from one Create").hasSizeLessThanOrEqualTo(1);
        CognitoUserPoolCreateAuthChallengeEvent.Request request = event.getRequest();
        if (!sent.isEmpty()) {
            assertThat(request.getUserNotFound())
                    .as("a message sent for an unknown user")
                    .isFalse();
            Map<String, String> attributes = request.getUserAttributes();
            assertThat(sent.get(0).recipient())
                    .as("recipient is the user's own address")
                    .isIn(attributes.get("email"), attributes.get("phone_number"));
        }
        // With the sender healthy, the one failure left is a decoy's: it fails about as often as the recent real
        // sends did (other tries inject sender faults), with the same text and nothing sent.
        boolean decoyImitatingAFailingSender = invocation.thrown() instanceof DeliveryException
                && DeliveryException.TRY_AGAIN.equals(invocation.thrown().getMessage())
                && sent.isEmpty();
        if (fuzz.createdThere() && !abuseControls && fault == Fault.NONE && !decoyImitatingAFailingSender) {
            assertThat(invocation.thrown())
                    .as("Create for a history at which the genuine sign-in made a challenge")
                    .isNull();
        }
        if (decoyImitatingAFailingSender && fault == Fault.NONE) {
            Statistics.label("decoy imitating a failing sender")
                    .collect(request.getUserNotFound() ? "unknown" : "known");
        }
        String outcome;
        if (invocation.thrown() != null) {
            FuzzChecks.assertDocumented(invocation.thrown());
            if (invocation.thrown() instanceof SignInRefusedException) {
                assertThat(sent).as("a message sent although Create refused").isEmpty();
            }
            outcome = "threw " + invocation.thrown().getClass().getSimpleName();
        } else {
            CognitoUserPoolCreateAuthChallengeEvent.Response response = event.getResponse();
            assertThat(response.getPrivateChallengeParameters()).isNotEmpty();
            assertThat(response.getChallengeMetadata()).isNotBlank();
            if (!sent.isEmpty()) {
                Matcher secret = SECRET_IN_MESSAGE.matcher(sent.get(0).body());
                assertThat(secret.find()).isTrue();
                String code = secret.group(1) != null ? secret.group(1) : secret.group(2);
                assertThat(response.getPublicChallengeParameters().values()).noneMatch(v -> v.contains(code));
            }
            assertThat(defineAsksForACustomChallenge(fuzz.json()))
                    .as("Create made a challenge that Define, on the same history, would not ask for")
                    .isTrue();
            if (abuseControls && !sent.isEmpty()) {
                assertRetrySendsNothingAndTakesTheSameAnswer(rig, fuzz.json(), event, sent.get(0));
            }
            outcome = sent.isEmpty()
                    ? "challenge, nothing sent"
                    : abuseControls ? "challenge, message sent, retry checked" : "challenge, message sent";
        }
        Statistics.label("outcome").collect(outcome);
        Statistics.label("abuse controls").collect(abuseControls ? "on" : "off");
        Statistics.label("input").collect(fuzz.label());
    }

    private static void assertRetrySendsNothingAndTakesTheSameAnswer(
            HandlerRig rig, String json, CognitoUserPoolCreateAuthChallengeEvent first, CodeMessage message) {
        Invocation retry = rig.invoke(Trigger.CREATE, json);
        assertThat(rig.messages).as("messages after a retried Create").hasSize(1);
        assertThat(retry.thrown()).as("a retried Create").isNull();
        Matcher secret = SECRET_IN_MESSAGE.matcher(message.body());
        assertThat(secret.find()).isTrue();
        String answer = secret.group(1) != null ? secret.group(1) : "token=" + secret.group(2);
        CognitoUserPoolCreateAuthChallengeEvent again = (CognitoUserPoolCreateAuthChallengeEvent) retry.event();
        Identity identity = new Identity(
                first.getUserPoolId(), first.getUserName(), first.getRequest().getUserAttributes(), false);
        String client = first.getCallerContext() == null
                ? null
                : first.getCallerContext().getClientId();
        Invocation verify = rig.invoke(
                Trigger.VERIFY,
                FuzzEvents.verify(identity, client, again.getResponse().getPrivateChallengeParameters(), answer)
                        .toString());
        assertThat(LambdaJson.tree(verify.output())
                        .get("response")
                        .get("answerCorrect")
                        .asBoolean())
                .as("the code of the first attempt's message answers the retried Create's challenge")
                .isTrue();
    }

    private static boolean defineAsksForACustomChallenge(String createJson) {
        ObjectNode event = (ObjectNode) LambdaJson.tree(createJson);
        event.put("triggerSource", Trigger.DEFINE.source);
        ((ObjectNode) event.get("request")).remove("challengeName");
        event.remove("response");
        Invocation define = GENUINE.rig.invoke(Trigger.DEFINE, event.toString());
        if (define.output() == null) {
            return false;
        }
        JsonNode response = LambdaJson.tree(define.output()).get("response");
        return response.has("challengeName")
                && response.get("challengeName").asText().equals("CUSTOM_CHALLENGE");
    }

    @Provide
    Arbitrary<Case> events() {
        return SignInCases.events(GENUINE, Trigger.CREATE);
    }

    @Provide
    Arbitrary<Fault> faults() {
        return FuzzArbitraries.faults();
    }
}
