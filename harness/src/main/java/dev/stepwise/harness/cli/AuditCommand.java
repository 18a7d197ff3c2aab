package dev.stepwise.harness.cli;

import dev.stepwise.audit.AuditOptions;
import dev.stepwise.audit.AuditReport;
import dev.stepwise.audit.Finding;
import dev.stepwise.audit.PoolAudit;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClientBuilder;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;

/**
 * {@code stepwise audit}: a read-only check of a user pool for every way to get tokens without the custom-auth triggers
 * and for weak settings ({@link PoolAudit}). One line per finding with its severity and fix, or one JSON object with
 * {@code --json}; exit code 10 ({@code ExitStatus.BYPASS}) when a bypass exists.
 */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = {
            "Check a user pool, read-only: every way to get tokens without the custom-auth triggers (password flows,"
                    + " the managed login page) and every weak setting, each with the exact fix.",
            "Calls DescribeUserPool, ListUserPoolClients and DescribeUserPoolClient with the default credentials"
                    + " chain (or the emulator's, with --endpoint)."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:no way around the triggers (lower findings may still be listed)",
            " 2:invalid command line",
            " 4:Cognito rejected the request (unknown pool, missing permission)",
            " 7:cannot reach the endpoint",
            "10:a bypass exists: some client can get tokens without the triggers"
        })
final class AuditCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--endpoint",
            defaultValue = "${env:STEPWISE_ENDPOINT}",
            description =
                    "Cognito endpoint, e.g. http://127.0.0.1:9229 (emulator); unset = AWS. Env: STEPWISE_ENDPOINT.")
    URI endpoint;

    @Option(
            names = "--region",
            defaultValue = "${env:AWS_REGION}",
            description = "AWS region. Default: the pool id's prefix. Env: AWS_REGION.")
    String region;

    @Option(
            names = "--user-pool-id",
            required = true,
            defaultValue = "${env:STEPWISE_USER_POOL_ID}",
            description = "The user pool to check. Env: STEPWISE_USER_POOL_ID.")
    String userPoolId;

    @Option(
            names = "--policy",
            description = "The Stepwise policy the triggers run, e.g. 'password > email_code': tells whether account"
                    + " recovery shares a channel with a factor.")
    String policy;

    @Option(
            names = "--expect-triggers",
            split = ",",
            paramLabel = "ARN",
            description = "The Define, Create and Verify ARNs the pool should run (comma-separated); other ones are"
                    + " reported as foreign.")
    String[] expectedTriggers;

    @Option(names = "--json", description = "Print one JSON object instead of one line per finding.")
    boolean json;

    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() {
        if (!userPoolId.matches("[\\w-]+_[0-9a-zA-Z]+")) {
            throw new CliException(ExitStatus.USAGE, "--user-pool-id " + userPoolId + " is not a pool id");
        }
        String resolvedRegion =
                region != null && !region.isBlank() ? region : userPoolId.substring(0, userPoolId.indexOf('_'));
        AuditOptions options = expectedTriggers == null
                ? new AuditOptions(policy, null, null, null, true)
                : new AuditOptions(policy, expectedTriggers[0], expectedTriggers[1], expectedTriggers[2], true);
        AuditReport report;
        try (CognitoIdentityProviderClient cognito = client(endpoint, resolvedRegion, environment)) {
            report = new PoolAudit(cognito).audit(userPoolId, options);
        } catch (CognitoIdentityProviderException e) {
            throw new CliException(
                    ExitStatus.REJECTED,
                    "Cognito refused: " + e.awsErrorDetails().errorMessage());
        } catch (SdkClientException e) {
            throw new CliException(ExitStatus.UNREACHABLE, "cannot reach Cognito: " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(report.toJson());
        } else {
            for (Finding finding : report.findings()) {
                out.println(finding.line());
            }
            out.println(
                    report.findings().isEmpty()
                            ? "audit " + userPoolId + ": no findings"
                            : "audit " + userPoolId + ": " + report.findings().size() + " finding(s)"
                                    + (report.hasBypass()
                                            ? ", a way to tokens around the triggers exists (exit "
                                                    + ExitStatus.BYPASS.code + ")"
                                            : ", none a way around the triggers"));
        }
        out.flush();
        return report.hasBypass() ? ExitStatus.BYPASS.code : ExitStatus.OK.code;
    }

    /** A Cognito client for {@code endpoint} (dummy credentials there unless the environment has some), else AWS. */
    static CognitoIdentityProviderClient client(URI endpoint, String region, Map<String, String> environment) {
        CognitoIdentityProviderClientBuilder builder = CognitoIdentityProviderClient.builder()
                .region(Region.of(region))
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
            builder.credentialsProvider(
                    environment.get("AWS_ACCESS_KEY_ID") == null
                            ? StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))
                            : DefaultCredentialsProvider.builder().build());
        }
        return builder.build();
    }
}
