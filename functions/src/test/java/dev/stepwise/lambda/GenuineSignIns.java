package dev.stepwise.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.core.BackupCodes;
import dev.stepwise.core.Base32;
import dev.stepwise.core.Limits;
import dev.stepwise.core.Policy;
import dev.stepwise.core.PolicySet;
import dev.stepwise.core.StepwiseKeys;
import dev.stepwise.core.Totp;
import dev.stepwise.lambda.FuzzEvents.Identity;
import dev.stepwise.lambda.FuzzEvents.Round;
import dev.stepwise.lambda.HandlerRig.Trigger;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Complete sign-ins run through the real handlers with the test secret, recorded round by round: their sealed
 * {@code challengeMetadata} and private parameters are genuine, and each challenge knows its right answer. The fuzz
 * properties build forged, replayed, reordered and tampered histories from these.
 */
final class GenuineSignIns {
    static final String POOL = "us-east-1_EXAMPLE";
    static final String OTHER_POOL = "eu-west-1_OTHER";
    static final String DEFAULT_POLICY = "email_code";
    static final Map<String, String> CLIENT_POLICIES = orderedMap(
            "email", "email_code",
            "sms", "phone_code",
            "pw", "password > email_code",
            "totp", "email_code > totp",
            "choice", "email_code|phone_code",
            "backup", "email_code > backup_code",
            "mfa", "email_code > totp|backup_code",
            "link", "email_link",
            "pwor", "password|email_code > phone_code");
    static final Map<String, String> SETTINGS = Map.of(
            "STEPWISE_ABUSE_CONTROLS",
            "off",
            "STEPWISE_POLICY",
            DEFAULT_POLICY,
            "STEPWISE_TOTP_SETUP",
            "on",
            "STEPWISE_CLIENT_POLICIES",
            CLIENT_POLICIES.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(";")));
    /** {@link #SETTINGS} with the abuse controls on, at their defaults. */
    static final Map<String, String> SETTINGS_WITH_ABUSE_CONTROLS = with(SETTINGS, "STEPWISE_ABUSE_CONTROLS", "on");

    static final PolicySet POLICIES =
            PolicySet.parse(DEFAULT_POLICY, SETTINGS.get("STEPWISE_CLIENT_POLICIES"), Limits.DEFAULT);

    static final Identity ALICE = new Identity(POOL, "alice", verified("alice@example.com", "+15555550123"), false);
    static final Identity BOB = new Identity(POOL, "bob", verified("bob@example.com", null), false);
    static final Identity MALLORY =
            new Identity(POOL, "mallory", verified("mallory@example.net", "+15555550999"), false);
    static final Identity NOBODY = new Identity(POOL, "nobody", Map.of(), true);
    static final Identity ALICE_ELSEWHERE = new Identity(OTHER_POOL, "alice", ALICE.attributes(), false);
    static final List<Identity> IDENTITIES = List.of(ALICE, BOB, MALLORY, NOBODY, ALICE_ELSEWHERE);

    private static final Pattern CODE = Pattern.compile("\\b([0-9]{4,10})\\b");
    private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_.-]+)");
    private static final Duration BETWEEN_SIGN_INS = Duration.ofSeconds(31);

    /** Whether an answer is right for a challenge at a time, by the factor's own rules, not by the handler's. */
    @FunctionalInterface
    interface Acceptor {
        boolean accepts(String answer, Instant now);
    }

    /**
     * One challenge that Create made.
     *
     * @param kind the factor id, or {@code choice}
     * @param answer the right answer when it was made, or {@code null} when there is none (unknown user)
     */
    record Challenge(
            int signIn,
            Identity identity,
            String client,
            int step,
            String kind,
            String metadata,
            Map<String, String> privateParameters,
            Map<String, String> publicParameters,
            Instant createdAt,
            String answer,
            Acceptor acceptor) {}

    /** A round of a recorded sign-in; {@code challenge} is {@code null} for SRP rounds. */
    record Entry(Round round, Challenge challenge) {}

    /** A recorded sign-in and how it ended ({@code tokens} or {@code fail}). */
    record SignIn(int id, Identity identity, String client, List<Entry> entries, String outcome) {
        List<Round> rounds() {
            return entries.stream().map(Entry::round).toList();
        }
    }

    private enum Answers {
        RIGHT,
        WRONG_ONCE,
        WRONG_TWICE,
        WRONG
    }

    final HandlerRig rig;
    final List<String> answersGiven = new ArrayList<>();
    final List<String> generatedBackupCodes = new ArrayList<>();
    final List<SignIn> signIns = new ArrayList<>();
    final List<Challenge> challenges = new ArrayList<>();
    final Map<String, Challenge> byMetadata = new HashMap<>();
    final Map<String, List<String>> backupCodes = new HashMap<>();
    final Map<String, byte[]> totpSecrets = new HashMap<>();
    final java.util.Set<String> usedCodes = java.util.concurrent.ConcurrentHashMap.newKeySet();
    final Instant end;
    private final StepwiseKeys keys = StepwiseKeys.fromBase64(HandlerRig.SECRET);

    /** Runs the sign-ins through handlers that log into {@link HandlerRig#logLines} directly. */
    GenuineSignIns() {
        this(HandlerRig.create(SETTINGS));
    }

    /** Runs the sign-ins through {@code rig}, built with {@link #SETTINGS} (abuse controls off: they would refuse). */
    GenuineSignIns(HandlerRig rig) {
        this.rig = rig;
        for (Identity identity : List.of(ALICE, MALLORY)) {
            backupCodes.put(
                    key(identity),
                    new ArrayList<>(new BackupCodes(rig.state, keys, new SecureRandom())
                            .generate(identity.pool(), identity.user(), 10, rig.now)));
            generatedBackupCodes.addAll(backupCodes.get(key(identity)));
        }
        run(ALICE, "email", false, true, Answers.RIGHT, null);
        run(ALICE, "email", false, true, Answers.WRONG_TWICE, null);
        run(ALICE, "email", false, true, Answers.WRONG, null);
        run(ALICE, "sms", false, true, Answers.RIGHT, null);
        run(ALICE, "sms", false, true, Answers.WRONG_ONCE, null);
        run(ALICE, "pw", true, true, Answers.RIGHT, null);
        run(ALICE, "pw", true, true, Answers.WRONG_ONCE, null);
        run(ALICE, "pw", true, false, Answers.RIGHT, null);
        run(ALICE, "totp", false, true, Answers.RIGHT, null);
        run(ALICE, "totp", false, true, Answers.RIGHT, null);
        run(ALICE, "totp", false, true, Answers.WRONG_ONCE, null);
        run(ALICE, "choice", false, true, Answers.RIGHT, "email_code");
        run(ALICE, "choice", false, true, Answers.WRONG_ONCE, "phone_code");
        run(ALICE, "choice", false, true, Answers.WRONG, null);
        run(ALICE, "backup", false, true, Answers.RIGHT, null);
        run(ALICE, "mfa", false, true, Answers.RIGHT, "totp");
        run(ALICE, "mfa", false, true, Answers.RIGHT, "backup_code");
        run(ALICE, "link", false, true, Answers.RIGHT, null);
        run(ALICE, "link", false, true, Answers.WRONG_ONCE, null);
        run(ALICE, "link", false, true, Answers.WRONG, null);
        run(ALICE, "pwor", true, true, Answers.RIGHT, null);
        run(ALICE, "pwor", false, true, Answers.WRONG_ONCE, null);
        run(ALICE, "web", false, true, Answers.RIGHT, null);
        run(BOB, "email", false, true, Answers.RIGHT, null);
        run(BOB, "totp", false, true, Answers.WRONG, null);
        run(BOB, "choice", false, true, Answers.RIGHT, null);
        run(BOB, "link", false, true, Answers.RIGHT, null);
        run(MALLORY, "email", false, true, Answers.RIGHT, null);
        run(MALLORY, "backup", false, true, Answers.RIGHT, null);
        run(MALLORY, "pw", true, true, Answers.RIGHT, null);
        run(MALLORY, "choice", false, true, Answers.RIGHT, "phone_code");
        run(NOBODY, "email", false, true, Answers.WRONG, null);
        run(NOBODY, "link", false, true, Answers.WRONG, null);
        run(NOBODY, "pw", true, true, Answers.WRONG, null);
        run(NOBODY, "choice", false, true, Answers.WRONG, null);
        run(ALICE_ELSEWHERE, "email", false, true, Answers.RIGHT, null);
        run(ALICE_ELSEWHERE, "totp", false, true, Answers.RIGHT, null);
        run(ALICE, "email", false, true, Answers.RIGHT, null);
        end = rig.now;
    }

    /** The policy that the handlers apply for {@code client}. */
    static Policy policy(String client) {
        return POLICIES.forClient(client);
    }

    /** Whether Verify already accepted {@code answer} for a code challenge of the same user: a code works once. */
    boolean used(Challenge challenge, String answer) {
        return answer != null && usedCodes.contains(codeKey(challenge, answer));
    }

    private static String codeKey(Challenge challenge, String answer) {
        return key(challenge.identity()) + "|" + answer.strip();
    }

    /** The right answer to {@code challenge} at {@code now}, or {@code null} when it has none. */
    String answerAt(Challenge challenge, Instant now) {
        if (challenge.identity().notFound()) {
            return null;
        }
        return switch (challenge.kind()) {
            case "totp" -> {
                String uri = challenge.publicParameters().get("otpauthUri");
                byte[] secret = uri != null ? secretOf(uri) : totpSecrets.get(key(challenge.identity()));
                yield secret == null ? null : Totp.code(secret, now);
            }
            case "backup_code" -> {
                List<String> codes = backupCodes.getOrDefault(key(challenge.identity()), List.of());
                yield codes.isEmpty() ? null : codes.get(0);
            }
            default -> challenge.answer();
        };
    }

    /** Keeps the recorded enrolments in step after Verify accepted {@code answer} for {@code challenge}. */
    void accepted(Challenge challenge, String answer) {
        if (challenge.kind().equals("email_code") || challenge.kind().equals("phone_code")) {
            usedCodes.add(codeKey(challenge, answer));
        }
        if (challenge.kind().equals("backup_code")) {
            backupCodes
                    .getOrDefault(key(challenge.identity()), new ArrayList<>())
                    .removeIf(code -> normalized(code).equals(normalized(answer)));
        }
        String uri = challenge.publicParameters().get("otpauthUri");
        if (challenge.kind().equals("totp") && uri != null) {
            totpSecrets.putIfAbsent(key(challenge.identity()), secretOf(uri));
        }
    }

    private void run(
            Identity identity, String client, boolean srp, boolean passwordRight, Answers answers, String pick) {
        List<Entry> entries = new ArrayList<>();
        if (srp) {
            entries.add(new Entry(new Round("SRP_A", true, null), null));
        }
        int id = signIns.size();
        int wrongGiven = 0;
        String outcome = null;
        String lastCode = null;
        String lastToken = null;
        for (int calls = 0; calls < 20 && outcome == null; calls++) {
            JsonNode decision = call(
                            Trigger.DEFINE, FuzzEvents.signIn(Trigger.DEFINE, identity, client, rounds(entries)))
                    .get("response");
            if (decision.get("issueTokens").asBoolean()) {
                outcome = "tokens";
                continue;
            }
            if (decision.get("failAuthentication").asBoolean()) {
                outcome = "fail";
                continue;
            }
            if (decision.get("challengeName").asText().equals("PASSWORD_VERIFIER")) {
                entries.add(new Entry(new Round("PASSWORD_VERIFIER", passwordRight, null), null));
                continue;
            }
            int sentBefore = rig.messages.size();
            JsonNode created = call(
                            Trigger.CREATE, FuzzEvents.signIn(Trigger.CREATE, identity, client, rounds(entries)))
                    .get("response");
            Map<String, String> publicParameters = strings(created.get("publicChallengeParameters"));
            Map<String, String> privateParameters = strings(created.get("privateChallengeParameters"));
            String metadata = created.get("challengeMetadata").asText();
            String body = rig.messages.size() > sentBefore
                    ? rig.messages.get(rig.messages.size() - 1).body()
                    : null;
            if (body != null) {
                lastCode = find(CODE, body);
                lastToken = find(TOKEN, body);
            }
            Challenge challenge = challenge(
                    id, identity, client, metadata, privateParameters, publicParameters, lastCode, lastToken, pick);
            boolean giveRight =
                    switch (answers) {
                        case RIGHT -> true;
                        case WRONG_ONCE -> wrongGiven >= 1;
                        case WRONG_TWICE -> wrongGiven >= 2;
                        case WRONG -> false;
                    };
            String answer = giveRight && challenge.answer() != null ? challenge.answer() : wrongAnswer(challenge);
            if (!giveRight) {
                wrongGiven++;
            }
            answersGiven.add(answer);
            JsonNode verdict = call(Trigger.VERIFY, FuzzEvents.verify(identity, client, privateParameters, answer))
                    .get("response");
            boolean correct = verdict.get("answerCorrect").asBoolean();
            if (correct) {
                accepted(challenge, answer);
            }
            entries.add(new Entry(new Round("CUSTOM_CHALLENGE", correct, metadata), challenge));
        }
        if (outcome == null) {
            throw new AssertionError("sign-in " + id + " did not end");
        }
        signIns.add(new SignIn(id, identity, client, List.copyOf(entries), outcome));
        rig.now = rig.now.plus(BETWEEN_SIGN_INS);
    }

    private Challenge challenge(
            int id,
            Identity identity,
            String client,
            String metadata,
            Map<String, String> privateParameters,
            Map<String, String> publicParameters,
            String code,
            String token,
            String pick) {
        Instant created = rig.now;
        Instant expiresAt = publicParameters.containsKey("expiresAt")
                ? Instant.parse(publicParameters.get("expiresAt"))
                : created.plus(Limits.DEFAULT.codeTtl());
        int step = "needs_first_factor".equals(publicParameters.get("status")) ? 0 : 1;
        String kind;
        String answer;
        Acceptor acceptor;
        if (publicParameters.containsKey("options")) {
            List<String> options = List.of(publicParameters.get("options").split(","));
            kind = "choice";
            answer = pick != null && options.contains(pick) ? pick : options.get(0);
            acceptor = (given, now) -> given != null && options.contains(given.strip());
        } else {
            kind = publicParameters.get("factor");
            switch (kind) {
                case "email_code", "phone_code" -> {
                    answer = code;
                    acceptor = (given, now) ->
                            code != null && given != null && given.strip().equals(code) && now.isBefore(expiresAt);
                }
                case "email_link" -> {
                    answer = token == null ? null : "https://example.com/sign-in/link?token=" + token;
                    acceptor = (given, now) -> token != null
                            && given != null
                            && linkToken(given.strip()).equals(token)
                            && now.isBefore(expiresAt);
                }
                case "totp" -> {
                    byte[] setupSecret = publicParameters.containsKey("otpauthUri")
                            ? secretOf(publicParameters.get("otpauthUri"))
                            : null;
                    byte[] secret = setupSecret != null ? setupSecret : totpSecrets.get(key(identity));
                    answer = secret == null || identity.notFound() ? null : Totp.code(secret, created);
                    acceptor = (given, now) -> {
                        byte[] current = setupSecret != null ? setupSecret : totpSecrets.get(key(identity));
                        return current != null
                                && given != null
                                && (setupSecret == null || now.isBefore(expiresAt))
                                && Totp.match(current, given.strip(), now).isPresent();
                    };
                }
                case "backup_code" -> {
                    List<String> codes = backupCodes.getOrDefault(key(identity), List.of());
                    Set<String> all =
                            codes.stream().map(GenuineSignIns::normalized).collect(Collectors.toSet());
                    answer = codes.isEmpty() ? null : codes.get(0);
                    acceptor = (given, now) -> given != null && all.contains(normalized(given));
                }
                default -> throw new AssertionError("unexpected factor " + kind);
            }
        }
        if (identity.notFound()) {
            answer = null;
            acceptor = (given, now) -> false;
        }
        Challenge challenge = new Challenge(
                id,
                identity,
                client,
                step,
                kind,
                metadata,
                Map.copyOf(privateParameters),
                Map.copyOf(publicParameters),
                created,
                answer,
                acceptor);
        challenges.add(challenge);
        byMetadata.put(metadata, challenge);
        return challenge;
    }

    private static String wrongAnswer(Challenge challenge) {
        return switch (challenge.kind()) {
            case "choice" -> "carrier_pigeon";
            case "email_link" -> "https://example.com/sign-in/link?token=AAAAAAAAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBB";
            case "backup_code" -> "aaaaa-aaaaa";
            default -> "000000".equals(challenge.answer()) ? "111111" : "000000";
        };
    }

    private JsonNode call(Trigger trigger, JsonNode event) {
        return LambdaJson.tree(rig.call(trigger, event.toString()));
    }

    private static List<Round> rounds(List<Entry> entries) {
        return entries.stream().map(Entry::round).toList();
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        node.fields()
                .forEachRemaining(
                        field -> map.put(field.getKey(), field.getValue().asText()));
        return map;
    }

    static String linkToken(String answer) {
        int query = answer.indexOf("token=");
        return query < 0 ? answer : answer.substring(query + "token=".length()).split("&", 2)[0];
    }

    static String normalized(String backupCode) {
        return backupCode.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
    }

    static byte[] secretOf(String otpauthUri) {
        return Base32.decode(find(Pattern.compile("secret=([A-Z2-7]+)"), otpauthUri));
    }

    static String key(Identity identity) {
        return identity.pool() + "|" + identity.user();
    }

    private static String find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static Map<String, String> verified(String email, String phone) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("sub", "8f1b2c3d-0000-4000-8000-00000000000" + (email.length() % 10));
        attributes.put("email", email);
        attributes.put("email_verified", "true");
        if (phone != null) {
            attributes.put("phone_number", phone);
            attributes.put("phone_number_verified", "true");
        }
        return Map.copyOf(attributes);
    }

    private static Map<String, String> with(Map<String, String> settings, String key, String value) {
        Map<String, String> copy = new HashMap<>(settings);
        copy.put(key, value);
        return Map.copyOf(copy);
    }

    private static Map<String, String> orderedMap(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
