package dev.stepwise.lambda.aws;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.endpoints.DynamoDbEndpointProvider;
import software.amazon.awssdk.services.kms.endpoints.KmsEndpointProvider;
import software.amazon.awssdk.services.secretsmanager.endpoints.SecretsManagerEndpointProvider;
import software.amazon.awssdk.services.sesv2.endpoints.SesV2EndpointProvider;
import software.amazon.awssdk.services.sns.endpoints.SnsEndpointProvider;

/**
 * The endpoint of a call, found without the SDK's endpoint rules engine when it is the plain one: the endpoint override
 * when there is one, else {@code https://<service>.<region>.<suffix>} for a region of the commercial, China or
 * GovCloud partitions with neither FIPS nor dual-stack asked for. Everything else (other partitions, FIPS, dual-stack,
 * DynamoDB's account-based endpoints when required) goes to the rules engine. The rules engine parses the partitions
 * table and evaluates the service's rules on a client's first call, which costs a cold start tens of milliseconds and
 * over a hundred classes; the answer for the plain case is the same.
 */
final class StandardEndpoints {
    private static final Pattern COMMERCIAL = Pattern.compile("^(us|eu|ap|sa|ca|me|af|il|mx)-\\w+-\\d+$");
    private static final Pattern GOV_CLOUD = Pattern.compile("^us-gov-\\w+-\\d+$");
    private static final Pattern CHINA = Pattern.compile("^cn-\\w+-\\d+$");

    private StandardEndpoints() {}

    /**
     * The plain endpoint, or empty when the rules engine must decide.
     *
     * @param prefix the service's endpoint prefix, e.g. {@code dynamodb}, {@code email} (SES)
     * @param region the client's region
     * @param override the endpoint override, or {@code null}
     * @param fips whether FIPS endpoints were asked for ({@code null}: no)
     * @param dualStack whether dual-stack endpoints were asked for ({@code null}: no)
     */
    static Optional<Endpoint> plain(String prefix, Region region, String override, Boolean fips, Boolean dualStack) {
        if (override != null) {
            return Optional.of(Endpoint.builder().url(URI.create(override)).build());
        }
        if (Boolean.TRUE.equals(fips) || Boolean.TRUE.equals(dualStack) || region == null) {
            return Optional.empty();
        }
        String id = region.id();
        String suffix;
        if (COMMERCIAL.matcher(id).matches() || GOV_CLOUD.matcher(id).matches()) {
            suffix = "amazonaws.com";
        } else if (CHINA.matcher(id).matches()) {
            suffix = "amazonaws.com.cn";
        } else {
            return Optional.empty();
        }
        return Optional.of(Endpoint.builder()
                .url(URI.create("https://" + prefix + "." + id + "." + suffix))
                .build());
    }

    /** DynamoDB's: the rules engine decides when account-based endpoints are required. */
    static DynamoDbEndpointProvider dynamoDb() {
        return p -> resolve(
                "required".equals(p.accountIdEndpointMode())
                        ? Optional.empty()
                        : plain("dynamodb", p.region(), p.endpoint(), p.useFips(), p.useDualStack()),
                () -> DynamoDbEndpointProvider.defaultProvider().resolveEndpoint(p));
    }

    /** KMS's. */
    static KmsEndpointProvider kms() {
        return p -> resolve(
                plain("kms", p.region(), p.endpoint(), p.useFips(), p.useDualStack()),
                () -> KmsEndpointProvider.defaultProvider().resolveEndpoint(p));
    }

    /** SES v2's: the rules engine decides for a multi-region endpoint ({@code EndpointId}). */
    static SesV2EndpointProvider sesV2() {
        return p -> resolve(
                p.endpointId() != null
                        ? Optional.empty()
                        : plain("email", p.region(), p.endpoint(), p.useFips(), p.useDualStack()),
                () -> SesV2EndpointProvider.defaultProvider().resolveEndpoint(p));
    }

    /** SNS's. */
    static SnsEndpointProvider sns() {
        return p -> resolve(
                plain("sns", p.region(), p.endpoint(), p.useFips(), p.useDualStack()),
                () -> SnsEndpointProvider.defaultProvider().resolveEndpoint(p));
    }

    /** Secrets Manager's. */
    static SecretsManagerEndpointProvider secretsManager() {
        return p -> resolve(
                plain("secretsmanager", p.region(), p.endpoint(), p.useFips(), p.useDualStack()),
                () -> SecretsManagerEndpointProvider.defaultProvider().resolveEndpoint(p));
    }

    private static CompletableFuture<Endpoint> resolve(
            Optional<Endpoint> plain, Supplier<CompletableFuture<Endpoint>> rules) {
        return plain.map(CompletableFuture::completedFuture).orElseGet(rules);
    }
}
