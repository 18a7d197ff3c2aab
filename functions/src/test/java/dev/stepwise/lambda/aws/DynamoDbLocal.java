package dev.stepwise.lambda.aws;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import dev.stepwise.core.InMemoryStateStore;
import dev.stepwise.core.StateStore;
import java.net.ServerSocket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** DynamoDB Local, in-process and in-memory, on a free port, with the state table the CDK app creates. */
public final class DynamoDbLocal implements AutoCloseable {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private final DynamoDBProxyServer server;
    private final DynamoDbClient client;
    private final URI endpoint;

    private DynamoDbLocal(DynamoDBProxyServer server, DynamoDbClient client, URI endpoint) {
        this.server = server;
        this.client = client;
        this.endpoint = endpoint;
    }

    public static DynamoDbLocal start() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
                new String[] {"-inMemory", "-port", Integer.toString(port)});
        server.start();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        DynamoDbClient client = DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
        return new DynamoDbLocal(server, client, endpoint);
    }

    public DynamoDbClient client() {
        return client;
    }

    /** The endpoint, for clients of its own. */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * The store the functions use ({@link AwsClients#stateStore}: hand-signed calls) over the table {@code table}
     * here, through a client of its own.
     */
    public StateStore signedStore(String table) {
        return AwsClients.create(AwsSettings.forFunctions(
                        "us-east-1", endpoint, new AwsSettings.Credentials("test", "test", null)))
                .stateStore(table);
    }

    public void createTable(String name) {
        client.createTable(r -> r.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder()
                                .attributeName("pk")
                                .attributeType(ScalarAttributeType.S)
                                .build(),
                        AttributeDefinition.builder()
                                .attributeName("sk")
                                .attributeType(ScalarAttributeType.S)
                                .build())
                .keySchema(
                        KeySchemaElement.builder()
                                .attributeName("pk")
                                .keyType(KeyType.HASH)
                                .build(),
                        KeySchemaElement.builder()
                                .attributeName("sk")
                                .keyType(KeyType.RANGE)
                                .build()));
    }

    /**
     * The three state stores a parameterized test runs over, as named arguments: a new in-memory one, and a new table in
     * this DynamoDB Local, named {@code prefix} and a number, each time the supplier is asked, through the SDK's client
     * ({@link DynamoDbStateStore}) and through the functions' signed calls ({@link SignedStateStore}).
     */
    public Stream<Arguments> stores(String prefix) {
        Supplier<StateStore> memory = InMemoryStateStore::new;
        Supplier<StateStore> dynamoDb = () -> {
            String table = prefix + TABLES.incrementAndGet();
            createTable(table);
            return new DynamoDbStateStore(client(), table);
        };
        Supplier<StateStore> signed = () -> {
            String table = prefix + TABLES.incrementAndGet();
            createTable(table);
            return signedStore(table);
        };
        return Stream.of(
                Arguments.of("in memory", memory),
                Arguments.of("DynamoDB Local", dynamoDb),
                Arguments.of("DynamoDB Local, signed calls", signed));
    }

    @Override
    public void close() throws Exception {
        client.close();
        server.stop();
    }
}
