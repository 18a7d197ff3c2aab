package dev.stepwise.harness.cli;

import dev.stepwise.harness.client.CodeReader;
import dev.stepwise.harness.client.HttpMailbox;
import dev.stepwise.harness.client.NextStep;
import dev.stepwise.harness.client.SignInClient;
import dev.stepwise.harness.client.SignInFlow;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code stepwise signin}: a multi-step sign-in against any user pool (AWS, LocalStack, the emulator), prompting for
 * each step, or reading codes from a LocalStack-style mailbox with {@code --mailbox}.
 */
@Command(
        name = "signin",
        mixinStandardHelpOptions = true,
        description = {
            "Sign in to a Cognito user pool step by step, printing each step in Amplify and Clerk terms.",
            "Prompts for each answer (secrets without echo), or reads codes from a LocalStack-style mailbox"
                    + " (--mailbox). Options default to the environment variables shown; the password comes from"
                    + " STEPWISE_PASSWORD or a prompt without echo."
        })
final class SignInCommand implements Callable<Integer> {

    private static final Pattern POOL_ID = Pattern.compile("[\\w-]+_[0-9a-zA-Z]+");

    @Spec
    CommandSpec spec;

    @Option(
            names = "--endpoint",
            defaultValue = "${env:STEPWISE_ENDPOINT}",
            description = "Cognito endpoint, e.g. http://127.0.0.1:9229 (emulator) or http://localhost:4566"
                    + " (LocalStack); unset = AWS. Env: STEPWISE_ENDPOINT.")
    String endpoint;

    @Option(
            names = "--region",
            defaultValue = "${env:AWS_REGION}",
            description = "AWS region. Default: the pool id's prefix, else us-east-1. Env: AWS_REGION.")
    String region;

    @Option(
            names = "--user-pool-id",
            defaultValue = "${env:STEPWISE_USER_POOL_ID}",
            description =
                    "User pool id, e.g. us-east-1_AbCdEf123 (needed by the SRP flows). Env: STEPWISE_USER_POOL_ID.")
    String userPoolId;

    @Option(
            names = "--client-id",
            defaultValue = "${env:STEPWISE_CLIENT_ID}",
            description = "App client id (required). Env: STEPWISE_CLIENT_ID.")
    String clientId;

    @Option(
            names = "--client-secret",
            defaultValue = "${env:STEPWISE_CLIENT_SECRET}",
            description = "App client secret, if the client has one (prefer the env var: options show in ps)."
                    + " Env: STEPWISE_CLIENT_SECRET.")
    String clientSecret;

    @Option(
            names = "--username",
            defaultValue = "${env:STEPWISE_USERNAME}",
            description = "Username, email or phone to sign in as; prompted when absent. Env: STEPWISE_USERNAME.")
    String username;

    @Option(
            names = "--flow",
            defaultValue = "CUSTOM_WITHOUT_SRP",
            description = "CUSTOM_WITHOUT_SRP, CUSTOM_WITH_SRP (password first, by SRP) or USER_SRP_AUTH."
                    + " Default: ${DEFAULT-VALUE}.")
    SignInFlow flow;

    @Option(
            names = "--mailbox",
            paramLabel = "URL",
            description = "Read codes from this LocalStack-style mailbox (GET /_aws/ses, /_aws/sns/sms-messages)"
                    + " instead of prompting, e.g. the emulator's or LocalStack's base URL.")
    URI mailbox;

    @Option(
            names = "--choose",
            paramLabel = "FACTOR",
            split = ",",
            description = "With --mailbox: the options to pick on a selection step, in order of preference"
                    + " (default: the first offered).")
    List<String> preferredOptions = List.of();

    @Option(
            names = "--code-timeout",
            defaultValue = "15s",
            description = "How long to wait for a code in the mailbox, e.g. 15s, 2m or ISO-8601 PT15S. Default:"
                    + " ${DEFAULT-VALUE}.")
    Duration codeTimeout;

    @Option(
            names = "--no-claims",
            description = "Do not print the ID token's claims at the end (tokens are never printed).")
    boolean noClaims;

    @Option(
            names = "--save-session",
            paramLabel = "FILE",
            description = "Write each challenge's session to FILE (owner-only), to continue later with --resume @FILE"
                    + " within Cognito's session lifetime (3 minutes by default). The file lets its holder answer the"
                    + " challenge: delete it after use.")
    Path saveSession;

