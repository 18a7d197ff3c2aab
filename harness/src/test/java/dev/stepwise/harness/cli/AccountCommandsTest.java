package dev.stepwise.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepwise.harness.emulator.CognitoEmulator;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;

class AccountCommandsTest {

    private static final String PASSWORD = "Passw0rd!";
    private static final String NEW_PASSWORD = "N3w-Passw0rd!";
    private static CognitoEmulator emulator;
    private static CognitoIdentityProviderClient cognito;
    private static String poolId;
    private static String clientId;

    @BeforeAll
    static void start() {
        emulator = CognitoEmulator.builder().functionLog(line -> {}).start();
        cognito = CognitoIdentityProviderClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        poolId = cognito.createUserPool(r -> r.poolName("cli").autoVerifiedAttributes(VerifiedAttributeType.EMAIL))
                .userPool()
                .id();
        clientId = cognito.createUserPoolClient(r -> r.userPoolId(poolId)
                        .clientName("cli")
                        .explicitAuthFlows(
                                ExplicitAuthFlowsType.ALLOW_USER_SRP_AUTH,
                                ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                .userPoolClient()
                .clientId();
    }

    @AfterAll
    static void stop() {
        cognito.close();
        emulator.close();
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
        String endpoint = emulator.endpoint().toString();

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
                emulator.endpoint().toString(),
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
        cognito.adminCreateUser(r -> r.userPoolId(poolId)
                .username("kim")
                .messageAction(MessageActionType.SUPPRESS)
                .userAttributes(a -> a.name("email").value("kim@example.com"), a -> a.name("email_verified")
                        .value("true")));
        cognito.adminSetUserPassword(
                r -> r.userPoolId(poolId).username("kim").password(PASSWORD).permanent(true));
        String endpoint = emulator.endpoint().toString();

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
        cognito.adminCreateUser(r -> r.userPoolId(poolId)
                .username("lee")
                .temporaryPassword(PASSWORD)
                .messageAction(MessageActionType.SUPPRESS)
                .userAttributes(a -> a.name("email").value("lee@example.com")));

        CliRun run = run(
                "signin",
                PASSWORD + "\n" + NEW_PASSWORD + "\n",
                "--endpoint",
                emulator.endpoint().toString(),
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
