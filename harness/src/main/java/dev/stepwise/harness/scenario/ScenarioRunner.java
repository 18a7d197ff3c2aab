package dev.stepwise.harness.scenario;

import dev.stepwise.core.Base32;
import dev.stepwise.core.Totp;
import dev.stepwise.harness.client.CodeDeliveryDetails;
import dev.stepwise.harness.client.CodeReader;
import dev.stepwise.harness.client.DeliveredMessage;
import dev.stepwise.harness.client.NextStep;
import dev.stepwise.harness.client.SignInClient;
import dev.stepwise.harness.client.SignInException;
import dev.stepwise.harness.client.Tokens;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs scenarios on a target: sets up the user, signs in with {@link SignInClient}, checks each challenge against the
 * scenario's expectations, answers it, and checks the outcome. It stops at the first difference, since every later
 * round would differ too. Codes and answers never appear in results.
 *
 * <p>Thread-safe if the target is; run scenarios of one target one at a time, since they share its mailbox.
 */
public final class ScenarioRunner {

    /** Public parameters left out of observations because they change with the clock. */
    static final java.util.Set<String> VOLATILE = java.util.Set.of("expiresAt");

    private static final Pattern LINK = Pattern.compile("https?://[^\\s\"'<>]+");

    private final Duration codeTimeout;
    private final BiConsumer<Scenario, Tokens> signedIn;

    private ScenarioRunner(Duration codeTimeout, BiConsumer<Scenario, Tokens> signedIn) {
        this.codeTimeout = codeTimeout;
        this.signedIn = signedIn;
    }

    /** A runner that waits up to this long for a code or link in the mailbox. */
    public static ScenarioRunner create(Duration codeTimeout) {
        return new ScenarioRunner(Objects.requireNonNull(codeTimeout, "codeTimeout"), (scenario, tokens) -> {});
    }

    /**
     * This runner, also handing the tokens of every sign-in that ends DONE to {@code listener} (e.g. to verify them
     * with another library). Tokens never appear in results.
     */
    public ScenarioRunner onSignedIn(BiConsumer<Scenario, Tokens> listener) {
        return new ScenarioRunner(codeTimeout, Objects.requireNonNull(listener, "listener"));
    }