    @Option(
            names = "--resume",
            paramLabel = "SESSION|@FILE",
            defaultValue = "${env:STEPWISE_SESSION}",
            description = "Continue a sign-in saved by --save-session (the saved text, or @FILE) instead of starting"
                    + " one; --username and the password are then not needed. Env: STEPWISE_SESSION.")
    String resume;

    Prompter prompter;

    @Override
    public Integer call() {
        if (clientId == null || clientId.isBlank()) {
            throw new ParameterException(
                    spec.commandLine(), "Missing the app client id: pass --client-id or set STEPWISE_CLIENT_ID");
        }
        if (userPoolId != null && !POOL_ID.matcher(userPoolId).matches()) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--user-pool-id '" + userPoolId + "' is not a pool id like us-east-1_AbCdEf123");
        }
        NextStep.Challenge resumed = resume == null || resume.isBlank() ? null : resumed(resume);
        if (resumed == null && flow.needsPassword() && userPoolId == null) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--flow " + flow + " proves the password with SRP, which needs --user-pool-id (or"
                            + " STEPWISE_USER_POOL_ID)");
        }
        URI endpointUri = endpoint == null || endpoint.isBlank() ? null : parseEndpoint(endpoint);
        String effectiveRegion = region != null && !region.isBlank()
                ? region
                : userPoolId != null ? userPoolId.substring(0, userPoolId.indexOf('_')) : "us-east-1";
        Prompter in =
                prompter != null ? prompter : Prompter.system(spec.commandLine().getErr());
        StepPrinter printer = new StepPrinter(spec.commandLine().getOut());
        String user = resumed != null || (username != null && !username.isBlank()) ? username : in.line("username: ");
        String password = resumed == null && flow.needsPassword() ? passwordFromEnvOr(in) : null;

        SignInRun.Answerer prompts = SignInRun.fromPrompts(in, printer);
        SignInRun.Answerer answerer = mailbox == null
                ? prompts
                : SignInRun.fromMailbox(
                        CodeReader.of(HttpMailbox.at(mailbox, effectiveRegion)),
                        codeTimeout,
                        preferredOptions,
                        printer,
                        false,
                        prompts);
        try (SignInClient client = SignInClient.builder()
                .endpoint(endpointUri)
                .region(effectiveRegion)
                .userPoolId(userPoolId)
                .clientId(clientId)
                .clientSecret(clientSecret)
                .build()) {
            NextStep first;
            if (resumed != null) {
                printer.note("resuming a saved session");
                first = resumed;
            } else {
                first = SignInRun.start(client, flow, user, password, printer);
            }
            NextStep outcome = SignInRun.continueFrom(client, first, answerer, printer, !noClaims, this::saveIfAsked);
            if (!(outcome instanceof NextStep.Done)) {
                spec.commandLine().getErr().println("stepwise: " + StepPrinter.describe(outcome));
            }
            return ExitStatus.of(outcome).code;
        }
    }

    private NextStep.Challenge resumed(String value) {
        String text = value;
        if (value.startsWith("@")) {
            try {
                text = Files.readString(Path.of(value.substring(1)), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ParameterException(
                        spec.commandLine(), "--resume: cannot read " + value.substring(1) + ": " + e.getMessage());
            }
        }
        try {
            return SignInClient.resume(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--resume: " + e.getMessage());
        }
    }

    private void saveIfAsked(NextStep.Challenge challenge) {
        if (saveSession == null) {
            return;
        }
        try {
            Files.deleteIfExists(saveSession);
            try {
                Files.createFile(
                        saveSession,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(saveSession);
            }
            Files.writeString(saveSession, challenge.session().save(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException(
                    ExitStatus.USAGE, "cannot write --save-session " + saveSession + ": " + e.getMessage());
        }
    }

    private String passwordFromEnvOr(Prompter in) {
        String fromEnv = System.getenv("STEPWISE_PASSWORD");
        return fromEnv != null && !fromEnv.isEmpty() ? fromEnv : in.secret("password: ");
    }

    private URI parseEndpoint(String value) {
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new URISyntaxException(value, "needs a scheme and a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ParameterException(
                    spec.commandLine(), "--endpoint '" + value + "' is not a URL like http://127.0.0.1:9229");
        }
    }
}
