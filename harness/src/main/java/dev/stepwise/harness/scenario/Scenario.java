package dev.stepwise.harness.scenario;

import dev.stepwise.harness.client.SignInFlow;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One scripted sign-in with expectations, usually read from a YAML file by {@link ScenarioLoader}.
 *
 * @param name what the scenario shows (the file name when the file has no {@code name})
 * @param source where it was read from, for reports
 * @param policy the triggers' {@code STEPWISE_POLICY}: targets that set up their own triggers use it, targets bound to
 *     a deployed pool run only scenarios whose policy is the deployed one
 * @param environment further trigger environment variables (e.g. {@code STEPWISE_MAX_ATTEMPTS})
 * @param preventUserExistenceErrors the app client's setting (default true, as Cognito's console creates clients)
 * @param user the user to create before the sign-in
 * @param flow how the sign-in starts
 * @param signInUsername the username sent (default: the user's)
 * @param signInPassword the password sent in SRP flows (default: the user's)
 * @param steps the challenges expected, in order, with their answers
 * @param outcome how the sign-in must end
 */
public record Scenario(
        String name,
        String source,
        String policy,
        Map<String, String> environment,
        boolean preventUserExistenceErrors,
        ScenarioUser user,
        SignInFlow flow,
        String signInUsername,
        String signInPassword,
        List<ScenarioStep> steps,
        ExpectedOutcome outcome) {

    /** Validates and copies. */
    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(policy, "policy");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(flow, "flow");
        steps = List.copyOf(steps);
        Objects.requireNonNull(outcome, "outcome");
    }

    /** The username the sign-in sends. */
    public String usernameToSend() {
        return signInUsername != null ? signInUsername : user.username();
    }

    /** The password the sign-in sends (SRP flows). */
    public String passwordToSend() {
        return signInPassword != null ? signInPassword : user.password();
    }

    @Override
    public String toString() {
        return "Scenario[" + name + ", " + source + "]";
    }
}
