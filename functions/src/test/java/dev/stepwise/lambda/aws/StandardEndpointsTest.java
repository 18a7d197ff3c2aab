package dev.stepwise.lambda.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.endpoints.DynamoDbEndpointParams;
import software.amazon.awssdk.services.dynamodb.endpoints.DynamoDbEndpointProvider;
import software.amazon.awssdk.services.kms.endpoints.KmsEndpointParams;
import software.amazon.awssdk.services.kms.endpoints.KmsEndpointProvider;
import software.amazon.awssdk.services.secretsmanager.endpoints.SecretsManagerEndpointParams;
import software.amazon.awssdk.services.secretsmanager.endpoints.SecretsManagerEndpointProvider;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.endpoints.SesV2EndpointParams;
import software.amazon.awssdk.services.sesv2.endpoints.SesV2EndpointProvider;
import software.amazon.awssdk.services.sns.endpoints.SnsEndpointParams;
import software.amazon.awssdk.services.sns.endpoints.SnsEndpointProvider;

class StandardEndpointsTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "us-east-1",
                "eu-west-1",
                "eu-central-2",
                "ap-southeast-4",
                "sa-east-1",
                "ca-west-1",
                "me-central-1",
                "af-south-1",
                "il-central-1",
                "mx-central-1",
                "us-gov-west-1",
                "cn-north-1",
                "cn-northwest-1",
                "us-iso-east-1",
                "eu-isoe-west-1"
            })
    void everyService_answersAsTheRulesEngine(String id) {
        Region region = Region.of(id);
        for (boolean fips : new boolean[] {false, true}) {
            for (boolean dualStack : new boolean[] {false, true}) {
                assertThat(url(StandardEndpoints.dynamoDb()
                                .resolveEndpoint(DynamoDbEndpointParams.builder()
                                        .region(region)
                                        .useFips(fips)
                                        .useDualStack(dualStack)
                                        .build())))
                        .isEqualTo(url(DynamoDbEndpointProvider.defaultProvider()
                                .resolveEndpoint(DynamoDbEndpointParams.builder()
                                        .region(region)
                                        .useFips(fips)
                                        .useDualStack(dualStack)
                                        .build())));
                assertThat(url(StandardEndpoints.kms()
                                .resolveEndpoint(KmsEndpointParams.builder()
                                        .region(region)
                                        .useFips(fips)
                                        .useDualStack(dualStack)
                                        .build())))
                        .isEqualTo(url(KmsEndpointProvider.defaultProvider()
                                .resolveEndpoint(KmsEndpointParams.builder()
                                        .region(region)
                                        .useFips(fips)
                                        .useDualStack(dualStack)
                                        .build())));
                assertThat(url(StandardEndpoints.sesV2()
                                .resolveEndpoint(SesV2EndpointParams.builder()
                                        .region(region)
                                        .useFips(fips)
                                        .useDualStack(dualStack)
                                        .build())))
                        .isEqualTo(url(SesV2EndpointProvider.defaultProvider()
                                .resolveEndpoint(SesV2EndpointParams.builder()
                                        .region(region)
                                        .useFips(fips)
                                        .useDualStack(dualStack)
                                        .build())));
                assertThat(url(StandardEndpoints.sns()
                                .resolveEndpoint(SnsEndpointParams.builder()
                                        .region(region)
                                        .useFips(fips)
                                        .useDualStack(dualStack)
                                        .build())))
                        .isEqualTo(url(SnsEndpointProvider.defaultProvider()
                                .resolveEndpoint(SnsEndpointParams.builder()
                                        .region(region)
                                        .useFips(fips)
                                        .useDualStack(dualStack)
                                        .build())));
                assertThat(url(StandardEndpoints.secretsManager()
                                .resolveEndpoint(SecretsManagerEndpointParams.builder()
                                        .region(region)
                                        .useFips(fips)
                                        .useDualStack(dualStack)
                                        .build())))
                        .isEqualTo(url(SecretsManagerEndpointProvider.defaultProvider()
                                .resolveEndpoint(SecretsManagerEndpointParams.builder()
                                        .region(region)
                                        .useFips(fips)
                                        .useDualStack(dualStack)
                                        .build())));
            }
        }
    }

    @ParameterizedTest
    @CsvSource({
        "us-east-1, https://dynamodb.us-east-1.amazonaws.com",
        "cn-north-1, https://dynamodb.cn-north-1.amazonaws.com.cn"
    })
    void plainRegion_isAnsweredWithoutTheRulesEngine(String id, String url) {
        assertThat(StandardEndpoints.plain("dynamodb", Region.of(id), null, false, false))
                .map(Endpoint::url)
                .hasValueSatisfying(u -> assertThat(u).hasToString(url));
        assertThat(StandardEndpoints.plain("dynamodb", Region.of(id), null, true, false))
                .isEmpty();
        assertThat(StandardEndpoints.plain("dynamodb", Region.of(id), "http://127.0.0.1:4566", true, true))
                .map(Endpoint::url)
                .hasValueSatisfying(u -> assertThat(u).hasToString("http://127.0.0.1:4566"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"us-east-1", "eu-west-3", "cn-north-1"})
    void requests_areSignedForTheServiceAndRegion(String id) {
        List<SdkHttpRequest> sent = new CopyOnWriteArrayList<>();
        SdkHttpClient refusing = new SdkHttpClient() {
            @Override
            public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
                sent.add(request.httpRequest());
                throw new IllegalStateException("not sent");
            }

            @Override
            public void close() {}
        };
        StaticCredentialsProvider credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));
        try (DynamoDbClient dynamoDb = DynamoDbClient.builder()
                        .region(Region.of(id))
                        .credentialsProvider(credentials)
                        .httpClient(refusing)
                        .endpointProvider(StandardEndpoints.dynamoDb())
                        .build();
                SesV2Client ses = SesV2Client.builder()
                        .region(Region.of(id))
                        .credentialsProvider(credentials)
                        .httpClient(refusing)
                        .endpointProvider(StandardEndpoints.sesV2())
                        .build()) {
            try {
                dynamoDb.getItem(b -> b.tableName("t").key(java.util.Map.of()));
            } catch (RuntimeException expected) {
                // refused before sending
            }
            try {
                ses.getAccount(b -> {});
            } catch (RuntimeException expected) {
                // refused before sending
            }
        }

        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).host()).startsWith("dynamodb." + id + ".");
        assertThat(sent.get(0).firstMatchingHeader("Authorization"))
                .hasValueSatisfying(auth -> assertThat(auth).contains("/" + id + "/dynamodb/aws4_request"));
        assertThat(sent.get(1).host()).startsWith("email." + id + ".");
        assertThat(sent.get(1).firstMatchingHeader("Authorization"))
                .hasValueSatisfying(auth -> assertThat(auth).contains("/" + id + "/ses/aws4_request"));
    }

    private static String url(java.util.concurrent.CompletableFuture<Endpoint> endpoint) {
        return endpoint.join().url().toString();
    }
}
