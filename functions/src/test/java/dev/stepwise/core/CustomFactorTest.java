package dev.stepwise.core;

import static dev.stepwise.core.Fixtures.CLIENT;
import static dev.stepwise.core.Fixtures.EMAIL_ONLY;
import static dev.stepwise.core.Fixtures.KEYS;
import static dev.stepwise.core.Fixtures.NOW;
import static dev.stepwise.core.Fixtures.POOL;
import static dev.stepwise.core.Fixtures.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustomFactorTest {
    private static final Factor WORD = Factor.of("word");
    private static final List<Factor> KNOWN = new ArrayList<>(Factor.builtIns());
    private static final MessageTemplates TEMPLATES = new MessageTemplates("s", "{code}", "{code}");

    static {
        KNOWN.add(WORD);
    }

    private final InMemoryStateStore state = new InMemoryStateStore();
    private final RecordingDelivery email = new RecordingDelivery();
    private final List<String> payloadsChecked = new ArrayList<>();

    /** A factor whose answer is a word stored, hashed, in the state table. */
    private class WordFactor implements FactorHandler {
        @Override
        public String id() {
            return "word";
        }

        @Override
        public String stepName() {
            return "CONFIRM_SIGN_IN_WITH_WORD";
        }

        @Override
        public boolean needsState() {
            return true;
        }

        @Override
        public boolean usable(EnrolmentContext context) {
            return context.state()
                    .get(StateKeys.user(context.userPoolId(), context.userName()), "word", context.now())
                    .isPresent();
        }

        @Override
        public Presentation present(PresentContext context) {
            return Presentation.of(Map.of("hint", context.userNotFound() ? "decoy" : "real"), "cGF5bG9hZA");
        }

        @Override
        public VerifyResult check(CheckContext context) {
            payloadsChecked.add(context.payload());
            String stored = context.state()
                    .get(StateKeys.user(context.userPoolId(), context.userName()), "word", context.now())
                    .map(i -> i.attribute("hash"))
                    .orElse("");
            return context.keys().matches(stored, context.answer()) ? VerifyResult.right() : VerifyResult.wrong("no");
        }
    }

    private CustomAuthFlow flow(String policy) {
        return CustomAuthFlow.builder()
                .policies(PolicySet.parse(
                        new PolicySet.Text("policy", policy),
                        new PolicySet.Text("clients", null),
                        Limits.DEFAULT,
                        false,
                        KNOWN))
                .keys(KEYS)
                .templates(TEMPLATES)
                .deliveries(Map.of(DeliveryMedium.EMAIL, email))
                .sleeper(pause -> {})
                .stateStore(state)
                .factors(List.of(new WordFactor()))
                .build();
    }

    private void enrol(String word) {
        state.put(new StateItem(
                StateKeys.user(POOL, USER),
                "word",
                Map.of("hash", FactorKeys.of(KEYS, "word").hash(word)),
                null));
    }

    private static SignInContext signIn(boolean userNotFound, Round... history) {
        return new SignInContext(POOL, USER, CLIENT, EMAIL_ONLY, List.of(history), userNotFound);
    }

    private static VerifyContext answer(IssuedChallenge challenge, String answer, boolean userNotFound) {
        return new VerifyContext(POOL, USER, CLIENT, challenge.privateParameters(), answer, userNotFound);
    }

    @Test
    void create_registeredFactor_carriesTheContractKeysAndItsOwn() {
        enrol("swordfish");

        IssuedChallenge challenge = flow("word").create(signIn(false), NOW);

        assertThat(challenge.publicParameters())
                .containsEntry("step", "CONFIRM_SIGN_IN_WITH_WORD")
                .containsEntry("factor", "word")
                .containsEntry("status", "needs_first_factor")
                .containsEntry("attemptsRemaining", "3")
                .containsEntry("contractVersion", ChallengeContract.VERSION)
                .containsEntry("hint", "real");
    }

    @Test
    void verify_registeredFactor_wrongThenRightThenDone() {
        enrol("swordfish");
        CustomAuthFlow flow = flow("word");
        IssuedChallenge first = flow.create(signIn(false), NOW);

        assertThat(flow.verify(answer(first, "marlin", false), NOW).correct()).isFalse();
        Round wrong = new Round(Round.CUSTOM_CHALLENGE, false, first.metadata());
        IssuedChallenge second = flow.create(signIn(false, wrong), NOW);
        assertThat(second.publicParameters()).containsEntry("attemptsRemaining", "2");
        assertThat(flow.verify(answer(second, " swordfish ", false), NOW).correct())
                .isTrue();
        Round right = new Round(Round.CUSTOM_CHALLENGE, true, second.metadata());
        assertThat(flow.define(signIn(false, wrong, right), NOW)).isInstanceOf(Decision.IssueTokens.class);
        assertThat(payloadsChecked).containsExactly("cGF5bG9hZA", "cGF5bG9hZA");
    }

    @Test
    void verify_unknownUser_sameShapeAndTheRightAnswerStillFails() {
        enrol("swordfish");
        CustomAuthFlow flow = flow("word");
        IssuedChallenge real = flow.create(signIn(false), NOW);
        IssuedChallenge decoy = flow.create(signIn(true), NOW);

        assertThat(decoy.publicParameters().keySet())
                .isEqualTo(real.publicParameters().keySet());
        assertThat(flow.verify(answer(decoy, "swordfish", true), NOW))
                .isEqualTo(new VerifyResult(false, "user not found"));
    }

    @Test
    void create_realUserNotEnrolled_blankPayloadSoNoAnswerPasses() {
        CustomAuthFlow flow = flow("word");
        IssuedChallenge dead = flow.create(signIn(false), NOW);

        assertThat(dead.publicParameters()).containsEntry("hint", "decoy");
        assertThat(flow.verify(answer(dead, "anything", false), NOW).correct()).isFalse();
        assertThat(payloadsChecked).containsExactly("");
    }

    @Test
    void selection_builtInOrRegistered_choiceOfTheRegisteredFactorPresentsIt() {
        enrol("swordfish");
        CustomAuthFlow flow = flow("email_code|word");
        IssuedChallenge choice = flow.create(signIn(false), NOW);
        assertThat(choice.publicParameters()).containsEntry("options", "email_code,word");

        assertThat(flow.verify(answer(choice, "word", false), NOW).correct()).isTrue();
        Round chosen = new Round(Round.CUSTOM_CHALLENGE, true, choice.metadata());
        IssuedChallenge word = flow.create(signIn(false, chosen), NOW);
        assertThat(word.publicParameters()).containsEntry("factor", "word");
        assertThat(email.messages).isEmpty();
    }

    @Test
    void build_policyUsesUnregisteredFactor_configurationError() {
        assertThatThrownBy(() -> CustomAuthFlow.builder()
                        .policies(PolicySet.parse(
                                new PolicySet.Text("policy", "word"),
                                new PolicySet.Text("clients", null),
                                Limits.DEFAULT,
                                false,
                                KNOWN))
                        .keys(KEYS)
                        .templates(TEMPLATES)
                        .stateStore(state)
                        .build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("uses factor 'word', which no registered factor handles");
    }

    @Test
    void build_statefulFactorWithoutStateTable_configurationError() {
        assertThatThrownBy(() -> CustomAuthFlow.builder()
                        .policies(PolicySet.parse("email_code > totp", null, Limits.DEFAULT))
                        .keys(KEYS)
                        .templates(TEMPLATES)
                        .build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("no state table is configured");
    }

    @Test
    void registry_idTakenOrMalformed_configurationError() {
        FactorRegistry builtIns = FactorRegistry.builtIns(TEMPLATES, FactorSettings.DEFAULT);
        FactorHandler clash = new WordFactor() {
            @Override
            public String id() {
                return "email_code";
            }
        };
        FactorHandler malformed = new WordFactor() {
            @Override
            public String id() {
                return "Word Factor";
            }
        };

        assertThatThrownBy(() -> builtIns.with(List.of(clash)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("\"email_code\", which a built-in factor has");
        assertThatThrownBy(() -> builtIns.with(List.of(new WordFactor(), new WordFactor())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("another registered factor has");
        assertThatThrownBy(() -> builtIns.with(List.of(malformed)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("lower-case letters");
    }

    @Test
    void policy_registeredFactorId_parsesOnlyWhenKnown() {
        assertThat(Policy.parse("p", "email_code > word", Limits.DEFAULT, KNOWN).uses(WORD))
                .isTrue();
        assertThatThrownBy(() -> Policy.parse("p", "email_code > word", Limits.DEFAULT))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unknown factor 'word'");
    }
}
