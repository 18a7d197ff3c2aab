package dev.stepwise.lambda;

import dev.stepwise.core.CodeDelivery;
import dev.stepwise.core.ConfigurationException;
import dev.stepwise.core.CustomAuthFlow;
import dev.stepwise.core.DeliveryMedium;
import dev.stepwise.core.Factor;
import dev.stepwise.core.FactorHandler;
import dev.stepwise.core.SecretBox;
import dev.stepwise.core.StateStore;
import dev.stepwise.lambda.aws.AwsClients;
import java.util.EnumMap;
import java.util.Map;

/**
 * The wiring of one function, in one place: settings ({@link FunctionConfig}) to AWS clients ({@link AwsClients}) to
 * adapters (state table, KMS box, SES and SNS senders) to the sign-in flow. A handler builds one at init, so each SDK
 * client exists at most once per container and only when the settings need it: Define builds only the DynamoDB client,
 * when there is a state table; Create adds SES or SNS for the factors its policies send; Verify adds them only to tell
 * of an authenticator app or a passkey added during sign-in; Create and Verify add KMS when {@code STEPWISE_KMS_KEY_ID} is set, built at the first TOTP secret they seal or open. With
 * {@code STEPWISE_SECRET_ARN}, the secret is read here, at init, from Secrets Manager.
 *
 * <p>The adapters package ({@code dev.stepwise.lambda.aws}) does not know this one: it is built from
 * {@link dev.stepwise.lambda.aws.AwsSettings}, never from the function's settings. Thread-safe.
 */
public final class FunctionWiring {
    private final FunctionConfig config;
    private final AwsClients clients;

    private FunctionWiring(FunctionConfig config, AwsClients clients) {
        this.config = config;
        this.clients = clients;
    }

    /**
     * Reads and validates every setting from {@code environment} and, when only its ARN is set, reads the Stepwise
     * secret from Secrets Manager. Builds no other client yet.
     *
     * @throws ConfigurationException naming the setting, what is wrong and how to fix it
     */
    public static FunctionWiring from(Map<String, String> environment) {
        FunctionConfig parsed = FunctionConfig.parse(environment);
        AwsClients clients = AwsClients.create(parsed.awsSettings());
        FunctionConfig config = parsed.keys() != null
                ? parsed
                : parsed.withKeys(clients.secretKeys(FunctionSetting.STEPWISE_SECRET_ARN.read(environment)));
        return new FunctionWiring(config, clients);
    }

    /**
     * Reads and validates every setting from {@code environment} as {@link #from} does, but never reads the Stepwise
     * secret: for a function that needs only the state table (post confirmation), so its role needs no access to the
     * key. {@link FunctionConfig#keys()} is then null unless {@code STEPWISE_SECRET} is set.
     *
     * @throws ConfigurationException naming the setting, what is wrong and how to fix it
     */
    public static FunctionWiring withoutSecret(Map<String, String> environment) {
        FunctionConfig parsed = FunctionConfig.parse(environment);
        return new FunctionWiring(parsed, AwsClients.create(parsed.awsSettings()));
    }

    /** The parsed settings, with the keys. */
    public FunctionConfig config() {
        return config;
    }

    /** The AWS clients, built on first use. */
    public AwsClients clients() {
        return clients;
    }

    /**
     * Runs {@code work} with this function's AWS clients answered in process, nothing sent (SnapStart priming); see
     * {@link AwsClients#offline}.
     */
    void offline(Runnable work) {
        clients.offline(work);
    }

    /**
     * The flow of the Define handler, which sends nothing and never seals or opens a TOTP secret: it builds no SES,
     * SNS or KMS client (the CDK app grants Define no KMS key either).
     */
    public CustomAuthFlow defineFlow() {
        return config.flow(Map.of(), stateStore(), config.localSecrets());
    }

    /** The flow of the Create handler, with a sender for each medium the policies send codes or links by. */
    public CustomAuthFlow createFlow() {
        return flow(deliveries());
    }

    /** The flow of the Verify handler: with the senders only when it tells of an enrolment during sign-in. */
    public CustomAuthFlow verifyFlow() {
        boolean notifies =
                config.factorSettings().totpSetup() || config.factors().stream().anyMatch(FactorHandler::setupAllowed);
        return flow(notifies ? deliveries() : Map.of());
    }

    /**
     * The flow over the given senders, this function's state table and its TOTP secret box.
     *
     * @param deliveries a sender per medium
     */
    public CustomAuthFlow flow(Map<DeliveryMedium, CodeDelivery> deliveries) {
        return flow(deliveries, stateStore());
    }

    /** This function's state table, or {@code null} when none is configured. */
    public StateStore stateStore() {
        return config.stateTable() == null ? null : clients.stateStore(config.stateTable());
    }

    /**
     * The flow over the given senders and state table, and this function's TOTP secret box (tests and embedding: the
     * functions themselves use the DynamoDB table named by {@code STEPWISE_STATE_TABLE}).
     *
     * @param deliveries a sender per medium
     * @param state the state table, or {@code null} when neither the policies nor the abuse controls need one
     */
    public CustomAuthFlow flow(Map<DeliveryMedium, CodeDelivery> deliveries, StateStore state) {
        SecretBox local = config.localSecrets();
        SecretBox secrets = config.kmsKeyId() == null ? local : clients.kmsSecretBox(config.kmsKeyId(), local);
        return config.flow(deliveries, state, secrets);
    }

    /**
     * A sender per medium that the policies use: SES v2 for {@code email_code} and {@code email_link}, SNS for
     * {@code phone_code}.
     *
     * @throws ConfigurationException when a needed setting (sender address, region) is missing
     */
    public Map<DeliveryMedium, CodeDelivery> deliveries() {
        Map<DeliveryMedium, CodeDelivery> deliveries = new EnumMap<>(DeliveryMedium.class);
        if (config.policies().uses(Factor.EMAIL_CODE) || config.policies().uses(Factor.EMAIL_LINK)) {
            deliveries.put(DeliveryMedium.EMAIL, clients.email(config.requireEmailFrom()));
        }
        if (config.policies().uses(Factor.PHONE_CODE)) {
            deliveries.put(DeliveryMedium.SMS, clients.sms());
        }
        return deliveries;
    }
}
