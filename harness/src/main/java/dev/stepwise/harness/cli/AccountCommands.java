package dev.stepwise.harness.cli;

import dev.stepwise.harness.client.AccountStep;
import dev.stepwise.harness.client.CodeReader;
import dev.stepwise.harness.client.HttpMailbox;
import dev.stepwise.harness.client.SignInClient;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code stepwise signup} and {@code stepwise reset-password}: the account steps around sign-in against any user pool,
 * with the code read from a LocalStack-style mailbox ({@code --mailbox}) or typed at a prompt. Passwords come from an
 * environment variable or a prompt without echo, never from an option.
 */
final class AccountCommands {

    private AccountCommands() {}

    /** The options both commands share. */
    abstract static class Base implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(
                names = "--endpoint",
                defaultValue = "${env:STEPWISE_ENDPOINT}",
                description = "Cognito endpoint, e.g. http://127.0.0.1:9229 (emulator); unset = AWS."
                        + " Env: STEPWISE_ENDPOINT.")
        URI endpoint;

        @Option(
                names = "--region",
                defaultValue = "${env:AWS_REGION}",
                description = "AWS region; default us-east-1. Env: AWS_REGION.")
        String region;

        @Option(
                names = "--client-id",
                defaultValue = "${env:STEPWISE_CLIENT_ID}",
                description = "App client id (required). Env: STEPWISE_CLIENT_ID.")
        String clientId;

        @Option(
                names = "--client-secret",
                defaultValue = "${env:STEPWISE_CLIENT_SECRET}",
                description = "App client secret, if the client has one. Env: STEPWISE_CLIENT_SECRET.")
        String clientSecret;

        @Option(
                names = "--username",
                defaultValue = "${env:STEPWISE_USERNAME}",
                description = "Username; prompted when absent. Env: STEPWISE_USERNAME.")
        String username;

        @Option(
                names = "--mailbox",
                paramLabel = "URL",
                description = "Read the code from this LocalStack-style mailbox (the emulator's or LocalStack's base"
                        + " URL) instead of prompting.")
        URI mailbox;

        @Option(
                names = "--code-timeout",
                defaultValue = "PT15S",
                description = "How long to wait for a code in the mailbox. Default: ${DEFAULT-VALUE}.")
        Duration codeTimeout;

        Prompter prompter;

        @Override
        public Integer call() {
            if (clientId == null || clientId.isBlank()) {
                throw new ParameterException(
                        spec.commandLine(), "Missing the app client id: pass --client-id or set STEPWISE_CLIENT_ID");
            }
            Prompter in = prompter != null
                    ? prompter
                    : Prompter.system(spec.commandLine().getErr());
            String user = username != null && !username.isBlank() ? username : in.line("username: ");
            String effectiveRegion = region == null || region.isBlank() ? "us-east-1" : region;
            try (SignInClient client = SignInClient.builder()
                    .endpoint(endpoint)
                    .region(effectiveRegion)
                    .clientId(clientId)
                    .clientSecret(clientSecret)
                    .build()) {
                AccountStep outcome = run(client, user, in, effectiveRegion);
                if (outcome instanceof AccountStep.Failed failed) {
                    spec.commandLine().getErr().println("stepwise: " + failed.errorCode() + ": " + failed.message());
                    return status(failed).code;
                }
                return ExitStatus.OK.code;
            }
        }

        abstract AccountStep run(SignInClient client, String user, Prompter in, String region);

        /** The code: from the mailbox when asked (newest message to the step's destination), else typed. */
        String code(AccountStep.CodeSent sent, Prompter in, String region) {
            spec.commandLine()
                    .getOut()
                    .println("code sent"
                            + (sent.delivery() == null
                                    ? ""
                                    : " by " + sent.delivery().deliveryMedium() + " to "
                                            + sent.delivery().destination()));
            if (mailbox == null || sent.delivery() == null) {
                return in.secret("code: ");
            }
            CodeReader reader = CodeReader.of(HttpMailbox.at(mailbox, region));
            Instant deadline = Instant.now().plus(codeTimeout);
            while (true) {
                Optional<String> code = reader.latestCode(sent.delivery(), null);
                if (code.isPresent()) {
                    spec.commandLine().getOut().println("code read from the mailbox (not shown)");
                    return code.get();
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new CliException(
                            ExitStatus.UNREACHABLE,
                            "no code for " + sent.delivery().destination() + " arrived in " + mailbox + " within "
                                    + codeTimeout.toMillis() + " ms");
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CliException(ExitStatus.ABORTED, "interrupted while waiting for a code");
                }
            }
        }