    /** Runs every scenario on the target, in order. */
    public List<ScenarioResult> runAll(List<Scenario> scenarios, ScenarioTarget target) {
        List<ScenarioResult> results = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            results.add(run(scenario, target));
        }
        return results;
    }

    /** Runs one scenario on the target. */
    public ScenarioResult run(Scenario scenario, ScenarioTarget target) {
        long started = System.nanoTime();
        List<String> differences = new ArrayList<>();
        List<Observation> observations = new ArrayList<>();
        ScenarioEnvironment environment;
        try {
            environment = target.prepare(scenario);
        } catch (ScenarioSkippedException e) {
            return result(
                    scenario, target, ScenarioResult.Status.SKIPPED, List.of(e.getMessage()), observations, started);
        } catch (RuntimeException e) {
            differences.add("setting up the pool and user failed: " + message(e));
            return result(scenario, target, ScenarioResult.Status.FAILED, differences, observations, started);
        }
        try (SignInClient client = SignInClient.builder()
                .endpoint(environment.endpoint())
                .region(environment.region())
                .userPoolId(environment.userPoolId())
                .clientId(environment.clientId())
                .build()) {
            signIn(scenario, environment, client, differences, observations);
        } catch (SignInException
                | UncheckedIOException
                | IllegalArgumentException
                | CodeReader.CodeNotFoundException e) {
            differences.add(message(e));
        }
        return result(
                scenario,
                target,
                differences.isEmpty() ? ScenarioResult.Status.PASSED : ScenarioResult.Status.FAILED,
                differences,
                observations,
                started);
    }

    private void signIn(
            Scenario scenario,
            ScenarioEnvironment environment,
            SignInClient client,
            List<String> differences,
            List<Observation> observations) {
        NextStep next = client.start(
                scenario.flow(),
                scenario.usernameToSend(),
                scenario.flow().needsPassword() ? scenario.passwordToSend() : null);
        List<ScenarioStep> steps = scenario.steps();
        int[] backupCodesUsed = {0};
        for (int i = 0; i < steps.size(); i++) {
            ScenarioStep step = steps.get(i);
            String where = "step " + (i + 1);
            if (!(next instanceof NextStep.Challenge challenge)) {
                observations.add(outcome(next));
                differences.add(where + ": expected a challenge" + describe(step.expect()) + ", but the sign-in ended: "
                        + describe(next));
                return;
            }
            observations.add(challenge(i + 1, challenge));
            where = where + " (" + challenge.stepName() + ")";
            for (Map.Entry<String, String> expected : new TreeMap<>(step.expect()).entrySet()) {
                String actual = actual(challenge, expected.getKey());
                if (!same(expected.getKey(), expected.getValue(), actual)) {
                    differences.add(where + " " + expected.getKey() + ": expected " + expected.getValue() + ", was "
                            + (actual == null ? "absent" : actual));
                }
            }
            if (!differences.isEmpty()) {
                return;
            }
            String answer = answer(step.answer(), challenge, environment, where, differences, backupCodesUsed);
            if (answer == null) {
                return;
            }
            next = client.answer(challenge, answer);
        }
        observations.add(outcome(next));
        ExpectedOutcome expected = scenario.outcome();
        if (expected.done()) {
            if (!(next instanceof NextStep.Done done)) {
                differences.add("outcome: expected DONE, was " + describe(next));
                return;
            }
            if (expected.amr() != null && environment.factorClaims()) {
                for (String token :
                        List.of(done.tokens().idToken(), done.tokens().accessToken())) {
                    String amr = claim(token, "stepwise:amr");
                    if (!expected.amr().equals(amr)) {
                        differences.add("outcome: expected amr \"" + expected.amr() + "\", the "
                                + claim(token, "token_use") + " token carries "
                                + (amr == null ? "none" : "\"" + amr + "\""));
                    }
                }
            }
            signedIn.accept(scenario, done.tokens());
        } else {
            String code = errorCode(next);
            String message = errorMessage(next);
            if (!expected.errorCode().equals(code)
                    || (expected.message() != null && !expected.message().equals(message))) {
                differences.add("outcome: expected " + expected.describe() + ", was " + describe(next));
            }
        }
    }

    private String answer(
            Answer answer,
            NextStep.Challenge challenge,
            ScenarioEnvironment environment,
            String where,
            List<String> differences,
            int[] backupCodesUsed) {
        if (answer instanceof Answer.Literal literal) {
            return literal.value();
        } else if (answer instanceof Answer.Choice choice) {
            if (!challenge.options().contains(choice.option())) {
                differences.add(where + ": cannot choose " + choice.option() + "; options offered: "
                        + (challenge.options().isEmpty() ? "none" : String.join(",", challenge.options())));
                return null;
            }
            return choice.option();
        } else if (answer instanceof Answer.TotpFromSecret totp) {
            return Totp.code(Base32.decode(totp.secret()), Instant.now());
        } else if (answer instanceof Answer.TotpFromSetup) {
            String secret = otpauthSecret(challenge.otpauthUri());
            if (secret == null) {
                differences.add(where + ": totp-from-setup needs a challenge with an otpauthUri holding a secret");
                return null;
            }
            return Totp.code(Base32.decode(secret), Instant.now());
        } else if (answer instanceof Answer.BackupCode) {
            if (backupCodesUsed[0] >= environment.backupCodes().size()) {
                differences.add(where + ": no unused backup code left; give the user more (user.backupCodes)");
                return null;
            }
            return environment.backupCodes().get(backupCodesUsed[0]++);
        }
        if (environment.mailbox() == null) {
            differences.add(where + ": this target has no mailbox to read the code or link from");
            return null;
        }
        if (answer instanceof Answer.LinkFromMailbox) {
            return link(challenge, environment, where, differences);
        }
        String code = CodeReader.of(environment.mailbox()).awaitCode(challenge, codeTimeout);
        if (answer instanceof Answer.WrongCode) {
            char last = code.charAt(code.length() - 1);
            return code.substring(0, code.length() - 1) + (char) ('0' + (last - '0' + 1) % 10);
        }
        return code;
    }

    private String link(
            NextStep.Challenge challenge, ScenarioEnvironment environment, String where, List<String> differences) {
        CodeDeliveryDetails delivery = challenge.delivery();
        long deadline = System.nanoTime() + codeTimeout.toNanos();
        while (true) {
            List<DeliveredMessage> messages = environment.mailbox().messages();
            for (int i = messages.size() - 1; i >= 0; i--) {
                DeliveredMessage m = messages.get(i);
                boolean fits = delivery == null
                        || delivery.destination() == null
                        || (m.destination() != null && maskMatches(delivery.destination(), m.destination()));
                Matcher link = LINK.matcher(m.body() == null ? "" : m.body());
                if (fits && link.find()) {
                    return link.group();
                }
            }
            if (System.nanoTime() > deadline) {
                differences.add(where + ": no link arrived in the mailbox within " + codeTimeout.toMillis() + " ms");
                return null;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                differences.add(where + ": interrupted while waiting for a link");
                return null;
            }
        }
    }

    static String otpauthSecret(String otpauthUri) {
        if (otpauthUri == null) {
            return null;
        }
        Matcher secret = Pattern.compile("[?&]secret=([A-Za-z2-7=]+)").matcher(otpauthUri);
        return secret.find() ? secret.group(1) : null;
    }

    private static boolean maskMatches(String masked, String address) {
        StringBuilder regex = new StringBuilder();
        for (String part : masked.split("\\*+", -1)) {
            if (regex.length() > 0 || masked.startsWith("*")) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE)
                .matcher(address)
                .matches();
    }

    private static String actual(NextStep.Challenge challenge, String key) {
        return switch (key) {
            case "step" -> challenge.stepName();
            case "challengeName" -> challenge.challengeName();
            default -> challenge.parameters().get(key);
        };
    }

    private static boolean same(String key, String expected, String actual) {
        if (actual == null) {
            return false;
        }
        if (key.equals("options")) {
            return expected.replaceAll("\\s+", "").equals(actual.replaceAll("\\s+", ""));
        }
        return expected.equals(actual);
    }

    static Observation challenge(int round, NextStep.Challenge challenge) {
        Map<String, String> values = new TreeMap<>();
        challenge.parameters().forEach((k, v) -> {
            if (!VOLATILE.contains(k)) {
                values.put(k, v);
            }
        });
        values.put("challengeName", challenge.challengeName());
        values.put("step", challenge.stepName());
        return new Observation("challenge " + round, values);
    }

    /* The claims are read, not verified: the tokens come straight from the target over TLS or loopback. */
    private static String claim(String token, String name) {
        try {
            Object value =
                    com.nimbusds.jwt.JWTParser.parse(token).getJWTClaimsSet().getClaim(name);
            return value == null ? null : value.toString();
        } catch (java.text.ParseException e) {
            return "an unreadable token";
        }
    }

    static Observation outcome(NextStep next) {
        Map<String, String> values = new LinkedHashMap<>();
        if (next instanceof NextStep.Challenge challenge) {
            values.put("result", "CHALLENGE " + challenge.stepName());
        } else {
            values.put("result", next instanceof NextStep.Done ? "DONE" : errorCode(next));
            String message = errorMessage(next);
            if (message != null) {
                values.put("message", message);
            }
        }
        return new Observation("outcome", values);
    }

    static String errorCode(NextStep next) {
        if (next instanceof NextStep.Failed failed) {
            return failed.errorCode();
        } else if (next instanceof NextStep.SessionExpired) {
            return "NotAuthorizedException";
        } else if (next instanceof NextStep.UserNotFound) {
            return "UserNotFoundException";
        } else if (next instanceof NextStep.Refused refused) {
            return refused.errorCode();
        } else if (next instanceof NextStep.TriggerError error) {
            return error.errorCode();
        } else if (next instanceof NextStep.Throttled) {
            return "TooManyRequestsException";
        } else if (next instanceof NextStep.ServiceError error) {
            return error.errorCode();
        }
        return null;
    }

    static String errorMessage(NextStep next) {
        if (next instanceof NextStep.Failed failed) {
            return failed.message();
        } else if (next instanceof NextStep.SessionExpired expired) {
            return expired.message();
        } else if (next instanceof NextStep.UserNotFound notFound) {
            return notFound.message();
        } else if (next instanceof NextStep.Refused refused) {
            return refused.message();
        } else if (next instanceof NextStep.TriggerError error) {
            return error.message();
        } else if (next instanceof NextStep.Throttled throttled) {
            return throttled.message();
        } else if (next instanceof NextStep.ServiceError error) {
            return error.message();
        }
        return null;
    }

    private static String describe(NextStep next) {
        if (next instanceof NextStep.Done) {
            return "DONE";
        } else if (next instanceof NextStep.Challenge challenge) {
            return "another challenge, " + challenge.stepName();
        }
        String message = errorMessage(next);
        return "fails with " + errorCode(next) + (message == null ? "" : " \"" + message + "\"");
    }

    private static String describe(Map<String, String> expect) {
        return expect.isEmpty() ? "" : " " + new TreeMap<>(expect);
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static ScenarioResult result(
            Scenario scenario,
            ScenarioTarget target,
            ScenarioResult.Status status,
            List<String> differences,
            List<Observation> observations,
            long started) {
        return new ScenarioResult(
                scenario,
                target.name(),
                status,
                differences,
                observations,
                Duration.ofNanos(System.nanoTime() - started));
    }
}
