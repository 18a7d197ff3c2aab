package dev.stepwise.bench;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Puts the benchmark's secret into the emulator's Secrets Manager, so a cold start can read it from there. */
final class BenchSecrets {
    private BenchSecrets() {}

    /** Creates the secret with {@code value} and returns its ARN. */
    static String create(URI endpoint, String value) {
        try (SecretsManagerClient client = SecretsManagerClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build()) {
            return client.createSecret(r -> r.name("stepwise-bench").secretString(value))
                    .arn();
        }
    }
}