        static String secretFromEnvOr(String variable, Prompter in, String prompt) {
            String fromEnv = System.getenv(variable);
            return fromEnv != null && !fromEnv.isEmpty() ? fromEnv : in.secret(prompt);
        }

        private static ExitStatus status(AccountStep.Failed failed) {
            return switch (failed.errorCode()) {
                case "CodeMismatchException",
                        "ExpiredCodeException",
                        "InvalidPasswordException",
                        "UsernameExistsException",
                        "UserNotFoundException",
                        "NotAuthorizedException" -> ExitStatus.SIGN_IN_FAILED;
                case "LimitExceededException", "TooManyRequestsException" -> ExitStatus.THROTTLED;
                default -> ExitStatus.REJECTED;
            };
        }
    }

    /** {@code stepwise signup}. */
    @Command(
            name = "signup",
            mixinStandardHelpOptions = true,
            description = {
                "Sign a new user up and confirm it with the code Cognito sends (SignUp, ConfirmSignUp).",
                "The password comes from STEPWISE_PASSWORD or a prompt without echo; the code from --mailbox or a"
                        + " prompt."
            })
    static final class SignUp extends Base {

        @Option(
                names = "--attribute",
                paramLabel = "NAME=VALUE",
                description = "A user attribute, e.g. email=ana@example.com (repeatable).")
        List<String> attributes = List.of();

        @Override
        AccountStep run(SignInClient client, String user, Prompter in, String region) {
            Map<String, String> values = new LinkedHashMap<>();
            for (String attribute : attributes) {
                int eq = attribute.indexOf('=');
                if (eq <= 0) {
                    throw new ParameterException(
                            spec.commandLine(), "--attribute '" + attribute + "' is not NAME=VALUE");
                }
                values.put(attribute.substring(0, eq), attribute.substring(eq + 1));
            }
            String password = secretFromEnvOr("STEPWISE_PASSWORD", in, "password: ");
            AccountStep step = client.signUp(user, password, values);
            if (step instanceof AccountStep.CodeSent sent) {
                step = client.confirmSignUp(user, code(sent, in, region));
                if (step instanceof AccountStep.Done) {
                    spec.commandLine().getOut().println("signed up and confirmed: " + user);
                }
            } else if (step instanceof AccountStep.Done done) {
                spec.commandLine()
                        .getOut()
                        .println(
                                done.userConfirmed()
                                        ? "signed up: " + user
                                        : "signed up: " + user + " (no code sent: an admin must confirm the user)");
            }
            return step;
        }
    }

    /** {@code stepwise reset-password}. */
    @Command(
            name = "reset-password",
            mixinStandardHelpOptions = true,
            description = {
                "Reset a password with the code Cognito sends (ForgotPassword, ConfirmForgotPassword).",
                "The new password comes from STEPWISE_NEW_PASSWORD or a prompt without echo; the code from"
                        + " --mailbox or a prompt."
            })
    static final class ResetPassword extends Base {

        @Override
        AccountStep run(SignInClient client, String user, Prompter in, String region) {
            AccountStep step = client.resetPassword(user);
            if (step instanceof AccountStep.CodeSent sent) {
                String code = code(sent, in, region);
                String password = secretFromEnvOr("STEPWISE_NEW_PASSWORD", in, "new password: ");
                step = client.confirmResetPassword(user, code, password);
                if (step instanceof AccountStep.Done) {
                    spec.commandLine().getOut().println("password reset: " + user);
                }
            }
            return step;
        }
    }
}
