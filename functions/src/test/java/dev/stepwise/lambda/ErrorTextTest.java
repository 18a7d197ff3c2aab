package dev.stepwise.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepwise.core.DeliveryException;
import dev.stepwise.core.InMemoryStateStore;
import dev.stepwise.lambda.aws.DynamoDbLocal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A failing state table, KMS or sender gives the person signing in one of the fixed texts, never an ARN, a table name
 * or a provider's message; the details go to the log line only.
 */
class ErrorTextTest {
    private static final String KMS_KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final Map<String, String> ALICE = Map.of("email", "alice@example.com", "email_verified", "true");

    private static String lastLine(HandlerRig triggers) {
        return triggers.logLines.get(triggers.logLines.size() - 1);
    }

    @Test
    void stateTableMissing_userSeesTheFixedTextWithoutTheTableName() throws Exception {
        try (DynamoDbLocal dynamo = DynamoDbLocal.start()) {
            HandlerRig triggers = new HandlerRig(
                    Map.of("STEPWISE_POLICY", "email_code"), null, dynamo.signedStore("secret-table-name"));

            assertThatThrownBy(() -> new CognitoLoop(triggers, "alice", "client1", ALICE, false).open(1))
                    .isInstanceOf(SignInFailedException.class)
                    .hasMessage(SignInFailedException.MESSAGE)
                    .hasNoCause();
            assertThat(lastLine(triggers)).contains("\"outcome\":\"error\"");
        }
    }

    @Test
    void stateTableDown_verify_userSeesTheFixedText() {
        InMemoryStateStore state = new InMemoryStateStore();
        HandlerRig triggers = new HandlerRig(Map.of("STEPWISE_POLICY", "email_code"), null, state);
        CognitoLoop loop = new CognitoLoop(triggers, "alice", "client1", ALICE, false);
        var opened = loop.open(1).get(0);
        state.failing(true);

        assertThatThrownBy(() -> loop.answer(opened, triggers.lastCode()))
                .isInstanceOf(SignInFailedException.class)
                .hasMessage(SignInFailedException.MESSAGE);
    }

    @Test
    void kmsUnreachable_userSeesTheFixedTextWithoutTheKeyArn() {
        HandlerRig triggers = new HandlerRig(Map.of(
                "STEPWISE_POLICY", "email_code > totp",
                "STEPWISE_TOTP_SETUP", "on",
                "STEPWISE_KMS_KEY_ID", KMS_KEY,
                "STEPWISE_AWS_ENDPOINT", "http://127.0.0.1:1",
                "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test"));
        CognitoLoop loop = new CognitoLoop(triggers, "alice", "client1", ALICE, false);

        assertThatThrownBy(() -> loop.signIn(false, false, challenge -> triggers.lastCode()))
                .isInstanceOf(SignInFailedException.class)
                .hasMessage(SignInFailedException.MESSAGE)
                .message()
                .doesNotContain("arn:aws")
                .doesNotContain("KMS");
        assertThat(lastLine(triggers)).contains("\"outcome\":\"error\"").contains("StateStoreException");
    }

    @Test
    void senderRejects_userSeesTheFixedSendTextWithoutTheProviderMessage() {
        HandlerRig triggers = new HandlerRig(Map.of("STEPWISE_POLICY", "email_code"), message -> {
            throw new DeliveryException("SES v2 SendEmail failed (MessageRejected, HTTP 400): Email address is not"
                    + " verified. The following identities failed the check: alice@example.com");
        });

        assertThatThrownBy(() -> new CognitoLoop(triggers, "alice", "client1", ALICE, false).open(1))
                .isInstanceOf(DeliveryException.class)
                .hasMessage(DeliveryException.REFUSED)
                .hasNoCause();
        assertThat(lastLine(triggers)).contains("MessageRejected, HTTP 400");
    }
}
