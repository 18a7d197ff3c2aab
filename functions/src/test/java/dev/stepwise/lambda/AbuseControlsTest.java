package dev.stepwise.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepwise.core.CodeMessage;
import dev.stepwise.core.DeliveryException;
import dev.stepwise.core.SignInRefusedException;
import dev.stepwise.core.StateStore;
import dev.stepwise.lambda.aws.DynamoDbLocal;
import dev.stepwise.lambda.aws.DynamoDbStateStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The abuse controls through the three handlers (the real Lambda serialization path), over the in-memory store and over
 * {@link DynamoDbStateStore} on DynamoDB Local: lockout across sign-ins, send cooldown, hourly limit, the SMS cap, the
 * once-per-round send and the bounded sender retry.
 */
class AbuseControlsTest {
    private static final Map<String, String> ALICE = Map.of(
            "email", "alice@example.com",
            "email_verified", "true",
            "phone_number", "+15555550123",
            "phone_number_verified", "true");
    private static DynamoDbLocal dynamo;

    @BeforeAll
    static void start() throws Exception {
        dynamo = DynamoDbLocal.start();
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    static Stream<Arguments> stores() {
        return dynamo.stores("abuse");
    }

    private static HandlerRig triggers(Supplier<StateStore> store, String... settings) {
        Map<String, String> environment = new HashMap<>(Map.of("STEPWISE_POLICY", "email_code"));
        for (int i = 0; i < settings.length; i += 2) {
            environment.put(settings[i], settings[i + 1]);
        }
        return new HandlerRig(environment, null, store.get());
    }

    private static CognitoLoop alice(HandlerRig triggers) {
        return new CognitoLoop(triggers, "alice", "client1", ALICE, false);
    }

    private static CognitoLoop.Result wrong(CognitoLoop loop) {
        return loop.signIn(false, false, challenge -> "000000");
    }

    private static CognitoLoop.Result right(CognitoLoop loop, HandlerRig triggers) {
        return loop.signIn(false, false, challenge -> triggers.lastCode());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void lockout_fiveWrongAnswersAcrossSignIns_refusesNewSignInsWithoutSendingUntilTheWindowPasses(
            String name, Supplier<StateStore> store) {
        HandlerRig triggers = triggers(store);
        CognitoLoop loop = alice(triggers);

        assertThat(wrong(loop).outcome()).isEqualTo("fail");
        triggers.now = triggers.now.plusSeconds(60);
        assertThatThrownBy(() -> wrong(loop))
                .as("the fifth wrong answer, in the second sign-in, locks at once")
                .isInstanceOfSatisfying(SignInRefusedException.class, e -> assertThat(e.reason())
                        .isEqualTo(SignInRefusedException.Reason.LOCKED_OUT))
                .hasMessage("Too many failed sign-in attempts. Try again in 15 minutes.");
        int sent = triggers.messages.size();

        triggers.now = triggers.now.plusSeconds(14 * 60);
        assertThatThrownBy(() -> right(loop, triggers))
                .isInstanceOf(SignInRefusedException.class)
                .hasMessage("Too many failed sign-in attempts. Try again in 1 minute.");
        assertThat(triggers.messages).as("nothing is sent while locked").hasSize(sent);
        assertThat(triggers.logLines.get(triggers.logLines.size() - 1))
                .contains("\"outcome\":\"refused\"")
                .contains("\"reason\":\"LOCKED_OUT\"");

        triggers.now = triggers.now.plusSeconds(61);
        assertThat(right(loop, triggers).outcome()).isEqualTo("tokens");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void lockout_successInBetween_resetsTheCount(String name, Supplier<StateStore> store) {
        HandlerRig triggers = triggers(store);
        CognitoLoop loop = alice(triggers);

        wrong(loop);
        triggers.now = triggers.now.plusSeconds(31);
        assertThat(loop.signIn(false, false, wrongThenRight(triggers)).outcome())
                .isEqualTo("tokens");
        triggers.now = triggers.now.plusSeconds(31);

        assertThat(wrong(loop).outcome())
                .as("4 wrong answers in all, but a success between")
                .isEqualTo("fail");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void lockout_unknownUser_lockedTheSameWayAndNothingSent(String name, Supplier<StateStore> store) {
        HandlerRig triggers = triggers(store);
        CognitoLoop nobody = new CognitoLoop(triggers, "nobody", "client1", Map.of(), true);

        assertThat(wrong(nobody).outcome()).isEqualTo("fail");
        triggers.now = triggers.now.plusSeconds(60);
        assertThatThrownBy(() -> wrong(nobody))
                .isInstanceOf(SignInRefusedException.class)
                .hasMessage("Too many failed sign-in attempts. Try again in 15 minutes.");
        assertThat(triggers.messages).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void cooldown_secondCodeWithin30Seconds_refusedThenAllowed(String name, Supplier<StateStore> store) {
        HandlerRig triggers = triggers(store);
        CognitoLoop loop = alice(triggers);
        assertThat(wrong(loop).outcome()).isEqualTo("fail");

        triggers.now = triggers.now.plusSeconds(25);
        assertThatThrownBy(() -> right(loop, triggers))
                .isInstanceOfSatisfying(SignInRefusedException.class, e -> assertThat(e.reason())
                        .isEqualTo(SignInRefusedException.Reason.SEND_COOLDOWN))
                .hasMessage("A code was sent moments ago. Wait 5 seconds before asking for another.");

        triggers.now = triggers.now.plusSeconds(5);
        assertThat(right(loop, triggers).outcome()).isEqualTo("tokens");
        assertThat(triggers.messages).hasSize(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void cooldown_afterASuccessfulSignIn_clearedSoTheNextSignInGetsItsOwnCode(String name, Supplier<StateStore> store) {
        HandlerRig triggers = triggers(store);
        CognitoLoop loop = alice(triggers);
        assertThat(right(loop, triggers).outcome()).isEqualTo("tokens");
        String first = triggers.lastCode();

        triggers.now = triggers.now.plusSeconds(2);
        assertThat(right(loop, triggers).outcome()).isEqualTo("tokens");

        assertThat(triggers.messages).hasSize(2);
        assertThat(triggers.lastCode()).as("a new sign-in draws a new code").isNotEqualTo(first);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void hourlyLimit_eleventhCodeInAnHour_refusedUntilTheHourEnds(String name, Supplier<StateStore> store) {
        HandlerRig triggers = triggers(store);
        CognitoLoop loop = alice(triggers);
        for (int i = 0; i < 10; i++) {
            assertThat(right(loop, triggers).outcome()).isEqualTo("tokens");
            triggers.now = triggers.now.plusSeconds(31);
        }

        assertThatThrownBy(() -> right(loop, triggers))
                .isInstanceOfSatisfying(SignInRefusedException.class, e -> assertThat(e.reason())
                        .isEqualTo(SignInRefusedException.Reason.SEND_LIMIT))
                .hasMessage("Too many codes were requested. Try again in 55 minutes.");
        assertThat(triggers.messages).hasSize(10);

        triggers.now = triggers.now.plusSeconds(55 * 60);
        assertThat(right(loop, triggers).outcome()).isEqualTo("tokens");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void smsCap_poolWideLimitReached_refusesSmsForEveryone(String name, Supplier<StateStore> store) {
        HandlerRig triggers = triggers(store, "STEPWISE_POLICY", "phone_code", "STEPWISE_SMS_PER_HOUR", "3");
        for (int i = 0; i < 3; i++) {
            CognitoLoop user = new CognitoLoop(triggers, "user" + i, "client1", ALICE, false);
            assertThat(right(user, triggers).outcome()).isEqualTo("tokens");
        }

        CognitoLoop fourth = new CognitoLoop(triggers, "user3", "client1", ALICE, false);
        assertThatThrownBy(() -> right(fourth, triggers))
                .isInstanceOfSatisfying(SignInRefusedException.class, e -> assertThat(e.reason())
                        .isEqualTo(SignInRefusedException.Reason.SMS_CAP))
                .hasMessage("Codes cannot be sent by text message right now. Try again later or choose another way to"
                        + " sign in.");
        CognitoLoop unknown = new CognitoLoop(triggers, "nobody", "client1", Map.of(), true);
        assertThatThrownBy(() -> wrong(unknown))
                .as("an unknown user is counted and refused the same way")
                .isInstanceOf(SignInRefusedException.class);
        assertThat(triggers.messages).hasSize(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void sender_throttledTwiceThenWorks_oneMessageAndTokens(String name, Supplier<StateStore> store) {
        List<CodeMessage> delivered = new ArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        HandlerRig triggers = new HandlerRig(
                Map.of("STEPWISE_POLICY", "email_code"),
                message -> {
                    if (calls.incrementAndGet() <= 2) {
                        throw new DeliveryException(
                                "SES v2 SendEmail failed (TooManyRequestsException, HTTP 429)", true);
                    }
                    delivered.add(message);
                },
                store.get());
        CognitoLoop loop = alice(triggers);

        CognitoLoop.Result result = loop.signIn(false, false, challenge -> code(delivered));

        assertThat(result.outcome()).isEqualTo("tokens");
        assertThat(calls).hasValue(3);
        assertThat(delivered).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void sender_keepsFailing_failsClosedWithAMessageTheUserCanActOnAndMayTryAgainAtOnce(
            String name, Supplier<StateStore> store) {
        AtomicInteger calls = new AtomicInteger();
        List<CodeMessage> delivered = new ArrayList<>();
        HandlerRig triggers = new HandlerRig(
                Map.of("STEPWISE_POLICY", "email_code"),
                message -> {
                    if (calls.incrementAndGet() <= 3) {
                        throw new DeliveryException("SES v2 SendEmail failed (InternalFailure, HTTP 500)", true);
                    }
                    delivered.add(message);
                },
                store.get());
        CognitoLoop loop = alice(triggers);

        assertThatThrownBy(() -> loop.signIn(false, false, challenge -> "000000"))
                .isInstanceOf(DeliveryException.class)
                .hasMessage("We could not send your code just now. Try again in a minute.");
        assertThat(calls).as("three attempts, then no more").hasValue(3);
        assertThat(triggers.logLines.get(triggers.logLines.size() - 1))
                .contains("\"outcome\":\"error\"")
                .contains("InternalFailure, HTTP 500); 3 attempts");

        assertThat(loop.signIn(false, false, challenge -> code(delivered)).outcome())
                .as("the failed send gave back its claim and its cooldown")
                .isEqualTo("tokens");
    }

    private static String code(List<CodeMessage> delivered) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\\b([0-9]{6})\\b")
                .matcher(delivered.get(delivered.size() - 1).body());
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    private static java.util.function.Function<com.fasterxml.jackson.databind.JsonNode, String> wrongThenRight(
            HandlerRig triggers) {
        AtomicInteger answers = new AtomicInteger();
        return challenge -> answers.getAndIncrement() == 0 ? "000000" : triggers.lastCode();
    }
}
