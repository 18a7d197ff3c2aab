package dev.stepwise.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.harness.client.AccountPool;
import dev.stepwise.harness.junit.StepwiseEmulator;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

@StepwiseEmulator
class AccountCommandsTest {

    private static final String PASSWORD = AccountPool.PASSWORD;
    private static final String NEW_PASSWORD = "N3w-Passw0rd!";
    private static URI endpoint;
    private static AccountPool pool;
    private static CognitoIdentityProviderClient cognito;
    private static String poolId;
    private static String clientId;

    @BeforeAll
    static void start(URI endpoint) {
        AccountCommandsTest.endpoint = endpoint;
        pool = AccountPool.create(endpoint, "cli");
        cognito = pool.cognito();
        poolId = pool.poolId();
        clientId = pool.clientId();
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    private static CliRun run(String command, String input, String... args) {
        CommandLine cli = StepwiseCommand.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        Object target = cli.getSubcommands().get(command).getCommand();
        Prompter prompter = Prompter.of(new StringReader(input), new PrintWriter(err, true));
        if (target instanceof AccountCommands.Base base) {
            base.prompter = prompter;
        } else {
            ((SignInCommand) target).prompter = prompter;
        }
        String[] all = new String[args.length + 1];
        all[0] = command;
        System.arraycopy(args, 0, all, 1, args.length);
        int code = cli.execute(all);
        return new CliRun(code, out.toString(), err.toString());
    }

    @Test
    void signup_withMailbox_signsUpAndConfirms_thenSigninWorks() {
        String endpoint = AccountCommandsTest.endpoint.toString();

        CliRun signedUp = run(
                "signup",
                PASSWORD + "\n",
                "--endpoint",
                endpoint,
                "--client-id",
                clientId,
                "--username",
                "ivy",
                "--attribute",
                "email=ivy@example.com",
                "--mailbox",
                endpoint);
        CliRun signedIn = run(
                "signin",
                PASSWORD + "\n",
                "--endpoint",
                endpoint,
                "--user-pool-id",
                poolId,
                "--client-id",
                clientId,
                "--username",
                "ivy",
                "--flow",
                "USER_SRP_AUTH",
                "--no-claims");

        assertThat(signedUp.exitCode()).as(signedUp.err()).isZero();
        assertThat(signedUp.out()).contains("code sent by EMAIL to i***@e***").contains("signed up and confirmed: ivy");
        assertThat(signedUp.out() + signedUp.err()).doesNotContain(PASSWORD);
        assertThat(signedIn.exitCode()).as(signedIn.err()).isZero();
    }

    @Test
    void signup_wrongTypedCode_exitsOneWithCognitosMessage() {
        CliRun run = run(
                "signup",
                PASSWORD + "\n000000x\n",
                "--endpoint",
                endpoint.toString(),
                "--client-id",
                clientId,
                "--username",
                "jay",
                "--attribute",
                "email=jay@example.com");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("CodeMismatchException: Invalid verification code provided, please try again.");
    }

    @Test
    void resetPassword_withMailbox_setsTheNewPassword() {
        pool.confirmedUser("kim");
        String endpoint = AccountCommandsTest.endpoint.toString();

        CliRun reset = run(
                "reset-password",
                NEW_PASSWORD + "\n",
                "--endpoint",
                endpoint,
                "--client-id",
                clientId,
                "--username",
                "kim",
                "--mailbox",
                endpoint);
        CliRun signedIn = run(
                "signin",
                NEW_PASSWORD + "\n",
                "--endpoint",
                endpoint,
                "--user-pool-id",
                poolId,
                "--client-id",
                clientId,
                "--username",
                "kim",
                "--flow",
                "USER_SRP_AUTH",
                "--no-claims");

        assertThat(reset.exitCode()).as(reset.err()).isZero();
        assertThat(reset.out()).contains("password reset: kim");
        assertThat(signedIn.exitCode()).as(signedIn.err()).isZero();
    }

    @Test
    void signin_temporaryPassword_promptsForTheNewPasswordAndSignsIn() {
        pool.userWithTemporaryPassword("lee");

        CliRun run = run(
                "signin",
                PASSWORD + "\n" + NEW_PASSWORD + "\n",
                "--endpoint",
                endpoint.toString(),
                "--user-pool-id",
                poolId,
                "--client-id",
                clientId,
                "--username",
                "lee",
                "--flow",
                "USER_SRP_AUTH",
                "--no-claims");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED");
        assertThat(run.err()).contains("new password: ");
        assertThat(run.out() + run.err()).doesNotContain(NEW_PASSWORD);
    }
}
