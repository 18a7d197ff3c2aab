package dev.stepwise.harness.scenario;

import dev.stepwise.core.BackupCodes;
import dev.stepwise.core.StepwiseKeys;
import dev.stepwise.harness.client.HttpMailbox;
import dev.stepwise.harness.emulator.CognitoEmulator;
import dev.stepwise.lambda.aws.DynamoDbStateStore;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Runs scenarios on embedded emulators with the bundled triggers: one emulator per distinct policy and environment
 * (started on first use, on a free port), a new pool, client and user per scenario, the mailbox emptied before each.
 *
 * <p>Not thread-safe: run one scenario at a time.
 */
public final class EmulatorTarget implements ScenarioTarget {

    private static final String REGION = "us-east-1";
    private static final String ARN = "arn:aws:lambda:" + REGION + ":000000000000:function:";

    private final Map<Map<String, String>, Running> emulators = new HashMap<>();
    private final String name;
    private final Consumer<CognitoEmulator.Builder> customizer;

    private EmulatorTarget(String name, Consumer<CognitoEmulator.Builder> customizer) {
        this.name = Objects.requireNonNull(name, "name");
        this.customizer = Objects.requireNonNull(customizer, "customizer");
    }

    /** Emulators with the bundled triggers. */
    public static EmulatorTarget create() {
        return new EmulatorTarget("emulator", builder -> {});
    }

    /**
     * Emulators configured further by {@code customizer} before they start, e.g. with your own triggers
     * ({@link CognitoEmulator.Builder#defineTrigger(String)}) or trigger jars.
     */
    public static EmulatorTarget create(Consumer<CognitoEmulator.Builder> customizer) {
        return new EmulatorTarget("emulator", customizer);
    }

    /** Customized emulators under another name in reports and comparisons (e.g. two configurations compared). */
    public static EmulatorTarget create(String name, Consumer<CognitoEmulator.Builder> customizer) {
        return new EmulatorTarget(name, customizer);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ScenarioEnvironment prepare(Scenario scenario) {
        Map<String, String> environment = new TreeMap<>(scenario.environment());
        environment.put("STEPWISE_POLICY", scenario.policy());
        Running running = emulators.computeIfAbsent(environment, this::start);
        running.mailbox.clear();
        PoolProvisioner pools = new PoolProvisioner(running.cognito);
        String poolId = pools.pool(
                "scenario",
                ARN + CognitoEmulator.DEFINE_FUNCTION,
                ARN + CognitoEmulator.CREATE_FUNCTION,
                ARN + CognitoEmulator.VERIFY_FUNCTION,
                ARN + CognitoEmulator.TOKEN_GENERATION_FUNCTION);
        String clientId = pools.client(poolId, scenario.preventUserExistenceErrors());
        pools.user(poolId, scenario.user());
        List<String> backupCodes = scenario.user().exists() && scenario.user().backupCodes() > 0
                ? backupCodes(running, poolId, scenario.user())
                : List.of();
        return new ScenarioEnvironment(
                running.emulator.endpoint(), REGION, poolId, clientId, running.mailbox, backupCodes, true);
    }

    /** Generates the user's backup codes in the emulator's state table, as {@code stepwise backup-codes} does. */
    private static List<String> backupCodes(Running running, String poolId, ScenarioUser user) {
        try (DynamoDbClient dynamo = DynamoDbClient.builder()
                .endpointOverride(running.emulator.endpoint())
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            return new BackupCodes(
                            new DynamoDbStateStore(dynamo, running.stateTable),
                            StepwiseKeys.fromBase64(running.secret),
                            new SecureRandom())
                    .generate(poolId, user.username(), user.backupCodes(), Instant.now());
        }
    }

    private Running start(Map<String, String> scenarioEnvironment) {
        Map<String, String> environment = new LinkedHashMap<>(scenarioEnvironment);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        // Known here, so backup codes can be provisioned with the triggers' key.
        environment.putIfAbsent("STEPWISE_SECRET", Base64.getEncoder().encodeToString(key));
        environment.putIfAbsent("STEPWISE_STATE_TABLE", "stepwise-state");
        CognitoEmulator.Builder builder =
                CognitoEmulator.builder().bundledTriggers(environment).functionLog(line -> {});
        customizer.accept(builder);
        CognitoEmulator emulator = builder.start();
        CognitoIdentityProviderClient cognito = CognitoIdentityProviderClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        return new Running(
                emulator,
                cognito,
                HttpMailbox.at(emulator.endpoint(), REGION),
                environment.get("STEPWISE_SECRET"),
                environment.get("STEPWISE_STATE_TABLE"));
    }

    @Override
    public void close() {
        emulators.values().forEach(r -> {
            r.cognito.close();
            r.emulator.close();
        });
        emulators.clear();
    }

    private record Running(
            CognitoEmulator emulator,
            CognitoIdentityProviderClient cognito,
            HttpMailbox mailbox,
            String secret,
            String stateTable) {
        @Override
        public String toString() {
            return "Running[" + emulator.endpoint() + "]";
        }
    }
}
