package dev.stepwise.lambda.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepwise.core.ConfigurationException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AwsClientsTest {
    private static final AwsSettings SETTINGS = AwsSettings.forFunctions(
            "eu-west-1",
            URI.create("http://127.0.0.1:1"),
            new AwsSettings.Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null));

    @Test
    void clients_askedManyTimesFromManyThreads_eachBuiltOnce() throws Exception {
        AwsClients clients = AwsClients.create(SETTINGS);
        List<Callable<List<Object>>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> List.of(clients.kms()));
        }
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<List<Object>> seen = new ArrayList<>();
        try {
            for (Future<List<Object>> result : threads.invokeAll(calls)) {
                seen.add(result.get());
            }
        } finally {
            threads.shutdown();
        }

        for (int client = 0; client < 1; client++) {
            int index = client;
            Set<Object> instances = seen.stream()
                    .map(list -> list.get(index))
                    .collect(Collectors.toCollection(
                            () -> java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>())));
            assertThat(instances).hasSize(1);
        }
    }

    @Test
    void stateStore_withoutRegion_namesTheSetting() {
        AwsClients clients = AwsClients.create(AwsSettings.forFunctions(null, null, null));

        assertThatThrownBy(() -> clients.stateStore("state"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("AWS_REGION is not set");
    }

    @Test
    void credentials_toString_redactsTheSecretParts() {
        assertThat(new AwsSettings.Credentials("AKIDEXAMPLE", "SECRETKEY", "TOKEN").toString())
                .contains("AKIDEXAMPLE")
                .doesNotContain("SECRETKEY")
                .doesNotContain("TOKEN");
    }
}
