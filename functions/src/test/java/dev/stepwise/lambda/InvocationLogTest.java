package dev.stepwise.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.core.CodeMessage;
import dev.stepwise.core.DeliveryException;
import dev.stepwise.core.Factor;
import dev.stepwise.core.StateItem;
import dev.stepwise.lambda.FuzzEvents.Round;
import dev.stepwise.lambda.GenuineSignIns.Challenge;
import dev.stepwise.lambda.GenuineSignIns.SignIn;
import dev.stepwise.lambda.HandlerRig.Trigger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class InvocationLogTest {
    private static final Set<String> TRIGGERS = Set.copyOf(FuzzArbitraries.TRIGGERS);
    private static final Pattern CODE = Pattern.compile("\\b([0-9]{4,10})\\b");
    private static final Pattern LINK = Pattern.compile("(https?://\\S+)");
    private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_.-]+)");
    private static final Pattern TOTP_SECRET = Pattern.compile("secret=([A-Z2-7]+)");
    private static final Pattern LONG_RUN =
            Pattern.compile("(?=[A-Za-z_+/=-]*[0-9])(?=[0-9_+/=-]*[A-Za-z])[A-Za-z0-9_+/=-]{22,}");

    @Test
    void lambdaLogger_completeSignInsWithEveryFactor_oneSafeJsonLinePerInvocation() {
        GenuineSignIns genuine = new GenuineSignIns(HandlerRig.withLambdaLogger(GenuineSignIns.SETTINGS));

        assertThat(genuine.challenges)
                .extracting(Challenge::kind)
                .contains("email_code", "phone_code", "email_link", "totp", "backup_code", "choice");
        assertThat(genuine.signIns).extracting(SignIn::outcome).contains("tokens", "fail");
        assertThat(genuine.rig.logLines).hasSize(genuine.rig.invocations.get());
        assertSafe(genuine, genuine.rig.logLines);
    }

    @Test
    void lambdaLogger_failingSendersStoresAndMalformedEvents_oneSafeJsonLinePerInvocation() {
        GenuineSignIns genuine = new GenuineSignIns(HandlerRig.withLambdaLogger(GenuineSignIns.SETTINGS));
        HandlerRig rig = genuine.rig;
        rig.now = genuine.end;
        rig.logLines.clear();
        int before = rig.invocations.get();
        List<String> failures = new ArrayList<>();
        SignIn email = signIn(genuine, "alice", "email");
        String firstEmailRound = FuzzEvents.signIn(Trigger.CREATE, email.identity(), "email", List.of())
                .toString();

        rig.sendFailure = () -> new DeliveryException(
                "could not send the code by email: SES v2 SendEmail failed (Throttling, HTTP 400)");
        failures.add(thrown(rig.invoke(Trigger.CREATE, firstEmailRound)));
        rig.sendFailure = () -> {
            try {
                Integer.parseInt("alice@example.com " + genuine.answersGiven.get(0));
                return null;
            } catch (NumberFormatException e) {
                return e;
            }
        };
        failures.add(thrown(rig.invoke(Trigger.CREATE, firstEmailRound)));
        rig.sendFailure = () -> new RuntimeException("Invalid parameter: PhoneNumber +15555550123");
        failures.add(thrown(rig.invoke(
                Trigger.CREATE,
                FuzzEvents.signIn(Trigger.CREATE, email.identity(), "sms", List.of())
                        .toString())));
        rig.sendFailure = null;

        rig.memory().failing(true);
        for (SignIn signIn : genuine.signIns) {
            failures.add(thrown(rig.invoke(
                    Trigger.DEFINE,
                    FuzzEvents.signIn(Trigger.DEFINE, signIn.identity(), signIn.client(), signIn.rounds())
                            .toString())));
        }
        for (Challenge challenge : genuine.challenges) {
            failures.add(thrown(rig.invoke(Trigger.VERIFY, verify(challenge, challenge.answer()))));
        }
        rig.memory().failing(false);

        for (Challenge challenge : genuine.challenges) {
            String right = genuine.answerAt(challenge, rig.now);
            rig.invoke(Trigger.VERIFY, verify(challenge, right == null ? "000000" : right + "0"));
            rig.invoke(
                    Trigger.VERIFY,
                    FuzzEvents.verify(GenuineSignIns.MALLORY, challenge.client(), challenge.privateParameters(), right)
                            .toString());
        }
        for (SignIn signIn : genuine.signIns) {
            for (Consumer<ObjectNode> malformation : malformations()) {
                for (Trigger trigger : List.of(Trigger.DEFINE, Trigger.CREATE)) {
                    ObjectNode event = FuzzEvents.signIn(trigger, signIn.identity(), signIn.client(), signIn.rounds());
                    malformation.accept(event);
                    failures.add(thrown(rig.invoke(trigger, event.toString())));
                }
            }
            List<Round> forged = new ArrayList<>(signIn.rounds());
            forged.add(
                    0,
                    new Round(
                            "CUSTOM_CHALLENGE", true, genuine.challenges.get(0).metadata()));
            rig.invoke(
                    Trigger.CREATE,
                    FuzzEvents.signIn(Trigger.CREATE, signIn.identity(), signIn.client(), forged)
                            .toString());
        }
        for (Challenge challenge : genuine.challenges) {
            for (Consumer<ObjectNode> malformation : malformations()) {
                ObjectNode event = (ObjectNode) LambdaJson.tree(verify(challenge, challenge.answer()));
                malformation.accept(event);
                failures.add(thrown(rig.invoke(Trigger.VERIFY, event.toString())));
            }
        }

        assertThat(failures)
                .as("what the client sees: a failed send's fixed text or the one fixed text for every other error")
                .contains("DeliveryException", "SignInFailedException")
                .allMatch(name -> Set.of(
                                "nothing", "DeliveryException", "SignInFailedException", "SignInRefusedException")
                        .contains(name));
        assertThat(String.join("\n", rig.logLines))
                .as("what the log line keeps of them")
                .contains(
                        "NumberFormatException",
                        "RuntimeException",
                        "StateStoreException: state table unreachable",
                        "MalformedEventException: the event has no userName",
                        "java.lang.IllegalStateException\"");
        assertThat(rig.logLines).hasSize(rig.invocations.get() - before);
        assertThat(rig.logLines.stream().map(LambdaJson::tree).map(line -> line.get("outcome")
                        .asText()))
                .contains("error", "wrong", "fail");
        assertSafe(genuine, rig.logLines);
    }

    @Test
    void lambdaLogger_refusalsOfTheAbuseControls_oneSafeJsonLinePerInvocation() {
        HandlerRig rig = HandlerRig.withLambdaLogger(GenuineSignIns.SETTINGS_WITH_ABUSE_CONTROLS);
        List<String> answers = new ArrayList<>();
        List<String> outcomes = new ArrayList<>();
        for (int signIn = 0; signIn < 3; signIn++) {
            outcomes.add(signInAnsweringWrong(rig, GenuineSignIns.ALICE, "email", answers));
            rig.now = rig.now.plusSeconds(31);
        }
        outcomes.add(signInAnsweringWrong(rig, GenuineSignIns.BOB, "email", answers));
        outcomes.add(signInAnsweringWrong(rig, GenuineSignIns.BOB, "email", answers));

        assertThat(outcomes).contains("SignInRefusedException");
        assertThat(rig.logLines).hasSize(rig.invocations.get());
        assertThat(rig.logLines.stream().map(LambdaJson::tree))
                .anySatisfy(line -> assertThat(line.get("outcome").asText()).isEqualTo("refused"))
                .filteredOn(line -> line.get("outcome").asText().equals("refused"))
                .allSatisfy(line -> assertThat(line.get("retryAfterSeconds").isIntegralNumber())
                        .isTrue());
        List<String> secrets = new ArrayList<>(answers);
        secrets.add(HandlerRig.SECRET);
        for (CodeMessage message : rig.messages) {
            secrets.add(message.body());
            secrets.add(message.recipient());
            secrets.add(find(CODE, message.body()));
        }
        assertSafe(secrets, rig.logLines);
    }

    private static String signInAnsweringWrong(
            HandlerRig rig, FuzzEvents.Identity identity, String client, List<String> answers) {
        List<Round> rounds = new ArrayList<>();
        for (int call = 0; call < 10; call++) {
            HandlerRig.Invocation define = rig.invoke(
                    Trigger.DEFINE,
                    FuzzEvents.signIn(Trigger.DEFINE, identity, client, rounds).toString());
            if (define.thrown() != null) {
                return define.thrown().getClass().getSimpleName();
            }
            JsonNode decision = LambdaJson.tree(define.output()).get("response");
            if (!decision.path("challengeName").asText().equals("CUSTOM_CHALLENGE")) {
                return decision.get("failAuthentication").asBoolean() ? "fail" : "tokens";
            }
            HandlerRig.Invocation create = rig.invoke(
                    Trigger.CREATE,
                    FuzzEvents.signIn(Trigger.CREATE, identity, client, rounds).toString());
            if (create.thrown() != null) {
                return create.thrown().getClass().getSimpleName();
            }
            JsonNode created = LambdaJson.tree(create.output()).get("response");
            String answer = "00000" + call;
            answers.add(answer);
            Map<String, String> parameters = Map.of(
                    "challenge",
                    created.get("privateChallengeParameters").get("challenge").asText());
            rig.invoke(
                    Trigger.VERIFY,
                    FuzzEvents.verify(identity, client, parameters, answer).toString());
            rounds.add(new Round(
                    "CUSTOM_CHALLENGE", false, created.get("challengeMetadata").asText()));
        }
        throw new AssertionError("the sign-in did not end");
    }

    private static void assertSafe(GenuineSignIns genuine, List<String> lines) {
        assertSafe(secrets(genuine), lines);
    }

    private static void assertSafe(List<String> secrets, List<String> lines) {
        assertThat(lines).allSatisfy(text -> {
            JsonNode line = LambdaJson.tree(text);
            assertThat(line.isObject()).isTrue();
            assertThat(text).doesNotContain("\n").hasSizeLessThan(1_000);
            for (String field : List.of("trigger", "pool", "client", "round", "outcome", "latencyMs")) {
                assertThat(line.has(field)).as("%s in %s", field, text).isTrue();
            }
            assertThat(line.get("outcome").isTextual()).isTrue();
            assertThat(line.get("latencyMs").isIntegralNumber()).isTrue();
            for (String secret : secrets) {
                assertThat(text).as("a log line quotes a secret").doesNotContain(secret);
            }
            assertThat(text)
                    .doesNotContainPattern("[0-9]{6}")
                    .doesNotContain("eyJ")
                    .doesNotContain("otpauth");
            Matcher run = LONG_RUN.matcher(text);
            while (run.find()) {
                assertThat(TRIGGERS).as("token-like text in %s", text).contains(run.group());
            }
        });
    }

    private static List<String> secrets(GenuineSignIns genuine) {
        byte[] raw = Base64.getDecoder().decode(HandlerRig.SECRET);
        List<String> secrets = new ArrayList<>(List.of(
                HandlerRig.SECRET,
                new String(raw, StandardCharsets.ISO_8859_1),
                Base64.getUrlEncoder().withoutPadding().encodeToString(raw),
                HexFormat.of().formatHex(raw)));
        for (Challenge challenge : genuine.challenges) {
            secrets.add(challenge.metadata());
            secrets.addAll(challenge.privateParameters().values());
            String uri = challenge.publicParameters().get("otpauthUri");
            if (uri != null) {
                secrets.add(uri);
                secrets.add(find(TOTP_SECRET, uri));
            }
        }
        for (String answer : genuine.answersGiven) {
            if (Factor.fromId(answer).isEmpty()) {
                secrets.add(answer);
            }
        }
        for (CodeMessage message : genuine.rig.messages) {
            secrets.add(message.body());
            secrets.add(message.recipient());
            for (Pattern pattern : List.of(CODE, LINK, TOKEN)) {
                Matcher matcher = pattern.matcher(message.body());
                while (matcher.find()) {
                    secrets.add(matcher.group(1));
                }
            }
        }
        for (String code : genuine.generatedBackupCodes) {
            secrets.add(code);
            secrets.add(GenuineSignIns.normalized(code));
        }
        for (StateItem item : genuine.rig.memory().view().values()) {
            item.attributes().entrySet().stream()
                    .filter(a -> a.getKey().equals("hash") || a.getKey().equals("secret"))
                    .map(Map.Entry::getValue)
                    .forEach(secrets::add);
        }
        for (FuzzEvents.Identity identity : GenuineSignIns.IDENTITIES) {
            identity.attributes().entrySet().stream()
                    .filter(a -> a.getKey().equals("email") || a.getKey().equals("phone_number"))
                    .map(Map.Entry::getValue)
                    .forEach(secrets::add);
        }
        assertThat(secrets).hasSizeGreaterThan(200).doesNotContainNull();
        return secrets;
    }

    private static List<Consumer<ObjectNode>> malformations() {
        return List.of(
                event -> event.remove("request"),
                event -> event.remove("triggerSource"),
                event -> event.put("triggerSource", "PreAuthentication_Authentication"),
                event -> event.put("triggerSource", "X".repeat(200_000)),
                event -> event.remove("userName"),
                event -> event.put("userPoolId", ""),
                event -> event.remove("callerContext"),
                event -> ((ObjectNode) event.get("request")).putNull("session"),
                event -> ((ObjectNode) event.get("request")).putArray("session").addNull(),
                event -> ((ObjectNode) event.get("request")).put("session", "[]"),
                event -> ((ObjectNode) event.get("request")).put("challengeName", "PASSWORD_VERIFIER"),
                event -> ((ObjectNode) event.get("request")).putNull("privateChallengeParameters"),
                event -> ((ObjectNode) event.get("request"))
                        .putObject("privateChallengeParameters")
                        .putNull("challenge"),
                event -> ((ObjectNode) event.get("request")).put("userNotFound", true),
                event -> ((ObjectNode) event.get("request")).putObject("userAttributes"),
                event -> ((ObjectNode) event.get("request")).put("challengeAnswer", "9".repeat(100_000)));
    }

    private static String verify(Challenge challenge, String answer) {
        return FuzzEvents.verify(challenge.identity(), challenge.client(), challenge.privateParameters(), answer)
                .toString();
    }

    private static SignIn signIn(GenuineSignIns genuine, String user, String client) {
        return genuine.signIns.stream()
                .filter(s -> s.identity().user().equals(user) && s.client().equals(client))
                .findFirst()
                .orElseThrow();
    }

    private static String thrown(HandlerRig.Invocation invocation) {
        return invocation.thrown() == null
                ? "nothing"
                : invocation.thrown().getClass().getSimpleName();
    }

    private static String find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }
}
