package dev.stepwise.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolDefineAuthChallengeEvent;
import dev.stepwise.core.Factor;
import dev.stepwise.core.Policy;
import dev.stepwise.lambda.FuzzArbitraries.Fault;
import dev.stepwise.lambda.GenuineSignIns.Challenge;
import dev.stepwise.lambda.HandlerRig.Invocation;
import dev.stepwise.lambda.HandlerRig.Trigger;
import dev.stepwise.lambda.SignInCases.Case;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

@Tag("slow")
class DefineAuthChallengeFuzzTest {
    private static final GenuineSignIns GENUINE = new GenuineSignIns();
    private static final HandlerRig GUARDED =
            HandlerRig.create(GenuineSignIns.SETTINGS_WITH_ABUSE_CONTROLS, GENUINE.rig.state);

    @Property(tries = 12_000)
    void handleRequest_anyEvent_documentedExceptionsOnlyAndTokensOnlyForTheWholeChain(
            @ForAll("events") Case fuzz,
            @ForAll @IntRange(min = 0, max = 600) int secondsLater,
            @ForAll("faults") Fault fault,
            @ForAll boolean abuseControls) {
        HandlerRig rig = abuseControls ? GUARDED : GENUINE.rig;
        rig.now = GENUINE.end.plusSeconds(secondsLater);
        rig.memory().failing(fault == Fault.STATE_TABLE_DOWN);
        rig.logLines.clear();
        Invocation invocation;
        try {
            invocation = rig.invoke(Trigger.DEFINE, fuzz.json());
        } finally {
            rig.memory().failing(false);
        }
        if (invocation.event() == null) {
            Statistics.label("outcome").collect("refused as unreadable");
            Statistics.label("input").collect(fuzz.label());
        }
        Assume.that(invocation.event() != null);
        CognitoUserPoolDefineAuthChallengeEvent event = (CognitoUserPoolDefineAuthChallengeEvent) invocation.event();
        FuzzChecks.assertOneLogLine(invocation);
        String outcome;
        if (invocation.thrown() != null) {
            FuzzChecks.assertDocumented(invocation.thrown());
            outcome = "threw " + invocation.thrown().getClass().getSimpleName();
        } else {
            CognitoUserPoolDefineAuthChallengeEvent.Response response = event.getResponse();
            int answers = (response.getIssueTokens() ? 1 : 0)
                    + (response.getFailAuthentication() ? 1 : 0)
                    + (response.getChallengeName() != null ? 1 : 0);
            assertThat(answers)
                    .as("exactly one of issueTokens, failAuthentication, challengeName")
                    .isEqualTo(1);
            if (response.getIssueTokens()) {
                assertThat(wholeChainPassed(event))
                        .as("tokens for a history that does not pass every step with genuine rounds: %s", fuzz.json())
                        .isTrue();
            }
            if (fuzz.replays() != null && !abuseControls) {
                assertThat(response.getIssueTokens())
                        .as("a genuine history replayed unchanged keeps its outcome")
                        .isEqualTo(fuzz.replays().outcome().equals("tokens"));
            }
            outcome = response.getIssueTokens()
                    ? "tokens"
                    : response.getFailAuthentication() ? "fail" : response.getChallengeName();
        }
        Statistics.label("outcome").collect(outcome);
        Statistics.label("abuse controls").collect(abuseControls ? "on" : "off");
        Statistics.label("input").collect(fuzz.label());
    }

    /**
     * The oracle, written from the contract rather than from the decider: the user exists, and the history is an
     * optional SRP prelude (only when the policy's first step allows password) followed by custom rounds that all carry
     * genuine metadata made for this pool and user in one sign-in, whose passed rounds pass the policy's steps in order,
     * each with a factor that the step allows, and nothing after the last step.
     */
    private static boolean wholeChainPassed(CognitoUserPoolDefineAuthChallengeEvent event) {
        CognitoUserPoolDefineAuthChallengeEvent.Request request = event.getRequest();
        if (request.getUserNotFound()) {
            return false;
        }
        String clientId = event.getCallerContext() == null
                ? null
                : event.getCallerContext().getClientId();
        Policy policy = GenuineSignIns.policy(clientId);
        List<CognitoUserPoolDefineAuthChallengeEvent.ChallengeResult> session = List.of(request.getSession());
        int step = 0;
        int index = 0;
        if (!session.isEmpty() && "SRP_A".equals(session.get(0).getChallengeName())) {
            if (!policy.startsWithPassword()
                    || !session.get(0).getChallengeResult()
                    || session.size() < 2
                    || !"PASSWORD_VERIFIER".equals(session.get(1).getChallengeName())
                    || !session.get(1).getChallengeResult()) {
                return false;
            }
            step = 1;
            index = 2;
        }
        Integer signIn = null;
        for (; index < session.size(); index++) {
            CognitoUserPoolDefineAuthChallengeEvent.ChallengeResult round = session.get(index);
            Challenge challenge = GENUINE.byMetadata.get(round.getChallengeMetadata());
            if (!"CUSTOM_CHALLENGE".equals(round.getChallengeName())
                    || challenge == null
                    || !challenge.identity().pool().equals(event.getUserPoolId())
                    || !challenge.identity().user().equals(event.getUserName())
                    || signIn != null && signIn != challenge.signIn()
                    || step >= policy.steps().size()) {
                return false;
            }
            signIn = challenge.signIn();
            if (round.getChallengeResult() && !challenge.kind().equals("choice")) {
                Factor factor = Factor.fromId(challenge.kind()).orElseThrow();
                if (challenge.step() != step || !policy.steps().get(step).allows(factor)) {
                    return false;
                }
                step++;
            }
        }
        return step == policy.steps().size();
    }

    @Provide
    Arbitrary<Case> events() {
        return SignInCases.events(GENUINE, Trigger.DEFINE);
    }

    @Provide
    Arbitrary<Fault> faults() {
        return FuzzArbitraries.faults();
    }
}
